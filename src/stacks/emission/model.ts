import type { Answers } from '../../core/questions/types.js';

/**
 * What the answers mean, worked out once: the modes every other file of this stack asks about, and the
 * names derived from the public URL.
 */
export const isDocker = (a: Answers): boolean => a['runtime'] !== 'native';
export const isNative = (a: Answers): boolean => a['runtime'] === 'native';
export const tlsMode = (a: Answers): 'letsencrypt' | 'own' | 'builtin' => (a['tls.mode'] as 'letsencrypt' | 'own' | 'builtin' | undefined) ?? 'letsencrypt';
/** nginx terminates TLS in front of the server (Let's Encrypt or the admin's own files). */
export const behindProxy = (a: Answers): boolean => tlsMode(a) !== 'builtin';
export const usesCertificateFiles = (a: Answers): boolean => tlsMode(a) !== 'letsencrypt';
export const authMethod = (a: Answers): string => String(a['auth.method'] ?? 'token_list');
export const mongoMode = (a: Answers): 'container' | 'local' | 'external' => (a['mongodb.mode'] as 'container' | 'local' | 'external' | undefined) ?? (isDocker(a) ? 'container' : 'local');
export const pushEnabled = (a: Answers): boolean => a['push.enabled'] === true;
export const diskEnabled = (a: Answers): boolean => a['disk.enabled'] === true;
export const usesTimers = (a: Answers): boolean => a['schedule.with'] !== 'cron';

/** The silent-push intervals the phones may subscribe to, in seconds (upstream's crontab examples). */
export const PUSH_INTERVALS = [60, 600, 1800, 3600] as const;

export const silentIntervals = (a: Answers): number[] =>
  pushEnabled(a) ? String(a['push.silent_intervals'] ?? '3600').split(',').map((s) => Number(s.trim())) : [];

export interface PublicUrl {
  readonly url: string;
  readonly host: string;
  /** The path the server answers under, '/' or e.g. '/api/': nginx strips it before the server sees it. */
  readonly prefix: string;
}

export function publicUrl(a: Answers): PublicUrl {
  const url = new URL(String(a['public_url'] ?? 'https://emission.example.org/'));
  return { url: url.href, host: url.hostname, prefix: url.pathname };
}

export { isPrivateHost } from '../../kit/net/private-host.js';

/** Where the data goes: the encrypted disk's mount point when there is one. */
export const dataRoot = (a: Answers): string => String(a['data_dir'] ?? (diskEnabled(a) ? String(a['disk.mount_point'] ?? '/mnt/emission') : '/var/lib/emission'));
export const logDir = (a: Answers): string => String(a['logs.dir'] ?? `${dataRoot(a)}/logs`);

/** Intake schedules offered: the name, systemd's OnCalendar= and cron's schedule for the same times. */
export const INTAKE_SCHEDULES = {
  hourly: { calendar: '*-*-* *:05:00', cron: '5 * * * *', words: 'every hour at :05' },
  'every-6-hours': { calendar: '*-*-* 00/6:05:00', cron: '5 */6 * * *', words: 'every 6 hours at :05' },
  daily: { calendar: '*-*-* 03:05:00', cron: '5 3 * * *', words: 'every day at 03:05' },
} as const;
export type IntakeSchedule = keyof typeof INTAKE_SCHEDULES;
export const intakeSchedule = (a: Answers) => INTAKE_SCHEDULES[(a['intake.schedule'] as IntakeSchedule | undefined) ?? 'hourly'];

/** systemd OnCalendar= and cron schedules for each silent-push interval (upstream's crontab lines). */
export const PUSH_SCHEDULES: Readonly<Record<number, { calendar: string; cron: string }>> = {
  60: { calendar: '*-*-* *:*:00', cron: '*/1 * * * *' },
  600: { calendar: '*-*-* *:00/10:00', cron: '*/10 * * * *' },
  1800: { calendar: '*-*-* *:00/30:00', cron: '*/30 * * * *' },
  3600: { calendar: '*-*-* *:59:00', cron: '59 * * * *' },
};

/** A mongodb:// or mongodb+srv:// URI in its parts (path and query with their / and ?), or undefined. */
export function parseMongoUri(value: string): { scheme: string; hosts: string; path?: string; query?: string } | undefined {
  const m = /^(mongodb(?:\+srv)?):\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/u.exec(value);
  return m ? { scheme: m[1]!, hosts: m[2]!, ...(m[3] ? { path: m[3] } : {}), ...(m[4] ? { query: m[4] } : {}) } : undefined;
}

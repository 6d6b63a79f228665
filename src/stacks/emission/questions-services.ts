import { envFormat } from '../../kit/formats/env.js';
import { crontabFormat } from '../../kit/formats/crontab.js';
import { jsonFormat } from '../../kit/formats/json.js';
import { systemdFormat } from '../../kit/formats/systemd.js';
import type { Format } from '../../core/formats/format.js';
import type { Answers, Question } from '../../core/questions/types.js';
import { dataRoot, INTAKE_SCHEDULES, isDocker, PUSH_INTERVALS, pushEnabled } from './model.js';

const CONFIGS_URL = 'https://raw.githubusercontent.com/e-mission/op-deployment-configs/main/configs/';

/** An http(s) URL of a service the server calls (Nominatim, Habitica, the study configs). */
function serviceUrlProblem(value: string, mustEndWithSlash = false): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL (it needs http:// or https:// and a host)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `starts with ${url.protocol}//; give an http:// or https:// URL`;
  if (mustEndWithSlash && !value.endsWith('/')) return `does not end with "/"; the server appends <study>.nrel-op.json to it: write ${value}/`;
  return undefined;
}

export function intervalsProblem(value: string): string | undefined {
  const parts = value.split(',').map((s) => s.trim());
  const bad = parts.filter((p) => !PUSH_INTERVALS.map(String).includes(p));
  if (bad.length > 0) return `holds ${bad.map((b) => `"${b}"`).join(', ')}; give some of ${PUSH_INTERVALS.join(', ')} (seconds), comma-separated`;
  if (new Set(parts).size !== parts.length) return 'names an interval twice';
  return undefined;
}

const optionalService = (id: string, name: string, what: string, variable: string, example: string, formats: readonly Format[]): Question[] => [
  {
    id: `${id}.enabled`,
    kind: 'boolean',
    section: 'Services',
    prompt: `Use ${name}?`,
    label: name,
    help: what,
    default: false,
    formats: [],
    example: false,
  },
  {
    id: `${id}.url`,
    kind: 'text',
    section: 'Services',
    prompt: `${name} URL?`,
    label: `${name} URL`,
    help: `${variable}. ${what}`,
    when: (a: Answers) => a[`${id}.enabled`] === true,
    whenText: `when ${id}.enabled is true`,
    validate: (v: string) => serviceUrlProblem(v),
    formats,
    example,
  },
];

/** Pushes, optional services, where data and logs go, and the schedule of the batch jobs. */
/** The study's deployment config: asked before sign-in, whose codes carry the study's name. */
export const studyQuestions: readonly Question[] = [
  {
    id: 'study.config',
    kind: 'text',
    section: 'Study',
    prompt: 'Name of the study\'s deployment config?',
    label: 'Study config',
    help: 'STUDY_CONFIG: the server reads <configs URL><name>.nrel-op.json (sign-in rules, labels, and for dynamic auth its method). fieldstation also writes <name>.nrel-op.json with this server\'s connectUrl for you to publish.',
    pattern: /^[a-z0-9][a-z0-9-]{0,62}$/u,
    patternText: 'is not 1-63 lower-case letters, digits and hyphens',
    formats: [envFormat, jsonFormat, systemdFormat, crontabFormat],
    example: 'my-study',
  },
  {
    id: 'study.configs_url',
    kind: 'text',
    section: 'Study',
    prompt: 'URL of the folder of deployment configs?',
    label: 'Configs URL',
    help: 'CONFIGS_URL. Upstream\'s published configs by default. A server without internet access points it at a local copy, e.g. the one this server\'s nginx serves at https://<host>/deploy-configs/ (at the host\'s root, whatever the public URL\'s path). Upstream reads CONFIGS_URL since February 2026: older server images always read upstream\'s published configs.',
    default: CONFIGS_URL,
    validate: (v) => serviceUrlProblem(v, true),
    formats: [envFormat, systemdFormat, crontabFormat],
    example: CONFIGS_URL,
  },
];

export const serviceQuestions: readonly Question[] = [
  {
    id: 'push.enabled',
    kind: 'boolean',
    section: 'Push notifications',
    prompt: 'Send push notifications (Firebase)?',
    label: 'Push',
    help: 'iOS phones rely on silent pushes to sync and to end trips when visits are missed; survey reminders use them too. Needs a Firebase project and its service-account key (FCM HTTP v1).',
    default: false,
    formats: [],
    example: true,
  },
  {
    id: 'push.project_id',
    kind: 'text',
    section: 'Push notifications',
    prompt: 'Firebase project id?',
    label: 'Firebase project',
    help: 'From the Firebase console\'s project settings (General tab).',
    when: pushEnabled,
    whenText: 'when push.enabled is true',
    pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/u,
    patternText: 'is not a Firebase project id (6-30 lower-case letters, digits and hyphens)',
    formats: [envFormat, jsonFormat],
    example: 'my-study-app',
  },
  {
    id: 'push.service_account_file',
    kind: 'path',
    section: 'Push notifications',
    prompt: 'Service-account key file (JSON)?',
    label: 'Service account file',
    help: 'Downloaded from the Firebase console (Project settings, Service accounts). Checked before anything is written: a service-account key of the same project.',
    when: pushEnabled,
    whenText: 'when push.enabled is true',
    formats: [envFormat, jsonFormat],
    example: '/etc/emission/firebase-service-account.json',
  },
  {
    id: 'push.app_package_name',
    kind: 'text',
    section: 'Push notifications',
    prompt: 'App package name?',
    label: 'App package',
    help: 'The app id of your build (config.xml), used when iOS tokens are imported into Firebase.',
    when: pushEnabled,
    whenText: 'when push.enabled is true',
    default: 'edu.berkeley.eecs.emission',
    pattern: /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/u,
    patternText: 'is not a package name such as org.example.app',
    formats: [envFormat, jsonFormat],
    example: 'edu.berkeley.eecs.emission',
  },
  {
    id: 'push.ios_token_format',
    kind: 'choice',
    section: 'Push notifications',
    prompt: 'Token format of the iOS app?',
    label: 'iOS token format',
    help: 'fcm for current app builds; apns for builds that register native APNs tokens (the server maps them through Firebase).',
    when: pushEnabled,
    whenText: 'when push.enabled is true',
    choices: [
      { value: 'fcm', label: 'fcm (current builds)' },
      { value: 'apns', label: 'apns (older builds)' },
    ],
    default: 'fcm',
    formats: [envFormat, jsonFormat],
    example: 'fcm',
  },
  {
    id: 'push.silent_intervals',
    kind: 'text',
    section: 'Push notifications',
    prompt: 'Silent-push intervals to run, in seconds (some of 60, 600, 1800, 3600)?',
    label: 'Silent pushes',
    help: 'Phones subscribe to one sync interval; each interval listed gets its own scheduled job (upstream\'s bin/push/silent_ios_push.py <seconds>). 3600 is what most deployments run.',
    when: pushEnabled,
    whenText: 'when push.enabled is true',
    default: '3600',
    validate: (v) => intervalsProblem(v),
    formats: [],
    example: '3600',
  },
  ...optionalService('nominatim', 'Nominatim', 'Server-side place names for trips (NOMINATIM_QUERY_URL); without it the phones look them up. Use your own instance or a provider whose usage policy allows it.', 'NOMINATIM_QUERY_URL', 'https://nominatim.example.org',
    // Native runs give it to the server in its units' Environment= or the crontab.
    [envFormat, jsonFormat, systemdFormat, crontabFormat]),
  ...optionalService('habitica', 'Habitica', 'The game integration: a Habitica server URL (conf/net/ext_service/habitica.json).', 'habitica.json\'s url', 'https://habitica.com', [envFormat, jsonFormat]),
  {
    id: 'data_dir',
    kind: 'path',
    section: 'Storage',
    prompt: 'Folder for the server\'s data?',
    label: 'Data folder',
    help: 'MongoDB\'s data (container mode) in <folder>/mongo, certificates in <folder>/letsencrypt. On the encrypted disk when there is one.',
    when: isDocker,
    whenText: 'when runtime is docker',
    default: dataRoot,
    validate: (v) => (v.includes(':') ? 'contains ":", which Compose\'s volume syntax (source:target) cannot carry' : undefined),
    formats: [envFormat],
    example: '/var/lib/emission',
  },
  {
    id: 'logs.dir',
    kind: 'path',
    section: 'Storage',
    prompt: 'Folder for the logs?',
    label: 'Log folder',
    help: 'The web server\'s, the pipeline\'s and the export\'s logs (conf/log/*.conf). They hold locations: upstream warns that /var/tmp, its default, is unencrypted. On the encrypted disk when there is one.',
    default: (a) => `${a['data_dir'] === undefined ? dataRoot(a) : String(a['data_dir'])}/logs`,
    // intake_multiprocess.py renames its log files by replacing "intake" in the whole path.
    validate: (v) => (v.includes(':') ? 'contains ":", which Compose\'s volume syntax cannot carry'
      : v.includes('intake') ? 'contains "intake", which upstream\'s pipeline replaces in its log paths (intake_multiprocess.py renames intake to intake_launcher in the whole path); choose a folder without it' : undefined),
    formats: [jsonFormat],
    example: '/var/lib/emission/logs',
  },
  {
    id: 'intake.schedule',
    kind: 'choice',
    section: 'Schedule',
    prompt: 'How often should the intake pipeline run?',
    label: 'Pipeline schedule',
    help: 'bin/intake_multiprocess.py segments trips, infers modes and prepares what the app shows. Hourly keeps the app fresh; daily suits a busy server.',
    choices: Object.entries(INTAKE_SCHEDULES).map(([value, s]) => ({ value, label: s.words })),
    default: 'hourly',
    formats: [],
    example: 'hourly',
  },
  {
    id: 'intake.processes',
    kind: 'integer',
    section: 'Schedule',
    prompt: 'Worker processes for the pipeline?',
    label: 'Pipeline processes',
    help: 'intake_multiprocess.py\'s argument: participants are split among this many processes. Up to the number of cores.',
    default: 2,
    min: 1,
    max: 64,
    formats: [],
    example: 2,
  },
  {
    id: 'schedule.with',
    kind: 'choice',
    section: 'Schedule',
    prompt: 'Run the scheduled jobs with?',
    label: 'Scheduler',
    help: 'systemd timers (catch up after downtime, logs in journalctl) or crontab lines in /etc/cron.d/emission, as upstream\'s docs do.',
    choices: [
      { value: 'systemd', label: 'systemd timers (recommended)' },
      { value: 'cron', label: 'cron (/etc/cron.d)' },
    ],
    default: 'systemd',
    formats: [],
    example: 'systemd',
  },
];

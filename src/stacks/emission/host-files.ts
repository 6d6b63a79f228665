import type { Problem } from '../../core/errors.js';
import type { Answers } from '../../core/questions/types.js';
import type { HostFileRef, HostFileRules } from '../../core/stack.js';
import { publicUrl, pushEnabled, tlsMode, usesCertificateFiles } from './model.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const TLS_IDS = { certificate: 'tls.certificate', key: 'tls.private_key', chain: 'tls.chain' } as const;

/**
 * The Firebase service-account key as the server's pyfcm loads it (google.oauth2 service_account): a JSON
 * object of type service_account with a private key and a client e-mail, of the project the server sends
 * pushes for. Only what is wrong is said, never a value from the file.
 */
export function serviceAccountProblems(bytes: Uint8Array, projectId: string | undefined): string[] {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return ['is not JSON: download the key again from the Firebase console (Project settings, Service accounts, Generate new private key)'];
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return ['is not a JSON object, as a service-account key is'];
  const o = data as Record<string, unknown>;
  if (o['type'] !== 'service_account') return [`is not a service-account key (its "type" is ${typeof o['type'] === 'string' ? `"${o['type']}"` : 'missing'}, not "service_account"): a google-services.json or an API key will not do`];
  const problems: string[] = [];
  for (const key of ['private_key', 'client_email', 'project_id']) if (typeof o[key] !== 'string' || o[key] === '') problems.push(`has no "${key}": the file is cut or edited; download it again`);
  if (projectId !== undefined && typeof o['project_id'] === 'string' && o['project_id'] !== projectId) {
    problems.push(`belongs to the Firebase project "${o['project_id']}", not push.project_id "${projectId}": give the key of that project, or correct push.project_id`);
  }
  return problems;
}

/** The admin's certificate files and Firebase key, read before anything is written. */
export const hostFiles: HostFileRules = {
  paths(answers: Answers): HostFileRef[] {
    const refs: { id: string; path: string | undefined }[] = [];
    if (usesCertificateFiles(answers)) {
      refs.push({ id: TLS_IDS.certificate, path: text(answers[TLS_IDS.certificate]) }, { id: TLS_IDS.key, path: text(answers[TLS_IDS.key]) });
      if (tlsMode(answers) === 'builtin') refs.push({ id: TLS_IDS.chain, path: text(answers[TLS_IDS.chain]) });
    }
    if (pushEnabled(answers)) refs.push({ id: 'push.service_account_file', path: text(answers['push.service_account_file']) });
    return refs.filter((r): r is HostFileRef => r.path !== undefined);
  },
  async check(answers, files, now): Promise<Problem[]> {
    const problems: Problem[] = [];
    const at = (id: string) => (text(answers[id]) === undefined ? undefined : files.get(text(answers[id])!));
    if (usesCertificateFiles(answers)) {
      let host: string | undefined;
      try {
        host = publicUrl(answers).host;
      } catch {
        host = undefined;
      }
      // Loaded only here: node:crypto costs every other plan its start-up time.
      const { checkCertificateFiles } = await import('../../kit/tls/certificate-files.js');
      const found = checkCertificateFiles(
        { certificate: at(TLS_IDS.certificate), key: at(TLS_IDS.key), ...(tlsMode(answers) === 'builtin' ? { chain: at(TLS_IDS.chain) } : {}) },
        { now, host },
      );
      problems.push(...found.map((p) => ({ path: TLS_IDS[p.file], severity: p.severity, message: p.message, fix: p.fix })));
    }
    const key = pushEnabled(answers) ? at('push.service_account_file') : undefined;
    if (key) {
      for (const message of serviceAccountProblems(key, text(answers['push.project_id']))) {
        problems.push({ path: 'push.service_account_file', severity: 'error', message, fix: 'Firebase console: Project settings, Service accounts, Generate new private key; give that file\'s path.' });
      }
    }
    return problems;
  },
};

import { Secret } from '../../core/secrets/secret.js';
import type { StackInput } from '../../core/stack.js';
import {
  authMethod, dataRoot, intakeSchedule, isDocker, isNative, logDir, mongoMode, parseMongoUri, PUSH_INTERVALS, PUSH_SCHEDULES, publicUrl, pushEnabled, silentIntervals, tlsMode,
} from './model.js';

/** Upstream's default for WEBSERVER_NOT_FOUND_REDIRECT: what / answers (a 301), which the health gate expects. */
export const NOT_FOUND_REDIRECT = 'https://nlr.gov/openpath';

/** Where the certificate is, as nginx sees it: Let's Encrypt's live folder, or the admin's files. */
export function certificatePaths(input: StackInput): { certificate: string; privateKey: string } {
  const { answers } = input;
  const host = publicUrl(answers).host;
  if (tlsMode(answers) === 'letsencrypt') return { certificate: `/etc/letsencrypt/live/${host}/fullchain.pem`, privateKey: `/etc/letsencrypt/live/${host}/privkey.pem` };
  // Docker: mounted at fixed paths; native: read where they are.
  if (isDocker(answers)) return { certificate: '/etc/fieldstation-tls/fullchain.pem', privateKey: '/etc/fieldstation-tls/privkey.pem' };
  return { certificate: String(answers['tls.certificate']), privateKey: String(answers['tls.private_key']) };
}

/**
 * The MongoDB URI the server connects with (upstream reads a host or a whole URI). Its password is in it,
 * so it travels as a Secret of the password's id: masked wherever it is shown.
 */
function dbUrl({ answers, secrets }: StackInput): Secret | string {
  const db = String(answers['mongodb.database'] ?? 'Stage_database');
  const mode = mongoMode(answers);
  if (mode === 'local') return `mongodb://localhost:27017/${db}`;
  const credentials = `${String(answers['mongodb.username'])}:${secrets['mongodb.password']?.reveal() ?? ''}@`;
  if (mode === 'container') return new Secret('mongodb.password', `mongodb://${credentials}db:27017/${db}?authSource=admin`);
  // An external server: a host list, or the admin's URI (its own database path and options kept).
  const given = String(answers['mongodb.host']);
  const uri = parseMongoUri(given);
  if (!uri) return new Secret('mongodb.password', `mongodb://${credentials}${given}/${db}?authSource=admin`);
  const path = uri.path && uri.path !== '/' ? uri.path : `/${db}`;
  const query = uri.query && uri.query !== '?' ? (/[?&]authSource=/u.test(uri.query) ? uri.query : `${uri.query}&authSource=admin`) : '?authSource=admin';
  return new Secret('mongodb.password', `${uri.scheme}://${credentials}${uri.hosts}${path}${query}`);
}

/** upstream's way to run one of its scripts: its conda environment, then e-mission-py.bash (PYTHONPATH=.). */
export const inConda = (script: string): string => `. setup/activate.sh && exec ./e-mission-py.bash ${script}`;

/** A batch job's command line: in the checkout (native), or in a container of its own from the server's image. */
const jobCommand = (docker: boolean, script: string): string[] =>
  docker ? ['/usr/bin/env', 'docker', 'compose', 'run', '--rm', '--no-deps', '-T', 'web', 'bash', '-c', inConda(script)] : ['/bin/bash', '-c', inConda(script)];

/** What upstream reads only from its environment: the native services and jobs get it set (docker: .env). */
function nativeEnvironment(a: StackInput['answers']): string[] {
  return [
    `STUDY_CONFIG=${String(a['study.config'])}`,
    `CONFIGS_URL=${String(a['study.configs_url'])}`,
    ...(a['nominatim.enabled'] === true ? [`NOMINATIM_QUERY_URL=${String(a['nominatim.url'])}`] : []),
  ];
}

/**
 * The crontab lines: each a program and its words (quoted by the crontab format), never shell syntax of
 * ours around values: `sh -c` gets the folder, user and log file as its arguments.
 */
function cronJobs({ answers: a, dir }: StackInput): { schedule: string; user: string; command: string[] }[] {
  const logs = logDir(a);
  const docker = isDocker(a);
  const job = (schedule: string, script: string, log: string) => ({
    schedule,
    user: 'root',
    command: docker
      ? ['sh', '-c', `cd "$1" && exec docker compose run --rm --no-deps -T web bash -c '${inConda(script)}' >> "$2" 2>&1`, 'sh', dir, log]
      // env sets what upstream reads only from its environment; runuser keeps it for the user's shell.
      : ['env', ...nativeEnvironment(a), 'sh', '-c', `cd "$1" && exec runuser -u "$2" -- bash -c '${inConda(script)}' >> "$3" 2>&1`, 'sh', dir, String(a['native.user']), log],
  });
  return [
    job(intakeSchedule(a).cron, `bin/intake_multiprocess.py ${String(a['intake.processes'] ?? 2)}`, `${logs}/intake.stdinout`),
    ...silentIntervals(a).map((s) => job(PUSH_SCHEDULES[s]!.cron, `bin/push/silent_ios_push.py ${s}`, `${logs}/silent_push.stdinout`)),
  ];
}

/** The values the templates see. */
export function context(input: StackInput): Record<string, unknown> {
  const { answers: a, secrets, dir } = input;
  const url = publicUrl(a);
  const logs = logDir(a);
  const data = dataRoot(a);
  const auth = authMethod(a);
  const docker = isDocker(a);
  const certs = certificatePaths(input);
  return {
    docker,
    native: isNative(a),
    dir,
    user: a['native.user'] ?? 'root',
    image: a['image'],
    data_dir: data,
    log_dir: logs,
    ...Object.fromEntries(['webserver', 'intake', 'export'].flatMap((n) => [[`log_${n}`, `${logs}/${n}.log`], [`log_${n}_errors`, `${logs}/${n}-errors.log`]])),
    server_port: tlsMode(a) === 'builtin' ? '443' : '8080',
    auth_method: auth,
    aggregate: a['auth.aggregate'],
    not_found_redirect: NOT_FOUND_REDIRECT,
    study_config: a['study.config'],
    configs_url: a['study.configs_url'],
    nominatim_url: a['nominatim.enabled'] === true ? a['nominatim.url'] : undefined,
    habitica_url: a['habitica.enabled'] === true ? a['habitica.url'] : undefined,
    push: pushEnabled(a),
    push_project_id: a['push.project_id'],
    push_service_account_file: a['push.service_account_file'],
    push_app_package_name: a['push.app_package_name'],
    push_ios_token_format: a['push.ios_token_format'],
    ...Object.fromEntries(PUSH_INTERVALS.map((s) => [`push_calendar_${s}`, PUSH_SCHEDULES[s]!.calendar])),
    intake_calendar: intakeSchedule(a).calendar,
    intake_command: jobCommand(docker, `bin/intake_multiprocess.py ${String(a['intake.processes'] ?? 2)}`),
    cron_jobs: cronJobs(input),
    native_environment: nativeEnvironment(a),
    db_url: dbUrl(input),
    mongo_local: mongoMode(a) === 'local',
    mongo_container: mongoMode(a) === 'container',
    mongo_username: a['mongodb.username'],
    mongo_password: mongoMode(a) === 'local' ? undefined : secrets['mongodb.password'],
    secret_auth: auth === 'secret',
    client_secret: auth === 'secret' ? secrets['auth.client_secret'] : undefined,
    tokens: secrets['auth.tokens'],
    proxy: tlsMode(a) !== 'builtin',
    letsencrypt: tlsMode(a) === 'letsencrypt',
    own_certificate: tlsMode(a) === 'own',
    builtin_tls: tlsMode(a) === 'builtin',
    tls_certificate: a['tls.certificate'],
    tls_chain: a['tls.chain'],
    tls_private_key: a['tls.private_key'],
    host: url.host,
    prefix: url.prefix,
    connect_url: url.url,
    webroot: docker ? '/var/www/certbot' : `${data}/certbot-www`,
    certificate: certs.certificate,
    private_key: certs.privateKey,
    deploy_configs_path: '/deploy-configs/',
    deploy_configs_dir: docker ? '/usr/share/nginx/deploy-configs/' : `${dir}/deploy-configs/`,
    autogen: auth === 'skip',
    program_or_study: auth === 'token_list' ? 'program' : 'study',
    admin_contact: a['admin_email'] ?? 'the study team',
    token_prompt: 'Enter the code you were given',
  };
}

import { Secret } from '../../core/secrets/secret.js';
import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import {
  exec, execKind, http, httpKind, mkdir, mkdirKind, pathExistsKind, tlsCertificateKind, type ExecRun, type FolderSpec,
} from '../../kit/steps/index.js';
import { compose } from './compose.js';
import { inConda, NOT_FOUND_REDIRECT } from './context.js';
import { diskSteps, diskStepKinds } from './steps-disk.js';
import { certificateServed, certificateSteps } from './steps-tls.js';
import { authMethod, behindProxy, dataRoot, diskEnabled, isDocker, logDir, mongoMode, publicUrl, silentIntervals, tlsMode, usesTimers } from './model.js';

export const stepKinds = [execKind, mkdirKind, httpKind, pathExistsKind, tlsCertificateKind, ...diskStepKinds];


/** The systemd units to enable: the web server (native), and a timer for each scheduled job. */
export function timerUnits(input: StackInput): string[] {
  return ['emission-intake.timer', ...silentIntervals(input.answers).map((s) => `emission-silent-push-${s}.timer`)];
}

function folders(input: StackInput): FolderSpec[] {
  const { answers } = input;
  const root = dataRoot(answers);
  const host = publicUrl(answers).host;
  const docker = isDocker(answers);
  const out: FolderSpec[] = [];
  if (docker) {
    out.push({ path: root, mode: 0o755, why: 'the server\'s data: MongoDB, certificates, the ACME webroot' });
    if (mongoMode(answers) === 'container') out.push({ path: `${root}/mongo`, mode: 0o700, owner: { uid: 999, gid: 999 }, why: 'MongoDB\'s data: the official mongo image runs mongod as uid and gid 999' });
    out.push({ path: logDir(answers), mode: 0o750, why: 'the logs, which hold locations: the containers write them as root' });
  }
  if (tlsMode(answers) === 'letsencrypt') {
    const letsencrypt = docker ? `${root}/letsencrypt` : '/etc/letsencrypt';
    out.push(
      { path: `${root}/certbot-www`, mode: 0o755, why: 'the ACME challenge webroot: nginx\'s workers, not root, read what certbot writes; anything tighter answers Let\'s Encrypt with 403' },
      { path: letsencrypt, mode: 0o755, why: 'certificates (/etc/letsencrypt): nginx\'s master and certbot read it as root; the keys are inside the 0700 live/ and archive/' },
      { path: `${letsencrypt}/live`, mode: 0o700, why: 'as certbot makes it: the way to the keys, for root only' },
      { path: `${letsencrypt}/live/${host}`, mode: 0o700, why: 'the temporary certificate that lets nginx start goes here until certbot replaces it' },
    );
  }
  return out;
}

/** Loads the generated codes with upstream's script, from stdin: the codes never reach a command line. */
function tokenSteps(input: StackInput, run: (script: string, env?: Record<string, Secret>) => ExecRun, after: string): Step[] {
  if (authMethod(input.answers) !== 'token_list') return [];
  const tokens = input.secrets['auth.tokens'] as Secret;
  const lastToken = { LAST_TOKEN: new Secret('auth.tokens', tokens.reveal().split('\n').at(-1) ?? '') };
  const load: ExecRun = { ...run(inConda('bin/auth/insert_tokens.py --file /dev/stdin')), stdin: tokens };
  return [{
    id: 'tokens',
    title: 'Participant codes loaded into MongoDB',
    run: load,
    // Loading twice would store every code twice: the last code already there means this list was loaded.
    skipIf: run('. setup/activate.sh && ./e-mission-py.bash bin/auth/insert_tokens.py --show | grep -qxF -- "$LAST_TOKEN"', lastToken),
    dependsOn: [after],
  }];
}

function dockerSteps(input: StackInput): Step[] {
  const { dir } = input;
  // `-e NAME` without a value passes NAME from docker's own environment: a secret never reaches argv.
  const web = (script: string, env?: Record<string, Secret>): ExecRun =>
    ({ ...compose(dir, 'exec', '-T', ...Object.keys(env ?? {}).flatMap((k) => ['-e', k]), 'web', 'bash', '-c', script), ...(env ? { env } : {}) });
  const proxy = behindProxy(input.answers);
  return [
    { id: 'pull', title: 'Container images pulled', run: compose(dir, 'pull'), retries: 3, timeoutSeconds: 1800, dependsOn: ['folders'] },
    ...(proxy ? certificateSteps(input, 'pull') : []),
    { id: 'up', title: 'Server, MongoDB and nginx started', run: compose(dir, 'up', '-d', '--remove-orphans'), dependsOn: [proxy ? 'nginx-reload' : 'pull'] },
    ...tokenSteps(input, web, 'up'),
  ];
}

function nativeSteps(input: StackInput): Step[] {
  const { answers, dir } = input;
  const user = String(answers['native.user']);
  const asUser = (script: string, env?: Record<string, Secret>): ExecRun =>
    exec(['runuser', '-u', user, '--', 'bash', '-c', `cd "$0" && ${script}`, dir], env ? { env } : {});
  const proxy = behindProxy(answers);
  return [
    {
      id: 'service-user',
      title: `System user ${user} created`,
      run: exec(['useradd', '--system', '--create-home', '--home-dir', `/var/lib/${user}`, '--shell', '/usr/sbin/nologin', user]),
      skipIf: exec(['id', '-u', user]),
    },
    { id: 'checkout-readable', title: `The checkout is readable by ${user}`, run: exec(['runuser', '-u', user, '--', 'test', '-r', `${dir}/emission/net/api/cfc_webapp.py`]), dependsOn: ['service-user'] },
    {
      // upstream's own scripts: Miniforge into the user's home, then the `emission` environment.
      id: 'conda',
      title: 'Conda environment set up by upstream\'s scripts',
      run: asUser('source setup/setup_conda.sh && source setup/setup.sh'),
      skipIf: asUser('source setup/activate.sh'),
      dependsOn: ['checkout-readable'],
      timeoutSeconds: 3600,
      retries: 1,
    },
    {
      id: 'log-folder',
      title: `Log folder writable by ${user}`,
      run: exec(['install', '-d', '-o', user, '-g', user, '-m', '0750', logDir(answers)]),
      dependsOn: ['service-user', 'folders'],
    },
    ...(proxy ? certificateSteps(input, 'folders') : []),
    { id: 'daemon-reload', title: 'systemd reads the new units', run: exec(['systemctl', 'daemon-reload']), dependsOn: ['conda', 'log-folder'] },
    { id: 'enable', title: 'Server enabled and started', run: exec(['systemctl', 'enable', '--now', 'emission-web.service']), dependsOn: ['daemon-reload'] },
    // enable --now leaves a running server as it is: this makes it read the conf files just written.
    { id: 'restart', title: 'Server restarted with the new settings', run: exec(['systemctl', 'restart', 'emission-web.service']), dependsOn: ['enable', ...(proxy ? ['nginx-reload'] : [])] },
    ...tokenSteps(input, asUser, 'restart'),
  ];
}

/** The scheduled jobs: systemd timers (both runtimes); with cron, /etc/cron.d/emission is all it takes. */
function scheduleSteps(input: StackInput, after: string): Step[] {
  if (!usesTimers(input.answers)) return [];
  return [
    ...(isDocker(input.answers) ? [{ id: 'daemon-reload', title: 'systemd reads the new units', run: exec(['systemctl', 'daemon-reload']), dependsOn: [after] }] : []),
    { id: 'timers', title: 'Pipeline and push timers enabled', run: exec(['systemctl', 'enable', '--now', ...timerUnits(input)]), dependsOn: ['daemon-reload', after] },
  ];
}

/**
 * The health gate: the server itself answers through the proxy (/ answers 301 to its not-found redirect,
 * which nginx alone never would), and a request with a token that is not valid is refused.
 */
function healthSteps(input: StackInput, after: string): Step[] {
  const url = publicUrl(input.answers).url;
  const gate: Step[] = [];
  if (tlsMode(input.answers) !== 'builtin') gate.push(certificateServed(input, after));
  gate.push({
    id: 'health',
    title: 'The server answers over HTTPS',
    run: http({ method: 'GET', url, expect: { status: 301, location: NOT_FOUND_REDIRECT, description: `a redirect to ${NOT_FOUND_REDIRECT}, the server's answer to /` }, deadlineSeconds: 300 }),
    dependsOn: [after],
  });
  if (authMethod(input.answers) !== 'skip') {
    // A token of OPcode shape (nrelop_<study>_default_<code>): with an `opcode` block in the published study
    // config upstream checks the shape before the auth method, and a token of fewer than 4 `_` parts makes
    // its own error message raise (auth.py's `tokenParts.length`), which answers 500, not 403.
    const token = `nrelop_${String(input.answers['study.config'])}_default_fieldstation-check-not-a-valid-token`;
    gate.push({
      id: 'auth-refuses',
      title: 'A request without a valid token is refused',
      run: http({
        method: 'POST',
        url: `${url}pipeline/get_complete_ts`,
        json: { user: token },
        expect: { status: 403, description: `403: ${authMethod(input.answers)} auth refuses a token it does not know` },
        deadlineSeconds: 60,
      }),
      dependsOn: ['health'],
    });
  }
  return gate;
}

export function steps(input: StackInput): readonly Step[] {
  const disk = diskEnabled(input.answers) ? diskSteps(input) : [];
  const main = isDocker(input.answers) ? dockerSteps(input) : nativeSteps(input);
  const started = isDocker(input.answers) ? 'up' : 'restart';
  return [
    ...disk,
    { id: 'folders', title: 'Data and certificate folders created', run: mkdir(folders(input)), dependsOn: disk.length > 0 ? ['disk-mount'] : [] },
    ...main,
    ...scheduleSteps(input, started),
    ...healthSteps(input, started),
  ];
}


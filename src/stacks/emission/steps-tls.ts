import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import { exec, pathExists, tlsCertificate, type ExecRun } from '../../kit/steps/index.js';
import { compose } from './compose.js';
import { dataRoot, isDocker, publicUrl, tlsMode } from './model.js';

/**
 * The certificate for the proxy, the webroot dance of certbot: a throw-away certificate lets nginx start,
 * nginx serves the ACME challenge, certbot replaces it with the real one, nginx reloads. Docker runs nginx
 * and certbot as containers; native uses the machine's nginx and certbot (whose own timer renews, and whose
 * deploy hook reloads nginx).
 */
export function certificateSteps(input: StackInput, after: string): Step[] {
  const { answers, dir } = input;
  const docker = isDocker(answers);
  const host = publicUrl(answers).host;
  const email = String(answers['admin_email']);
  const letsencrypt = docker ? `${dataRoot(answers)}/letsencrypt` : '/etc/letsencrypt';
  const live = `${letsencrypt}/live/${host}`;
  const nginx = (...args: string[]): ExecRun => (docker ? compose(dir, 'exec', '-T', 'nginx', 'nginx', ...args) : exec(['nginx', ...args]));
  const reload: ExecRun = docker ? compose(dir, 'exec', '-T', 'nginx', 'nginx', '-s', 'reload') : exec(['systemctl', 'reload', 'nginx']);
  if (tlsMode(answers) !== 'letsencrypt') {
    return [
      { id: 'nginx-test', title: 'nginx accepts the site', run: docker ? compose(dir, 'run', '--rm', '--no-deps', 'nginx', 'nginx', '-t') : exec(['nginx', '-t']), dependsOn: [after] },
      { id: 'nginx-reload', title: 'nginx serves the site', run: docker ? compose(dir, 'up', '-d', 'nginx') : reload, dependsOn: ['nginx-test'] },
    ];
  }
  const webroot = docker ? '/var/www/certbot' : `${dataRoot(answers)}/certbot-www`;
  const certbot = (...args: string[]): ExecRun => (docker ? compose(dir, 'run', '--rm', '--entrypoint', 'certbot', 'certbot', ...args) : exec(['certbot', ...args]));
  return [
    {
      id: 'dummy-certificate',
      title: 'Temporary certificate made so nginx can start',
      run: exec(['openssl', 'req', '-x509', '-nodes', '-newkey', 'rsa:2048', '-days', '1', '-subj', '/CN=localhost', '-keyout', `${live}/privkey.pem`, '-out', `${live}/fullchain.pem`]),
      skipIf: pathExists(`${live}/fullchain.pem`),
      dependsOn: [after],
    },
    { id: 'nginx-test', title: 'nginx accepts the site', run: docker ? compose(dir, 'run', '--rm', '--no-deps', 'nginx', 'nginx', '-t') : nginx('-t'), dependsOn: ['dummy-certificate'] },
    { id: 'nginx-up', title: 'nginx started for the certificate challenge', run: docker ? compose(dir, 'up', '-d', 'nginx') : exec(['systemctl', 'reload-or-restart', 'nginx']), dependsOn: ['nginx-test'] },
    {
      id: 'drop-dummy-certificate',
      title: 'Temporary certificate removed',
      run: exec(['rm', '-rf', '--', live, `${letsencrypt}/archive/${host}`]),
      skipIf: pathExists(`${letsencrypt}/renewal/${host}.conf`),
      dependsOn: ['nginx-up'],
    },
    {
      // Every apply: certbot keeps a certificate that is not due (--keep-until-expiring), asking nothing.
      id: 'certificate',
      title: 'Let\'s Encrypt certificate obtained',
      run: certbot('certonly', '--webroot', '-w', webroot, '-d', host, '--email', email, '--agree-tos', '--non-interactive', '--keep-until-expiring',
        ...(docker ? [] : ['--deploy-hook', 'systemctl reload nginx'])),
      dependsOn: ['drop-dummy-certificate'],
      retries: 1,
    },
    { id: 'nginx-reload', title: 'nginx reloaded with the certificate', run: reload, dependsOn: ['certificate'] },
  ];
}

/** The certificate gate: served, trusted, naming the host, and not about to expire. */
export function certificateServed(input: StackInput, after: string): Step {
  const host = publicUrl(input.answers).host;
  const renewal = tlsMode(input.answers) !== 'letsencrypt'
    ? 'you renew it yourself: replace the files and run `fieldstation apply` again'
    : isDocker(input.answers) ? 'the certbot container renews it 30 days before expiry and nginx reloads every 6 hours' : 'certbot\'s timer renews it and its deploy hook reloads nginx';
  return {
    id: 'certificate-served',
    title: 'Certificate served, with its expiry date',
    run: tlsCertificate({ host, port: 443, names: [host], minDaysLeft: 14, renewal, troubleshoot: isDocker(input.answers) ? 'See `docker compose logs nginx certbot` in the install folder.' : 'See `journalctl -u nginx` and /var/log/letsencrypt.', deadlineSeconds: 60 }),
    dependsOn: [after],
  };
}

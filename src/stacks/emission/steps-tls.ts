import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import { certbotWebrootSteps, exec, tlsCertificate, type ExecRun } from '../../kit/steps/index.js';
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
  const nginx = (...args: string[]): ExecRun => (docker ? compose(dir, 'exec', '-T', 'nginx', 'nginx', ...args) : exec(['nginx', ...args]));
  const reload: ExecRun = docker ? compose(dir, 'exec', '-T', 'nginx', 'nginx', '-s', 'reload') : exec(['systemctl', 'reload', 'nginx']);
  if (tlsMode(answers) !== 'letsencrypt') {
    return [
      { id: 'nginx-test', title: 'nginx accepts the site', run: docker ? compose(dir, 'run', '--rm', '--no-deps', '--entrypoint', 'nginx', 'nginx', '-t') : exec(['nginx', '-t']), dependsOn: [after] },
      { id: 'nginx-reload', title: 'nginx serves the site', run: docker ? compose(dir, 'up', '-d', 'nginx') : reload, dependsOn: ['nginx-test'] },
    ];
  }
  return certbotWebrootSteps({
    host,
    email,
    letsencrypt,
    webroot: docker ? '/var/www/certbot' : `${dataRoot(answers)}/certbot-www`,
    nginxTest: docker ? compose(dir, 'run', '--rm', '--no-deps', '--entrypoint', 'nginx', 'nginx', '-t') : nginx('-t'),
    nginxUp: docker ? compose(dir, 'up', '-d', 'nginx') : exec(['systemctl', 'reload-or-restart', 'nginx']),
    nginxReload: reload,
    certbot: (...args) => (docker ? compose(dir, 'run', '--rm', '--entrypoint', 'certbot', 'certbot', ...args) : exec(['certbot', ...args])),
    ...(docker ? {} : { certbotExtra: ['--deploy-hook', 'systemctl reload nginx'] }),
  }, after);
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

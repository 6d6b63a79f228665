import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import { certbotWebrootSteps, tlsCertificate } from '../../kit/steps/index.js';
import { compose } from './compose.js';

/** The proxy's certificate: nginx and certbot as containers, certificates in <data folder>/letsencrypt. */
export function certificateSteps({ answers, dir }: StackInput, after: string): Step[] {
  return certbotWebrootSteps({
    host: String(answers['proxy.domain']),
    email: String(answers['proxy.admin_email']),
    letsencrypt: `${String(answers['data_dir'])}/letsencrypt`,
    webroot: '/var/www/certbot',
    // The service's entrypoint is a shell script that starts nginx and ignores arguments: `run nginx nginx -t`
    // would start the server in the foreground and never return. nginx itself is the entrypoint here.
    nginxTest: compose(dir, 'run', '--rm', '--no-deps', '--entrypoint', 'nginx', 'nginx', '-t'),
    nginxUp: compose(dir, 'up', '-d', '--no-deps', 'nginx'),
    nginxReload: compose(dir, 'exec', '-T', 'nginx', 'nginx', '-s', 'reload'),
    certbot: (...args) => compose(dir, 'run', '--rm', '--entrypoint', 'certbot', 'certbot', ...args),
  }, after);
}

/** The certificate gate: served, trusted, naming the domain, and not about to expire. */
export function certificateServed({ answers }: StackInput, after: string): Step {
  const host = String(answers['proxy.domain']);
  return {
    id: 'certificate-served',
    title: 'Certificate served, with its expiry date',
    run: tlsCertificate({
      host,
      port: 443,
      names: [host],
      minDaysLeft: 14,
      renewal: 'the certbot container renews it 30 days before expiry and nginx reloads every 6 hours',
      troubleshoot: 'See `docker compose logs nginx certbot` in the install folder.',
      deadlineSeconds: 60,
    }),
    dependsOn: [after],
  };
}

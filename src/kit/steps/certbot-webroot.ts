import type { Step } from '../../core/steps/step.js';
import { exec, type ExecRun } from './exec.js';
import { pathExists } from './path-exists.js';

/** How a stack runs nginx and certbot (containers, or the machine's own), and where the certificates live. */
export interface CertbotWebroot {
  readonly host: string;
  readonly email: string;
  /** /etc/letsencrypt as this machine sees it (a container's is a folder of the data). */
  readonly letsencrypt: string;
  /** The ACME webroot as certbot sees it. */
  readonly webroot: string;
  readonly nginxTest: ExecRun;
  readonly nginxUp: ExecRun;
  readonly nginxReload: ExecRun;
  readonly certbot: (...args: string[]) => ExecRun;
  /** certbot's extra arguments (a deploy hook where the machine's certbot timer renews). */
  readonly certbotExtra?: readonly string[];
}

/**
 * The webroot dance of certbot: a throw-away certificate lets nginx start, nginx serves the ACME
 * challenge, certbot replaces the throw-away one with the real one, nginx reloads. Every apply asks
 * certbot again, which keeps a certificate that is not due (--keep-until-expiring) without a request.
 */
export function certbotWebrootSteps(c: CertbotWebroot, after: string): Step[] {
  const live = `${c.letsencrypt}/live/${c.host}`;
  return [
    {
      id: 'dummy-certificate',
      title: 'Temporary certificate made so nginx can start',
      run: exec(['openssl', 'req', '-x509', '-nodes', '-newkey', 'rsa:2048', '-days', '1', '-subj', '/CN=localhost', '-keyout', `${live}/privkey.pem`, '-out', `${live}/fullchain.pem`]),
      skipIf: pathExists(`${live}/fullchain.pem`),
      dependsOn: [after],
    },
    { id: 'nginx-test', title: 'nginx accepts the site', run: c.nginxTest, dependsOn: ['dummy-certificate'] },
    { id: 'nginx-up', title: 'nginx started for the certificate challenge', run: c.nginxUp, dependsOn: ['nginx-test'] },
    {
      id: 'drop-dummy-certificate',
      title: 'Temporary certificate removed',
      run: exec(['rm', '-rf', '--', live, `${c.letsencrypt}/archive/${c.host}`]),
      skipIf: pathExists(`${c.letsencrypt}/renewal/${c.host}.conf`),
      dependsOn: ['nginx-up'],
    },
    {
      id: 'certificate',
      title: 'Let\'s Encrypt certificate obtained',
      run: c.certbot('certonly', '--webroot', '-w', c.webroot, '-d', c.host, '--email', c.email, '--agree-tos', '--non-interactive', '--keep-until-expiring', ...(c.certbotExtra ?? [])),
      dependsOn: ['drop-dummy-certificate'],
      retries: 1,
    },
    { id: 'nginx-reload', title: 'nginx reloaded with the certificate', run: c.nginxReload, dependsOn: ['certificate'] },
  ];
}

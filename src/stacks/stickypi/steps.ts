import type { Secret } from '../../core/secrets/secret.js';
import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import {
  exec, execKind, http, httpKind, mkdir, mkdirKind, pathExists, pathExistsKind,
  s3BucketExists, s3CreateBucket, s3RoundTrip, s3RoundTripKind, tlsCertificate, tlsCertificateKind, type ExecRun, type FolderSpec, type S3Target,
} from '../../kit/steps/index.js';
import { compose as composeIn, isLocalS3, services } from './compose.js';

/** The kinds of step Sticky Pi's bootstrap uses. */
export const stepKinds = [execKind, mkdirKind, httpKind, pathExistsKind, tlsCertificateKind, s3RoundTripKind];

/** The names the one certificate covers: upstream's four, and s3.<domain> when the local S3 is served. */
export const certificateNames = (domain: string, localS3: boolean): string[] =>
  [domain, `api.${domain}`, `webapp.${domain}`, `www.${domain}`, ...(localS3 ? [`s3.${domain}`] : [])];

/**
 * The official mariadb image's mysql user and group: its Dockerfile makes them as the first system
 * accounts of Ubuntu (999), and its UBI variant pins 999 "for compatibility with the ubuntu image".
 */
const MARIADB_USER = { uid: 999, gid: 999 } as const;

/**
 * The folders upstream's docker-compose.prod.yml mounts, each with what its user in the containers needs.
 * nginx's master and certbot run as root; nginx's workers do not, and they serve the ACME challenge.
 */
function dataFolders(root: string, domain: string, localS3: boolean): FolderSpec[] {
  const conf = `${root}/data/certbot/conf`;
  return [
    {
      path: `${root}/mysql`, mode: 0o750, owner: MARIADB_USER,
      why: 'MariaDB\'s datadir: the official mariadb image runs mysqld as uid and gid 999 (its entrypoint, started as root, hands the folder to that user too)',
    },
    {
      path: conf, mode: 0o755,
      why: 'certificates and TLS settings (/etc/letsencrypt): nginx\'s master and certbot read and write it as root; the keys are inside certbot\'s own 0700 live/ and archive/',
    },
    { path: `${conf}/live`, mode: 0o700, why: 'as certbot makes it: the way to the certificates\' keys, for root only (nginx\'s master, certbot)' },
    { path: `${conf}/live/${domain}`, mode: 0o700, why: 'the temporary certificate and key that let nginx start go here until certbot replaces them' },
    {
      path: `${root}/data/certbot/www`, mode: 0o755,
      why: 'the ACME challenge webroot (/var/www/certbot): nginx\'s workers, not root, read what certbot writes; anything tighter answers Let\'s Encrypt with 403',
    },
    ...(localS3 ? [{ path: `${root}/s3`, mode: 0o700, why: 'the local S3\'s data, every image: MinIO runs as root in its container, and nobody else needs to read it' }] : []),
  ];
}

/**
 * The bootstrap: upstream's prod-init and prod, redone without prompts. Certificates follow the
 * webroot dance of upstream's .init-letsencrypt.sh: a dummy certificate lets nginx start, nginx serves
 * the ACME challenge, certbot replaces the dummy with the real one, nginx reloads.
 */
export function steps({ answers, secrets, dir }: StackInput): readonly Step[] {
  const admin = { user: 'admin', password: secrets['secrets.admin_password'] as Secret };
  const domain = String(answers['domain']);
  const email = String(answers['admin_email']);
  const root = String(answers['volume_root']);
  const certbot = `${root}/data/certbot`;
  const live = `${certbot}/conf/live/${domain}`;
  const renewal = `${certbot}/conf/renewal/${domain}.conf`;
  const local = isLocalS3(answers);
  const names = certificateNames(domain, local);
  const compose = (...args: string[]): ExecRun => composeIn(dir, ...args);
  return [
    { id: 'volumes', title: 'Data folders created', run: mkdir(dataFolders(root, domain, local)) },
    // Only the services that run: upstream's localstack image (spi_s3) is never needed.
    { id: 'pull', title: 'Container images pulled', run: compose('pull', ...services(answers)), retries: 3, timeoutSeconds: 1800 },
    {
      // The standard RFC 7919 group (what upstream downloads from certbot), written locally in milliseconds.
      // dh_param: works with OpenSSL 1.1.1 and 3 alike; group: is OpenSSL 3 only.
      id: 'tls-params',
      title: 'Diffie-Hellman parameters written',
      run: exec(['openssl', 'genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'dh_param:ffdhe2048', '-out', `${certbot}/conf/ssl-dhparams.pem`]),
      skipIf: pathExists(`${certbot}/conf/ssl-dhparams.pem`),
      dependsOn: ['volumes'],
      timeoutSeconds: 60,
    },
    {
      id: 'dummy-certificate',
      title: 'Temporary certificate made so nginx can start',
      run: compose('run', '--rm', '--entrypoint', 'openssl', 'spi_certbot', 'req', '-x509', '-nodes', '-newkey', 'rsa:2048', '-days', '1',
        '-keyout', `/etc/letsencrypt/live/${domain}/privkey.pem`, '-out', `/etc/letsencrypt/live/${domain}/fullchain.pem`, '-subj', '/CN=localhost'),
      skipIf: pathExists(`${live}/fullchain.pem`),
      dependsOn: ['volumes', 'pull'],
    },
    { id: 'nginx-up', title: 'nginx started for the certificate challenge', run: compose('up', '-d', 'spi_nginx'), dependsOn: ['dummy-certificate', 'tls-params'] },
    {
      id: 'drop-dummy-certificate',
      title: 'Temporary certificate removed',
      run: exec(['rm', '-rf', '--', live, `${certbot}/conf/archive/${domain}`]),
      skipIf: pathExists(renewal),
      dependsOn: ['nginx-up'],
    },
    {
      // Runs on every apply: certbot keeps a certificate that names all of these and is not due
      // (--keep-until-expiring, no request sent), and --expand adds a name (s3.<domain>) to the one there.
      id: 'certificate',
      title: 'Let\'s Encrypt certificate obtained',
      run: compose('run', '--rm', '--entrypoint', 'certbot', 'spi_certbot', 'certonly', '--webroot', '-w', '/var/www/certbot',
        ...names.flatMap((n) => ['-d', n]),
        '--email', email, '--rsa-key-size', '4096', '--agree-tos', '--non-interactive', '--keep-until-expiring', '--expand'),
      dependsOn: ['drop-dummy-certificate'],
      retries: 1,
    },
    { id: 'nginx-reload', title: 'nginx reloaded with the certificate', run: compose('exec', '-T', 'spi_nginx', 'nginx', '-s', 'reload'), dependsOn: ['certificate'] },
    { id: 'up', title: 'Sticky Pi server started', run: compose('up', '-d', '--remove-orphans'), dependsOn: ['nginx-reload'] },
    {
      id: 'certificate-served',
      title: 'Certificate served, with its expiry date',
      run: tlsCertificate({
        host: `api.${domain}`,
        port: 443,
        names,
        minDaysLeft: 14,
        renewal: 'spi_certbot renews it 30 days before expiry and nginx reloads every 6 hours',
        troubleshoot: 'See `docker compose logs spi_certbot spi_nginx` in the install folder.',
        deadlineSeconds: 60,
      }),
      dependsOn: ['up'],
    },
    {
      id: 'health',
      title: 'API answers a login',
      run: http({
        method: 'POST',
        url: `https://api.${domain}/get_token`,
        basicAuth: admin,
        expect: { status: 200, jsonKeys: ['token', 'expiration'], description: 'a JSON {token, expiration}' },
        deadlineSeconds: 300,
      }),
      dependsOn: ['up'],
    },
    ...(local ? localS3Steps(domain, answers, secrets) : []),
    ...(answers['first_user.create'] === true ? [firstUser(domain, admin, answers, secrets)] : []),
  ];
}

/** The local S3 gets its bucket (upstream never made one), then proves the upload path the API uses. */
function localS3Steps(domain: string, answers: StackInput['answers'], secrets: StackInput['secrets']): Step[] {
  const target: S3Target = {
    endpoint: `https://s3.${domain}`,
    bucket: String(answers['s3.bucket']),
    accessKey: secrets['s3.access_key'] as Secret,
    secretKey: secrets['s3.private_key'] as Secret,
    region: 'us-east-1',
  };
  return [
    { id: 's3-bucket', title: `Bucket ${target.bucket} created in the local S3`, run: s3CreateBucket(target, 120), skipIf: s3BucketExists(target), dependsOn: ['up'] },
    { id: 's3-upload', title: 'Local S3 takes an upload at s3.' + domain, run: s3RoundTrip(target, 60), dependsOn: ['s3-bucket', 'certificate-served'] },
  ];
}

/** /put_users takes a JSON list; a user that exists already (listed by /get_users) is not sent again. */
function firstUser(domain: string, admin: { user: string; password: Secret }, answers: StackInput['answers'], secrets: StackInput['secrets']): Step {
  const username = String(answers['first_user.username']);
  return {
    id: 'first-user',
    title: `API user ${username} created`,
    when: 'when first_user.create is true',
    run: http({
      method: 'POST',
      url: `https://api.${domain}/put_users`,
      basicAuth: admin,
      json: [{ username, password: secrets['first_user.password'], email: '', is_admin: 0, can_write: answers['first_user.can_write'] === true ? 1 : 0 }],
      expect: { status: 200, listItem: { key: 'username', value: username }, description: `a JSON list with user ${username}` },
      deadlineSeconds: 60,
    }),
    // Posting a name twice is an error upstream (a unique key): ask first. `null` lists every user.
    skipIf: http({
      method: 'POST',
      url: `https://api.${domain}/get_users`,
      basicAuth: admin,
      json: null,
      expect: { status: 200, listItem: { key: 'username', value: username }, description: `a user list with ${username}` },
      deadlineSeconds: 0,
    }),
    dependsOn: ['health'],
  };
}

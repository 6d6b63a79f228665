import { envFormat } from '../../kit/formats/env.js';
import { fixedFormat } from '../../kit/formats/fixed.js';
import { nginxFormat } from '../../kit/formats/nginx.js';
import { COMPOSE_FILE, isLocalS3, OVERRIDE } from './compose.js';
import type { FileSpec, StackInput } from '../../core/stack.js';

export const files: readonly FileSpec[] = [
  { path: '.env', template: 'env.hbs', format: envFormat, secret: false, description: 'settings and Compose variables' },
  { path: '.prod.env', template: 'prod.env.hbs', format: envFormat, secret: false, description: 'production overlay with your domain' },
  { path: '.secret.env', template: 'secret.env.hbs', format: envFormat, secret: true, description: 'passwords, keys and S3 credentials' },
  {
    // nginx includes /etc/letsencrypt/options-ssl-nginx.conf, which is this folder inside the container.
    path: (a) => `${String(a['volume_root'])}/data/certbot/conf/options-ssl-nginx.conf`,
    template: 'options-ssl-nginx.conf.hbs',
    format: fixedFormat,
    secret: false,
    description: 'TLS settings for nginx (upstream downloads them at install time)',
  },
  { path: OVERRIDE, template: 'docker-compose.fieldstation.yml.hbs', format: fixedFormat, secret: false, description: 'fieldstation\'s compose override: loopback-only ports, certificate renewal, local S3' },
  {
    // Mounted into spi_nginx's conf.d by the override: upstream's production nginx has no s3. route.
    path: (a) => `${String(a['volume_root'])}/data/nginx/fieldstation-s3.conf`,
    template: 'nginx-s3.conf.hbs',
    format: nginxFormat,
    secret: false,
    description: 'nginx route for https://s3.<domain> to the local S3',
    when: isLocalS3,
  },
];

const text = (v: unknown): string => String(v);

/** The values the templates see; derived names (api.<domain>, the local S3 host) are worked out here. */
export function context({ answers, secrets }: StackInput): Record<string, unknown> {
  const domain = text(answers['domain']);
  const local = isLocalS3(answers);
  return {
    compose_file: COMPOSE_FILE,
    local_s3: local,
    domain,
    api_host: `api.${domain}`,
    admin_email: answers['admin_email'],
    volume_root: answers['volume_root'],
    s3_host: local ? `s3.${domain}` : answers['s3.host'],
    s3_bucket: answers['s3.bucket'],
    s3_access_key: secrets['s3.access_key'],
    s3_private_key: secrets['s3.private_key'],
    api_key: secrets['secrets.api_key'],
    mysql_password: secrets['secrets.mysql_password'],
    admin_password: secrets['secrets.admin_password'],
    uid_password: secrets['secrets.uid_password'],
  };
}

import type { FileSpec } from '../../core/stack.js';
import { dockerEnvFormat } from '../../kit/formats/docker-env.js';
import { envFormat } from '../../kit/formats/env.js';
import { fixedFormat } from '../../kit/formats/fixed.js';
import { linesFormat } from '../../kit/formats/lines.js';
import { nginxFormat } from '../../kit/formats/nginx.js';
import { dbMode, proxied } from './model.js';

/**
 * Every file. env.txt is the app's whole configuration (Ichnaea reads only its environment): every role,
 * and every one-off command (migrations, the API key), gets the same file, which both `docker run
 * --env-file` and Compose's env_file read literally. .env holds Compose's own variables, no secret.
 */
export const files: readonly FileSpec[] = [
  { path: 'env.txt', template: 'env.txt.hbs', format: dockerEnvFormat, secret: true, description: 'Ichnaea\'s settings: database URIs, Redis, secret key, GeoIP' },
  { path: '.env', template: 'compose.env.hbs', format: envFormat, secret: false, description: 'Compose\'s variables: image, folders, ports' },
  { path: 'docker-compose.yml', template: 'docker-compose.yml.hbs', format: fixedFormat, secret: false, description: 'the roles as containers, with MariaDB, Redis and nginx where chosen' },
  { path: 'mariadb.env', template: 'mariadb.env.hbs', format: envFormat, secret: true, description: 'the MariaDB container\'s root password', when: (a) => dbMode(a) === 'container' },
  { path: 'api-key.txt', template: 'api-key.txt.hbs', format: linesFormat, secret: true, description: 'the API key fieldstation created (clients send it as ?key=)' },
  { path: 'nginx/ichnaea.conf', template: 'nginx-site.conf.hbs', format: nginxFormat, secret: false, description: 'the TLS proxy in front of the web role', when: proxied },
];

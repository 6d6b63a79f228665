import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A Sticky Pi `server/` folder of upstream's shape (sticky-pi-api, develop branch), written by the test:
 * its two compose files with the same services, variables, ports, env files, volumes, command and
 * entrypoint, and the build folders Compose checks. Not copied from upstream: the tests own what they parse.
 */

/** The services' build contexts: Debian's docker-compose 1.29 `config` wants them to exist. */
const BUILD_FOLDERS = ['api', 'nginx', 's3', 'webapp'];

/** What upstream tracks beside them: its own .env and .prod.env (placeholders), and a .gitignore for the secrets. */
const TRACKED: Readonly<Record<string, string>> = {
  '.env': 'LOCAL_VOLUME_ROOT=${HOME}/sticky-pi-server\nROOT_DOMAIN_NAME=sticky-pi.com\n',
  '.prod.env': 'ROOT_DOMAIN_NAME=sticky-pi.com\n',
  '.gitignore': '.secret.env\n',
};

/**
 * Makes `dir` look like upstream's server/ folder; with `tracked` also the files upstream commits next to
 * the compose files. Returns `dir`.
 */
export function writeUpstreamServer(dir: string, options: { tracked?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  for (const sub of BUILD_FOLDERS) mkdirSync(join(dir, sub), { recursive: true });
  const envFiles = (...names: string[]) => ['    env_file:', ...names.map((n) => `      - ${n}`)];
  writeFileSync(join(dir, 'docker-compose.yml'), [
    "version: '3'",
    'services:',
    '  spi_db:',
    '    container_name: spi_db',
    '    restart: always',
    '    image: mariadb',
    ...envFiles('.env', '.secret.env', '.prod.env'),
    '    command: --innodb-buffer-pool-size=${MYSQL_BUFFER_POOL_SIZE} --skip-name-resolve',
    '  spi_api:',
    '    container_name: spi_api',
    '    restart: always',
    '    image: stickypi/spi_api:latest',
    '    build:',
    '      context: ./api',
    '    depends_on:',
    '      - spi_db',
    '    expose:',
    '      - ${API_PORT}',
    ...envFiles('.env', '.secret.env', '.prod.env'),
    '  spi_webapp:',
    '    container_name: spi_webapp',
    '    restart: always',
    '    image: stickypi/spi_webapp:latest',
    '    build:',
    '      context: ./webapp',
    '    ports:',
    '      - ${WEBAPP_PORT}:80',
    ...envFiles('.env', '.secret.env', '.prod.env'),
    '    depends_on:',
    '      - spi_api',
    '  spi_nginx:',
    '    container_name: spi_nginx',
    '    restart: always',
    '    image: stickypi/spi_nginx:latest',
    '    build:',
    '      context: ./nginx',
    `    command: "/bin/sh -c 'while :; do sleep 6h & wait $\${!}; nginx -s reload; done & nginx -g \\"daemon off;\\"'"`,
    '    ports:',
    '      - "80:80"',
    ...envFiles('.env', '.prod.env', '.secret.env'),
    '    depends_on:',
    '      - spi_api',
    '      - spi_webapp',
    '      - spi_s3',
    '  spi_s3:',
    '    container_name: spi_s3',
    '    image: stickypi/spi_s3:latest',
    '    build:',
    '      context: ./s3',
    '    ports:',
    '      - ${S3_PORT}:4566',
    '    environment:',
    '      - SERVICES=s3',
    '      - DEBUG=1',
    ...envFiles('.env', '.prod.env'),
    '    volumes:',
    "      - '${TMPDIR:-/tmp/localstack}:/tmp'",
    "      - '/var/run/docker.sock:/var/run/docker.sock'",
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'docker-compose.prod.yml'), [
    "version: '3'",
    'services:',
    '  spi_db:',
    '    volumes:',
    '      - ${LOCAL_VOLUME_ROOT}/mysql:/var/lib/mysql',
    '  spi_api:',
    ...envFiles('.prod.env'),
    '  spi_webapp:',
    ...envFiles('.prod.env'),
    '  spi_s3:',
    ...envFiles('.prod.env'),
    '  spi_nginx:',
    ...envFiles('.prod.env'),
    '    ports:',
    '      - "80:80"',
    '      - "443:443"',
    '    volumes:',
    '      - ${LOCAL_VOLUME_ROOT}/data/certbot/conf:/etc/letsencrypt',
    '      - ${LOCAL_VOLUME_ROOT}/data/certbot/www:/var/www/certbot',
    '  spi_certbot:',
    '    container_name: spi_certbot',
    '    image: certbot/certbot',
    `    entrypoint: "/bin/sh -c 'trap exit TERM; while :; do certbot renew; sleep 12h & wait $\${!}; done;'"`,
    '    volumes:',
    '      - ${LOCAL_VOLUME_ROOT}/data/certbot/conf:/etc/letsencrypt',
    '      - ${LOCAL_VOLUME_ROOT}/data/certbot/www:/var/www/certbot',
    ...envFiles('.prod.env'),
    '',
  ].join('\n'));
  if (options.tracked) for (const [name, text] of Object.entries(TRACKED)) writeFileSync(join(dir, name), text);
  return dir;
}

/** What writeUpstreamServer puts in the folder (without `tracked`), as a test lists it after an apply. */
export const UPSTREAM_ENTRIES = ['docker-compose.prod.yml', 'docker-compose.yml', ...BUILD_FOLDERS].sort();

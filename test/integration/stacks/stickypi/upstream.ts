import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Compose files of upstream's server/ folder (sticky-pi/sticky-pi-api, develop), abridged by hand to
 * what fieldstation and its steps rely on: the services the steps name, the env files they read, and the
 * folders under LOCAL_VOLUME_ROOT the production overlay mounts.
 */
const COMPOSE = `# Test stand-in for upstream's server/docker-compose.yml (abridged).
services:
  spi_db:
    image: mariadb
    env_file: [.env, .secret.env, .prod.env]
  spi_api:
    image: stickypi/spi_api:latest
    env_file: [.env, .secret.env, .prod.env]
  spi_webapp:
    image: stickypi/spi_webapp:latest
    ports: ["\${WEBAPP_PORT}:80"]
    env_file: [.env, .secret.env, .prod.env]
  spi_nginx:
    image: stickypi/spi_nginx:latest
    ports: ["80:80"]
    env_file: [.env, .prod.env, .secret.env]
`;

const COMPOSE_PROD = `# Test stand-in for upstream's server/docker-compose.prod.yml (abridged).
services:
  spi_db:
    volumes: ["\${LOCAL_VOLUME_ROOT}/mysql:/var/lib/mysql"]
  spi_nginx:
    ports: ["80:80", "443:443"]
    volumes:
      - \${LOCAL_VOLUME_ROOT}/data/certbot/conf:/etc/letsencrypt
      - \${LOCAL_VOLUME_ROOT}/data/certbot/www:/var/www/certbot
  spi_certbot:
    image: certbot/certbot
    volumes:
      - \${LOCAL_VOLUME_ROOT}/data/certbot/conf:/etc/letsencrypt
      - \${LOCAL_VOLUME_ROOT}/data/certbot/www:/var/www/certbot
`;

/** What upstream tracks beside them: its own .env and .prod.env (placeholders), and a .gitignore for the secrets. */
const TRACKED: Readonly<Record<string, string>> = {
  '.env': 'LOCAL_VOLUME_ROOT=${HOME}/sticky-pi-server\nROOT_DOMAIN_NAME=sticky-pi.com\n',
  '.prod.env': 'ROOT_DOMAIN_NAME=sticky-pi.com\n',
  '.gitignore': '.secret.env\n',
};

/**
 * Makes `dir` look like upstream's server/ folder: its two Compose files, and with `tracked` also the
 * files upstream commits next to them. Returns `dir`.
 */
export function writeUpstreamServer(dir: string, options: { tracked?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'docker-compose.yml'), COMPOSE);
  writeFileSync(join(dir, 'docker-compose.prod.yml'), COMPOSE_PROD);
  if (options.tracked) for (const [name, text] of Object.entries(TRACKED)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The Compose files, as an apply leaves them (and a test lists the folder). */
export const COMPOSE_FILES = ['docker-compose.prod.yml', 'docker-compose.yml'];

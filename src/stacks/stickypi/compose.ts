import type { Answers } from '../../core/questions/types.js';
import { exec, type ExecRun } from '../../kit/steps/index.js';

/** fieldstation's override of upstream's compose files (ports, renewal, local S3): written next to them. */
export const OVERRIDE = 'docker-compose.fieldstation.yml';

/**
 * Upstream's base and production files, then fieldstation's override. The steps pass them as -f, and .env
 * names them in COMPOSE_FILE, so an admin's own `docker compose ...` in the folder sees the same project.
 */
export const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.prod.yml', OVERRIDE] as const;

/** COMPOSE_FILE's list separator on Linux (COMPOSE_PATH_SEPARATOR unset). */
export const COMPOSE_FILE = COMPOSE_FILES.join(':');

export const isLocalS3 = (a: Answers): boolean => a['s3.mode'] === 'local';

/** The services that run: upstream's spi_s3 (localstack) never does; local S3 is fieldstation's spi_minio. */
export const services = (a: Answers): string[] => ['spi_db', 'spi_api', 'spi_webapp', 'spi_nginx', 'spi_certbot', ...(isLocalS3(a) ? ['spi_minio'] : [])];

/** `docker compose` run in the install folder with exactly the files COMPOSE_FILE names. */
export const compose = (dir: string, ...args: string[]): ExecRun => exec(['docker', 'compose', ...COMPOSE_FILES.flatMap((f) => ['-f', f]), ...args], { cwd: dir });

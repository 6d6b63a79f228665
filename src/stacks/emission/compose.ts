import { exec, type ExecRun } from '../../kit/steps/index.js';

/** `docker compose` in the install folder, which holds docker-compose.yml and its .env. */
export const compose = (dir: string, ...args: string[]): ExecRun => exec(['docker', 'compose', ...args], { cwd: dir });

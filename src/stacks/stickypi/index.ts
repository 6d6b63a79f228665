import type { Problem } from '../../core/errors.js';
import type { Answers } from '../../core/questions/types.js';
import { use, type CheckUse } from '../../core/checks/check.js';
import type { CheckFacts, InstallFolder, Stack, StackInput } from '../../core/stack.js';
import { composeV2, diskSpace, dns, dockerEngine, hostTools, memory, portsFree, privileges } from '../../kit/checks/index.js';
import { about } from './about.js';
import { context, files } from './files.js';
import { questions } from './questions.js';
import { isLocalS3 } from './compose.js';
import { certificateNames, steps, stepKinds } from './steps.js';

function crossCheck(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  if (answers['s3.host'] !== undefined && answers['s3.host'] === answers['domain']) {
    problems.push({ path: 's3.host', severity: 'error', message: 'is the server\'s own domain', fix: 'Give your S3 provider\'s endpoint host name.' });
  }
  return problems;
}

function notes({ answers }: StackInput): string[] {
  const devices = Number(answers['devices']);
  const weeks = Number(answers['retention_weeks']);
  const domain = String(answers['domain']);
  const local = isLocalS3(answers);
  const where = local ? `on this machine (local S3, in ${String(answers['volume_root'])}/s3)` : 'at your S3 provider';
  return [
    `Storage estimate: ${devices * weeks}-${devices * weeks * 2} GB of images ${where} for ${devices} device(s) over ${weeks} week(s) (1-2 GB per device per week).`,
    `DNS: A records for ${domain} and *.${domain} must point at this machine before certificates are requested.`,
    'Ports: only 80 and 443 are published beyond this machine; the web app (8081) listens on loopback only, and upstream\'s localstack S3 never starts.',
    `Certificate: one Let's Encrypt certificate for ${certificateNames(domain, local).join(', ')}; spi_certbot renews it and nginx reloads every 6 hours.`,
    ...(local ? [`Local S3: MinIO serves https://s3.${domain} (bucket ${String(answers['s3.bucket'])}); back up ${String(answers['volume_root'])}/s3 with the database.`] : []),
    'Compose: .env sets COMPOSE_FILE, so `docker compose ps`, `logs` or `up` typed in the install folder uses fieldstation\'s override too; upstream\'s deploy.sh passes its own -f list and would leave it out.',
  ];
}

const GB = 1024 ** 3;

/**
 * Docker and the other programs the steps run here; ports 80 and 443 for nginx; every name the certificate
 * covers; disk for the database (a few GB) and, with local S3, for every image (devices x weeks x up to 2 GB).
 */
function checks({ answers }: StackInput, { writePaths, programs }: CheckFacts): CheckUse[] {
  const domain = String(answers['domain']);
  const root = String(answers['volume_root']);
  const images = isLocalS3(answers) ? Number(answers['devices']) * Number(answers['retention_weeks']) * 2 * GB : 0;
  const ports = [80, 443];
  const docker = [use(dockerEngine, {}), use(composeV2, {})];
  return [
    ...docker,
    // What else the steps run here (openssl, rm): docker is the engine check's.
    ...hostTools(programs, docker),
    use(portsFree, { ports }),
    use(diskSpace, {
      needs: [
        { path: root, bytes: 10 * GB, why: 'database, certificates and container logs' },
        ...(images > 0 ? [{ path: `${root}/s3`, bytes: images, why: 'images kept by the local S3 (MinIO)' }] : []),
        { path: '/var/lib/docker', bytes: 6 * GB, why: 'container images' },
      ],
    }),
    use(memory, { bytes: 2 * GB }),
    use(dns, { hosts: certificateNames(domain, isLocalS3(answers)), ports }),
    use(privileges, { docker: true, paths: writePaths }),
  ];
}

/**
 * The steps run upstream's Compose files, so the install folder is upstream's server/ folder: .env and
 * .prod.env are written next to the docker-compose*.yml that read them.
 */
const installFolder: InstallFolder = {
  what: 'upstream\'s server/ folder (sticky-pi/sticky-pi-api, develop branch)',
  contains: ['docker-compose.yml', 'docker-compose.prod.yml'],
  get: 'Clone it with `git clone -b develop https://github.com/sticky-pi/sticky-pi-api`, then use its server/ folder: `--dir sticky-pi-api/server` (or run fieldstation in it).',
};

export const stickypi: Stack = {
  ...about,
  questions,
  files,
  stepKinds,
  context,
  steps,
  checks,
  crossCheck,
  notes,
  installFolder,
};

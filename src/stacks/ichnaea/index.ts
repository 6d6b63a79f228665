import { use, type CheckUse } from '../../core/checks/check.js';
import type { Problem } from '../../core/errors.js';
import type { Answers } from '../../core/questions/types.js';
import type { CheckFacts, Stack, StackInput } from '../../core/stack.js';
import { composeV2, diskSpace, dns, dockerEngine, hostTools, memory, portsFree, privileges } from '../../kit/checks/index.js';
import { about } from './about.js';
import { oneScheduler } from './checks.js';
import { context } from './context.js';
import { files } from './files.js';
import { hostFiles } from './host-files.js';
import { DEFAULT_IMAGE, dbMode, expectedHead, proxied, redisReachableFromOutside, runsScheduler, tagOf, webCount, webPort, workerCount } from './model.js';
import { notes } from './notes.js';
import { geoipSwap } from './operations.js';
import { serverQuestions } from './questions-server.js';
import { serviceQuestions } from './questions-services.js';
import { steps, stepKinds } from './steps.js';

const GB = 1024 ** 3;

function crossCheck(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  if (redisReachableFromOutside(answers) && answers['redis.auth'] === false) {
    problems.push({
      path: 'redis.auth',
      severity: 'error',
      message: `is false for ${String(answers['redis.host'])}, a public address: anyone who finds it reads and writes Ichnaea's queues (upstream #1373 was an abuse report about such a Redis)`,
      fix: 'Set a password on that Redis (requirepass) and answer redis.auth: true, or use a Redis on a private address, or redis.mode: container.',
    });
  }
  if (proxied(answers) && webCount(answers) === 0) {
    problems.push({ path: 'proxy.enabled', severity: 'error', message: 'is true, but roles.web is 0: the proxy would have no web role to pass requests to', fix: 'Run at least one web container here (roles.web: 1), or put the proxy on a host that runs the web role.' });
  }
  if (webCount(answers) === 0 && workerCount(answers) === 0 && !runsScheduler(answers)) {
    problems.push({ path: 'roles.web', severity: 'error', message: 'is 0, and so are roles.worker and roles.scheduler: nothing would run here', fix: 'Choose at least one role for this host.' });
  }
  if (expectedHead(answers) === undefined) {
    problems.push({
      path: 'image',
      severity: 'warning',
      message: `has a tag fieldstation has not read the migrations of (${tagOf(String(answers['image']))}): the health gate cannot compare the schema with the image's head`,
      fix: `Use ${tagOf(DEFAULT_IMAGE)}, or check \`docker compose run --rm shell alembic heads\` against /__heartbeat__ yourself after the install.`,
    });
  }
  return problems;
}

/** Docker, the ports the roles publish, room for MariaDB, DNS for the proxy, and one scheduler. */
function checks({ answers }: StackInput, { writePaths, programs }: CheckFacts): CheckUse[] {
  const docker = [use(dockerEngine, {}), use(composeV2, {})];
  const web = webCount(answers);
  const ports = [
    ...(proxied(answers) ? [80, 443] : Array.from({ length: web }, (_, i) => webPort(answers) + i)),
    ...(dbMode(answers) === 'container' ? [Number(answers['db.local_port'] ?? 3306)] : []),
  ];
  const image = String(answers['image']);
  return [
    ...docker,
    ...hostTools(programs, docker),
    ...(ports.length > 0 ? [use(portsFree, { ports })] : []),
    use(diskSpace, {
      needs: [
        ...(dbMode(answers) === 'container' ? [{ path: String(answers['data_dir']), bytes: 20 * GB, why: 'MariaDB\'s data: stations and observations grow with every submission' }] : []),
        { path: '/var/lib/docker', bytes: 4 * GB, why: 'the Ichnaea image and MariaDB\'s, Redis\'s' },
      ],
    }),
    use(memory, { bytes: 2 * GB }),
    ...(proxied(answers) ? [use(dns, { hosts: [String(answers['proxy.domain'])], ports: [80, 443] })] : []),
    use(privileges, { docker: true, paths: writePaths }),
    ...(runsScheduler(answers) ? [use(oneScheduler, { repository: image.replace(/[:@].*$/u, ''), project: 'ichnaea' })] : []),
  ];
}

export const ichnaea: Stack = {
  ...about,
  questions: [...serverQuestions, ...serviceQuestions],
  files,
  stepKinds,
  context,
  steps,
  checks,
  crossCheck,
  notes,
  hostFiles,
  showOnce: [{ id: 'api_key', what: 'API key' }],
  operationSteps: { 'geoip-swap': geoipSwap },
  // A tag keeps the image's repository; a whole reference (with / or @) replaces it.
  upgrade: { answer: 'image', to: (current, tag) => (/[/@]/u.test(tag) ? tag : `${current.replace(/[:@].*$/u, '')}:${tag}`) },
};

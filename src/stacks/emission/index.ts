import type { Problem } from '../../core/errors.js';
import type { Answers } from '../../core/questions/types.js';
import { use, type CheckUse } from '../../core/checks/check.js';
import type { CheckFacts, InstallFolder, Stack, StackInput } from '../../core/stack.js';
import { composeV2, diskSpace, dns, dockerEngine, hostTools, memory, portsFree, privileges } from '../../kit/checks/index.js';
import { about } from './about.js';
import { builtinTls } from './checks.js';
import { context } from './context.js';
import { files } from './files.js';
import { hostFiles } from './host-files.js';
import { notes } from './notes.js';
import { serverQuestions } from './questions-server.js';
import { serviceQuestions, studyQuestions } from './questions-services.js';
import { steps, stepKinds } from './steps.js';
import { behindProxy, dataRoot, isDocker, isNative, logDir, mongoMode, publicUrl, tlsMode } from './model.js';

const GB = 1024 ** 3;
const AUTH_AT = serverQuestions.findIndex((q) => q.id === 'auth.method');

function crossCheck(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  if (answers['auth.method'] === 'dynamic' && String(answers['study.configs_url']).startsWith('https://raw.githubusercontent.com/') && answers['study.config'] !== undefined) {
    problems.push({
      path: 'auth.method',
      severity: 'warning',
      message: 'is dynamic: the server downloads the study config at start and exits if it cannot (no internet, or no such config published)',
      fix: `Publish ${String(answers['study.config'])}.nrel-op.json to op-deployment-configs, or point study.configs_url at a copy this server can reach.`,
    });
  }
  if (isNative(answers) && mongoMode(answers) === 'local') {
    problems.push({ path: 'mongodb.mode', severity: 'warning', message: 'is local: a MongoDB on this machine without authentication, as upstream\'s docs run it', fix: 'Keep it bound to 127.0.0.1 (mongod.conf net.bindIp), or use external with a user and password.' });
  }
  return problems;
}

/** Docker (or the native tools), ports 80 and 443 for the proxy, DNS for the host, room for the data. */
function checks({ answers, dir }: StackInput, { writePaths, programs }: CheckFacts): CheckUse[] {
  const host = publicUrl(answers).host;
  const base = isDocker(answers) ? [use(dockerEngine, {}), use(composeV2, {})] : [];
  const ports = behindProxy(answers) || tlsMode(answers) === 'builtin' ? [80, 443] : [];
  return [
    ...base,
    ...hostTools(programs, base),
    ...(ports.length > 0 && isDocker(answers) ? [use(portsFree, { ports })] : []),
    use(diskSpace, {
      needs: [
        { path: isDocker(answers) ? dataRoot(answers) : logDir(answers), bytes: 10 * GB, why: 'the database, the logs and certificates' },
        ...(isDocker(answers) ? [{ path: '/var/lib/docker', bytes: 8 * GB, why: 'the server image (conda environment included) and MongoDB\'s' }] : []),
      ],
    }),
    use(memory, { bytes: 2 * GB }),
    ...(tlsMode(answers) === 'letsencrypt' ? [use(dns, { hosts: [host], ports: [80, 443] })] : []),
    use(privileges, { docker: isDocker(answers), paths: writePaths }),
    ...(tlsMode(answers) === 'builtin' ? [use(builtinTls, { file: `${dir}/emission/net/api/cfc_webapp.py` })] : []),
  ];
}

/** Native runs from an e-mission-server checkout: its scripts and the conf/ files it reads are there. */
const CHECKOUT: InstallFolder = {
  what: 'an e-mission-server checkout (e-mission/e-mission-server)',
  contains: ['emission/net/api/cfc_webapp.py', 'setup/setup_conda.sh', 'conf/net/api/webserver.conf.sample'],
  get: 'Clone it with `git clone https://github.com/e-mission/e-mission-server`, then run fieldstation in it (`--dir e-mission-server`), or choose runtime docker.',
};

export const emission: Stack = {
  ...about,
  // The study before sign-in (its name is in every generated code), the rest of the server's answers after.
  questions: [...serverQuestions.slice(0, AUTH_AT), ...studyQuestions, ...serverQuestions.slice(AUTH_AT), ...serviceQuestions],
  files,
  stepKinds,
  context,
  steps,
  checks,
  crossCheck,
  notes,
  hostFiles,
  // The participants' codes: the admin hands one to each participant.
  showOnce: [{ id: 'auth.tokens', what: 'Participant codes' }],
  installFolder: (answers) => (isNative(answers) ? CHECKOUT : undefined),
};

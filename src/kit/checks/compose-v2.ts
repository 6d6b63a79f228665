import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import type { CommandFact } from '../../core/checks/machine.js';
import { firstLine } from '../../core/checks/words.js';
import { DOCKER_TIMEOUT_MS, INSTALL_DOCKER } from './docker-engine.js';

const INSTALL_PLUGIN = 'Install the Compose v2 plugin: `sudo apt-get install docker-compose-plugin` (Docker\'s apt repository; on Ubuntu\'s own packages: `sudo apt-get install docker-compose-v2`), see https://docs.docker.com/compose/install/linux/. The old docker-compose v1 does not work.';

/** `docker compose version`: Compose must be v2 (the `docker compose` plugin, not the old `docker-compose` v1). */
export function judgeCompose(compose: CommandFact): Verdict {
  if (compose.ok) {
    const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(compose.stdout);
    if (!m) return verdict('warn', `cannot read the version from \`docker compose version\`: "${firstLine(compose.stdout)}"`, 'Check that `docker compose version` prints v2 or later.');
    const version = `${m[1]}.${m[2]}.${m[3]}`;
    if (Number(m[1]) < 2) return verdict('fail', `Docker Compose ${version} is too old: v2 or later is needed`, INSTALL_PLUGIN);
    return verdict('pass', `Docker Compose ${version}`);
  }
  switch (compose.reason) {
    case 'not-found':
      return verdict('fail', 'docker is not installed, so neither is Compose', INSTALL_DOCKER);
    case 'timeout':
      return verdict('fail', `\`docker compose version\` did not answer within ${compose.seconds} s`, 'Run `docker compose version` by hand to see why.');
    case 'error':
      return verdict('fail', `\`docker compose version\` could not be run: ${compose.message}`, 'Run `docker compose version` by hand to see why.');
    case 'exit': {
      const said = firstLine(compose.stderr) || `exit code ${compose.exitCode}`;
      if (/is not a docker command|unknown command|unknown shorthand flag/i.test(compose.stderr)) return verdict('fail', `Docker Compose v2 is missing (${said})`, INSTALL_PLUGIN);
      return verdict('fail', `\`docker compose version\` failed: ${said}`, 'Run `docker compose version` by hand to see the whole error.');
    }
  }
}

/** Docker Compose v2 is installed. */
export const composeV2: Check<Record<string, never>, CommandFact> = {
  name: 'compose',
  title: 'Docker Compose v2',
  measure: (machine) => machine.run(['docker', 'compose', 'version'], DOCKER_TIMEOUT_MS),
  judge: (fact) => judgeCompose(fact),
  programs: () => ['docker'],
  ifSkipped: () => 'every step that runs `docker compose` fails (image pulls, starting the server): the files are written, the server does not start.',
};

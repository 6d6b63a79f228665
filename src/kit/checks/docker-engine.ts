import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import type { CommandFact } from '../../core/checks/machine.js';
import { firstLine } from '../../core/checks/words.js';

/** The engine's version, or how it failed. Privileges asks the same (the machine runs it once). */
export const DOCKER_INFO = ['docker', 'info', '--format', '{{.ServerVersion}}'] as const;
export const DOCKER_TIMEOUT_MS = 15_000;

export const INSTALL_DOCKER = 'Install Docker Engine with its Compose plugin: https://docs.docker.com/engine/install/ (on Debian or Ubuntu: `curl -fsSL https://get.docker.com | sudo sh`).';
export const JOIN_DOCKER_GROUP = 'Add yourself to the docker group: `sudo usermod -aG docker "$USER"`, then log out and back in (or run fieldstation with sudo).';

/** How `docker info` went, in one word. Also used by the privileges check. */
export function dockerAccess(info: CommandFact): 'reachable' | 'permission-denied' | 'unreachable' | 'not-installed' {
  if (info.ok) return 'reachable';
  if (info.reason === 'not-found') return 'not-installed';
  if (info.reason === 'exit' && /permission denied/i.test(info.stderr)) return 'permission-denied';
  return 'unreachable';
}

/** `docker info --format {{.ServerVersion}}`: the engine must answer. */
export function judgeEngine(info: CommandFact): Verdict {
  if (info.ok) {
    const version = firstLine(info.stdout);
    return verdict('pass', version ? `Docker engine ${version} is reachable` : 'the Docker engine is reachable');
  }
  switch (info.reason) {
    case 'not-found':
      return verdict('fail', 'docker is not installed (not found on PATH)', INSTALL_DOCKER);
    case 'timeout':
      return verdict('fail', `\`docker info\` did not answer within ${info.seconds} s`,
        'Restart the engine: `sudo systemctl restart docker`; if it still hangs, read `sudo journalctl -u docker --since -10min`.');
    case 'error':
      return verdict('fail', `\`docker info\` could not be run: ${info.message}`, 'Run `docker info` by hand to see why.');
    case 'exit': {
      const said = firstLine(info.stderr) || `exit code ${info.exitCode}`;
      if (/permission denied/i.test(info.stderr)) return verdict('fail', `no permission to use the Docker engine: ${said}`, JOIN_DOCKER_GROUP);
      if (/cannot connect to the docker daemon|is the docker daemon running|docker\.sock.*(no such file|connection refused)/i.test(info.stderr)) {
        return verdict('fail', `the Docker engine is not running: ${said}`,
          'Start it, and at every boot: `sudo systemctl enable --now docker`; then `docker info` must show a "Server:" section.');
      }
      return verdict('fail', `\`docker info\` failed: ${said}`, 'Run `docker info` by hand to see the whole error.');
    }
  }
}

/** The Docker engine answers. */
export const dockerEngine: Check<Record<string, never>, CommandFact> = {
  name: 'docker',
  title: 'Docker engine',
  measure: (machine) => machine.run(DOCKER_INFO, DOCKER_TIMEOUT_MS),
  judge: (info) => judgeEngine(info),
  // It fails with the install instructions when docker is missing: no host-tool check asks again.
  programs: () => ['docker'],
  ifSkipped: () => 'every step that runs docker fails, from the first one: the files are written, the server does not start.',
};

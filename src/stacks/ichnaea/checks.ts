import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import type { CommandFact } from '../../core/checks/machine.js';

export interface OneSchedulerParams {
  /** The image's repository (mozilla/location), whatever its tag. */
  readonly repository: string;
  /** This install's Compose project: its own scheduler is not another one. */
  readonly project: string;
}

/** Every running container, one per line: name, image, command, Compose project and service. */
export const LIST_CONTAINERS = ['docker', 'ps', '--no-trunc', '--format', '{{.Names}}\t{{.Image}}\t{{.Command}}\t{{.Label "com.docker.compose.project"}}\t{{.Label "com.docker.compose.service"}}'] as const;

/**
 * Exactly one scheduler may run across an Ichnaea: a second one queues every periodic task again. Any
 * running container of the image that runs the scheduler role (the seed's `docker run ... scheduler`, or
 * another Compose project's) and is not this install's own scheduler is another one.
 */
export function judgeOneScheduler(fact: CommandFact, { repository, project }: OneSchedulerParams): Verdict {
  if (!fact.ok) return verdict('warn', 'could not list the running containers', 'Run `docker ps` by hand: another Ichnaea scheduler on this machine must be stopped before this one starts.');
  const others = fact.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t')).filter(([, image = '', command = '', proj = '', service = '']) => {
    const ours = proj === project && service === 'scheduler';
    const ichnaea = image === repository || image.startsWith(`${repository}:`) || image.startsWith(`${repository}@`);
    return !ours && ichnaea && (service === 'scheduler' || /\bscheduler\b/u.test(command));
  });
  if (others.length === 0) return verdict('pass', 'no other Ichnaea scheduler runs on this machine');
  const names = others.map(([name]) => name).join(', ');
  return verdict('fail', `another Ichnaea scheduler runs here already: ${names}`,
    `Exactly one scheduler must run across all hosts of this Ichnaea. Set roles.scheduler: false for this install, or stop the other one first (\`docker stop ${others[0]![0]}\`).`);
}

export const oneScheduler: Check<OneSchedulerParams, CommandFact> = {
  name: 'one-scheduler',
  title: 'No other Ichnaea scheduler',
  measure: (machine) => machine.run(LIST_CONTAINERS, 15_000),
  judge: (fact, params) => judgeOneScheduler(fact, params),
  ifSkipped: () => 'two schedulers would queue every periodic task twice (double exports, double counts).',
};

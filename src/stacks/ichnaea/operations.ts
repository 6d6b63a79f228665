import type { Problem } from '../../core/errors.js';
import type { Operation, StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import { exec } from '../../kit/steps/index.js';
import { compose } from './compose.js';
import { GEOIP_TAIL_BYTES, geoipProblems } from './host-files.js';
import { geoipFile, geoipFolder, geoipHostPath, runsScheduler, webCount, workerCount } from './model.js';
import { heartbeatStep } from './steps.js';

/** The roles on this host: all of them mount the GeoIP folder. */
const roles = (input: StackInput): string[] => [
  ...(webCount(input.answers) > 0 ? ['web'] : []),
  ...(workerCount(input.answers) > 0 ? ['worker'] : []),
  ...(runsScheduler(input.answers) ? ['scheduler'] : []),
];

export const geoipSwap: Operation = {
  options: { file: { required: true, help: 'Give the new database with --file /path/to/GeoLite2-City.mmdb (download it from MaxMind, or with geoipupdate).' } },
  async check(input, options, read, now) {
    const file = options['file']!;
    const current = geoipHostPath(input.answers);
    const problem = (message: string, fix: string, severity: Problem['severity'] = 'error'): Problem => ({ path: '--file', severity, message, fix });
    if (!file.startsWith('/')) return [problem(`is ${JSON.stringify(file)}, not an absolute path`, 'Give the full path, e.g. /tmp/GeoLite2-City.mmdb.')];
    if (file === current) return [problem('is the database in use already', `Download the new one elsewhere (e.g. /tmp), then give its path: it replaces ${current}.`)];
    const bytes = await read(file, GEOIP_TAIL_BYTES);
    if (typeof bytes === 'string') return [problem(`${file} ${bytes}`, 'Give the path of the new .mmdb file.')];
    return geoipProblems('--file', bytes, now);
  },
  steps(input, options): Step[] {
    const { dir } = input;
    const current = geoipHostPath(input.answers);
    const incoming = `${geoipFolder(input.answers)}/.${geoipFile(input.answers)}.new`;
    const here = roles(input);
    return [
      { id: 'stop', title: `Roles stopped (${here.join(', ')})`, run: compose(dir, 'stop', ...here) },
      {
        id: 'keep-previous',
        title: `Current database kept as ${current}.previous`,
        run: exec(['sh', '-c', 'test ! -e "$0" || cp -p -- "$0" "$0.previous"', current]),
        dependsOn: ['stop'],
      },
      // Beside the target, so the rename below stays on one file system: rename(2) swaps it at once.
      { id: 'copy-new', title: 'New database copied beside it', run: exec(['cp', '--', options['file']!, incoming]), dependsOn: ['keep-previous'] },
      { id: 'swap', title: `New database renamed into place (${current})`, run: exec(['mv', '-f', '--', incoming, current]), dependsOn: ['copy-new'] },
      { id: 'start', title: 'Roles started on the new database', run: compose(dir, 'start', ...here), dependsOn: ['swap'] },
      ...(webCount(input.answers) > 0 ? [heartbeatStep(input, 'start')] : []),
    ];
  },
};

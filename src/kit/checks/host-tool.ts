import { verdict, type Check } from '../../core/checks/check.js';

export interface HostToolParams {
  /** The program a step runs on this machine, as found on PATH. */
  readonly program: string;
  /** The Debian/Ubuntu package that provides it. */
  readonly debianPackage: string;
  /** Which step needs it, in words. */
  readonly why: string;
}

/** A program a step runs on the host (not in a container) is installed. */
export const hostTool: Check<HostToolParams, string | undefined> = {
  name: 'tool',
  title: 'Host tool',
  measure: (machine, { program }) => machine.which(program),
  judge: (found, { program, debianPackage, why }) =>
    found === undefined
      ? verdict('fail', `${program} is not installed (not found on PATH); ${why}`, `Install it: \`sudo apt-get install ${debianPackage}\`.`)
      : verdict('pass', `${program} is ${found}`),
};

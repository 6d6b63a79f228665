import { use, verdict, type Check, type CheckUse } from '../../core/checks/check.js';
import { listWords } from '../../core/checks/words.js';
import { uncheckedPrograms, type HostProgram } from '../../core/steps/programs.js';

export interface HostToolParams {
  /** The program a step runs on this machine, as found on PATH. */
  readonly program: string;
  /** The Debian/Ubuntu package that provides it, when known. */
  readonly debianPackage?: string;
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
      ? verdict('fail', `${program} is not installed (not found on PATH); ${why}`, installFix(program, debianPackage))
      : verdict('pass', `${program} is ${found}`),
  programs: ({ program }) => [program],
  ifSkipped: ({ program, why }) => `${why.replace(/^the /, 'The ')}: without ${program} that step fails, and the ones after it do not run.`,
};

const installFix = (program: string, pkg: string | undefined): string =>
  pkg !== undefined
    ? `Install it: \`sudo apt-get install ${pkg}\`.`
    // Most programs come in a package of their own name; when not, apt-file names the one that has it.
    : `Install it: \`sudo apt-get install ${baseName(program)}\` (if no package has that name, \`apt-file search --regexp 'bin/${baseName(program)}$'\` names the one that provides it).`;

/** Debian and Ubuntu packages of programs steps commonly start, where the name differs or is worth stating. */
const DEBIAN_PACKAGES: Readonly<Record<string, string>> = {
  openssl: 'openssl',
  rm: 'coreutils', cp: 'coreutils', mv: 'coreutils', mkdir: 'coreutils', chmod: 'coreutils', chown: 'coreutils', ln: 'coreutils', install: 'coreutils',
  sh: 'dash', bash: 'bash', sed: 'sed', tar: 'tar', gzip: 'gzip', find: 'findutils',
  git: 'git', curl: 'curl', rsync: 'rsync', jq: 'jq',
  mysql: 'mariadb-client', mariadb: 'mariadb-client', mysqldump: 'mariadb-client', 'mariadb-dump': 'mariadb-client',
  'redis-cli': 'redis-tools', psql: 'postgresql-client', cryptsetup: 'cryptsetup', systemctl: 'systemd', certbot: 'certbot',
  nginx: 'nginx', useradd: 'passwd', runuser: 'util-linux', mountpoint: 'util-linux', blkid: 'util-linux', id: 'coreutils', test: 'coreutils',
  lsblk: 'util-linux', wipefs: 'util-linux', losetup: 'mount', mount: 'mount', umount: 'mount', 'mkfs.ext4': 'e2fsprogs', 'mkfs.xfs': 'xfsprogs',
};

const baseName = (program: string): string => program.slice(program.lastIndexOf('/') + 1);

/** The package that provides a program, from the table, or undefined when it is not in it. */
export const debianPackageOf = (program: string): string | undefined => DEBIAN_PACKAGES[baseName(program)];

/**
 * A host-tool check (`tool-<program>`) for each program the steps start that no check in `picked` already
 * covers: docker, say, is the engine check's. Give it the plan's `programs` fact and the checks picked so far.
 */
export function hostTools(programs: readonly HostProgram[], picked: readonly CheckUse[]): CheckUse[] {
  return uncheckedPrograms(programs, picked).map((p) => {
    const pkg = debianPackageOf(p.program);
    const why = p.steps.length === 1 ? `the ${p.steps[0]} step runs it` : `the ${listWords(p.steps)} steps run it`;
    return use(hostTool, { program: p.program, ...(pkg !== undefined ? { debianPackage: pkg } : {}), why }, { name: `tool-${baseName(p.program)}` });
  });
}

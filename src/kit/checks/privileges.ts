import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import type { GroupEntry, Identity, PathFact } from '../../core/checks/machine.js';
import { listWords, plural } from '../../core/checks/words.js';
import { DOCKER_INFO, DOCKER_TIMEOUT_MS, dockerAccess, JOIN_DOCKER_GROUP } from './docker-engine.js';

export interface PrivilegesParams {
  /** The steps run `docker compose`: the user must be able to use the engine. */
  readonly docker: boolean;
  /** Folders the steps create or write (the install folder and every folder a step makes). */
  readonly paths: readonly string[];
}

export interface PrivilegeFacts {
  /** undefined where there are no user ids (Windows). */
  readonly uid: number | undefined;
  /** The process's group ids (supplementary included): what it may use now, not after a new login. */
  readonly groups: readonly number[];
  readonly user?: string | undefined;
  /** The docker group from the group database, if there is one. */
  readonly dockerGroup?: GroupEntry | undefined;
  readonly dockerNeeded: boolean;
  /** What `docker info` showed (see dockerAccess), when docker is needed. */
  readonly docker?: ReturnType<typeof dockerAccess> | undefined;
  readonly paths: readonly PathFact[];
}

/**
 * The steps run `docker compose` and write the data folders: root can do both; otherwise the user must be
 * able to use the Docker engine (docker group, or an engine that already answered, e.g. rootless) and
 * create or write each folder.
 */
export function judgePrivileges(facts: PrivilegeFacts): Verdict {
  const root = facts.uid === 0;
  const who = root ? 'root' : facts.uid === undefined ? 'this user' : `uid ${facts.uid}${facts.user ? ` (${facts.user})` : ''}`;
  const problems: string[] = [];
  const warnings: string[] = [];
  const fixes: string[] = [];
  const good: string[] = [root ? 'running as root' : `running as ${who}`];

  if (facts.dockerNeeded && !root) {
    const inGroup = facts.dockerGroup !== undefined && facts.groups.includes(facts.dockerGroup.gid);
    const addedNotActive = !inGroup && facts.user !== undefined && facts.dockerGroup?.members.includes(facts.user) === true;
    const groupFix = addedNotActive
      ? 'You are in the docker group but this session started before you were added: log out and back in (or run `newgrp docker`).'
      : JOIN_DOCKER_GROUP;
    if (inGroup) good.push('in the docker group');
    else if (facts.docker === 'reachable') good.push('may use the Docker engine');
    else if (facts.docker === 'permission-denied') {
      problems.push(`${who} may not use the Docker engine (permission denied on its socket)`);
      fixes.push(groupFix);
    } else if (facts.docker !== 'not-installed') {
      warnings.push(`cannot tell whether ${who} may use the Docker engine (it did not answer; not in the docker group)`);
      fixes.push(groupFix);
    }
  }

  const blocked = facts.paths.filter((p) => p.state === 'not-writable');
  for (const p of facts.paths) {
    if (p.state === 'not-a-folder') {
      problems.push(`${p.path} cannot be a folder: ${p.at} is a file`);
      fixes.push(`Move or remove ${p.at}, or answer another folder.`);
    } else if (p.state === 'error') {
      warnings.push(`cannot check ${p.path} (${p.error} at ${p.at})`);
      fixes.push(`Check by hand that ${who} can create and write ${p.path}.`);
    }
  }
  if (blocked.length > 0) {
    const paths = blocked.map((p) => p.path);
    const at = [...new Set(blocked.map((p) => p.at))];
    problems.push(`${who} cannot create or write ${listWords(paths)} (${listWords(at)} ${at.length === 1 ? 'is' : 'are'} not writable)`);
    // The exact folders, made and owned beforehand; never a recursive chown (the database's files have their own owner).
    fixes.push(root
      ? `Even root cannot write there: check whether the file system is read-only (\`findmnt -T ${at[0]}\`), or answer another folder.`
      : `Run fieldstation with sudo, or make ${paths.length === 1 ? 'that folder' : 'those folders'} yours first: \`sudo mkdir -p ${paths.join(' ')} && sudo chown "$(id -u):$(id -g)" ${paths.join(' ')}\`.`);
  }
  const okPaths = facts.paths.length - blocked.length - facts.paths.filter((p) => p.state === 'not-a-folder' || p.state === 'error').length;
  if (facts.paths.length > 0 && okPaths === facts.paths.length) good.push(`can write or create all ${plural(facts.paths.length, 'folder')} the steps use`);

  const fix = fixes.length ? fixes.join('\n') : undefined;
  if (problems.length > 0) return verdict('fail', [...problems, ...warnings].join('; '), fix);
  if (warnings.length > 0) return verdict('warn', warnings.join('; '), fix);
  return verdict('pass', good.join(', '));
}

/** Root, or use of the Docker engine, and the folders the steps write can be created or written. */
export const privileges: Check<PrivilegesParams, PrivilegeFacts> = {
  name: 'privileges',
  title: 'Privileges',
  async measure(machine, params) {
    const identity: Identity = machine.identity();
    const [group, info, paths] = await Promise.all([
      machine.group('docker'),
      params.docker ? machine.run(DOCKER_INFO, DOCKER_TIMEOUT_MS) : Promise.resolve(undefined),
      Promise.all(params.paths.map((p) => machine.folder(p))),
    ]);
    return { ...identity, dockerGroup: group, dockerNeeded: params.docker, docker: info === undefined ? undefined : dockerAccess(info), paths };
  },
  judge: (facts) => judgePrivileges(facts),
  ifSkipped: () => 'the steps that make folders or use the Docker engine fail with "permission denied", from the first one.',
};

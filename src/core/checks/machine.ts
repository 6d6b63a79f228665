/**
 * The Machine port: what the preflight checks may measure, as facts. src/io/machine.ts implements it for
 * this machine; the checks never touch the world themselves, so their judgements are pure and tested alone.
 */

/** What running a command told us. */
export type CommandFact =
  | { readonly ok: true; readonly stdout: string }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'timeout'; readonly seconds: number }
  | { readonly ok: false; readonly reason: 'exit'; readonly exitCode: number; readonly stderr: string }
  | { readonly ok: false; readonly reason: 'error'; readonly message: string };

export interface PortFact {
  readonly port: number;
  readonly state: 'free' | 'in-use' | 'unknown';
  /** How it was found, or why it could not be: shown to people. */
  readonly note?: string;
}

export interface DiskNeed {
  readonly path: string;
  readonly bytes: number;
  readonly why: string;
}

/** One file system and what must fit on it. `measuredAt` is the nearest existing folder of the paths. */
export type DiskFact =
  | { readonly needs: readonly DiskNeed[]; readonly measuredAt: string; readonly freeBytes: number }
  | { readonly needs: readonly DiskNeed[]; readonly measuredAt: string; readonly error: string };

/** What looking a name up gave: its addresses, or an error code (ENOTFOUND, EAI_AGAIN, TIMEOUT...). */
export type LookupFact =
  | { readonly host: string; readonly addresses: readonly string[] }
  | { readonly host: string; readonly error: string; readonly seconds?: number };

/** A folder the steps write in or create, as found on disk. */
export type PathFact =
  | { readonly path: string; readonly state: 'writable' }
  | { readonly path: string; readonly state: 'creatable'; readonly parent: string }
  | { readonly path: string; readonly state: 'not-writable'; readonly at: string }
  | { readonly path: string; readonly state: 'not-a-folder'; readonly at: string }
  | { readonly path: string; readonly state: 'error'; readonly at: string; readonly error: string };

/** Whether a TCP connection could be opened, and if not, how it failed (ECONNREFUSED, TIMEOUT, ...). */
export type TcpFact = { readonly host: string; readonly port: number; readonly reachable: true } | { readonly host: string; readonly port: number; readonly reachable: false; readonly error: string };

export interface Identity {
  /** undefined where there are no user ids (Windows). */
  readonly uid: number | undefined;
  /** The process's group ids (supplementary included): what it may use now, not after a new login. */
  readonly groups: readonly number[];
  readonly user: string | undefined;
}

export interface GroupEntry {
  readonly gid: number;
  readonly members: readonly string[];
}

export interface Machine {
  /** Runs an argv (never a shell) with a timeout. One argv is run once per doctor run, however many checks ask. */
  run(argv: readonly string[], timeoutMs: number): Promise<CommandFact>;
  /** Whether a TCP port is free on all addresses. */
  port(port: number): Promise<PortFact>;
  /** Free space for each need; needs on one file system are grouped. */
  disk(needs: readonly DiskNeed[]): Promise<DiskFact[]>;
  /** Every name looked up at once, each with a timeout. */
  lookup(hosts: readonly string[]): Promise<LookupFact[]>;
  /** This machine's network addresses. */
  addresses(): readonly string[];
  /** Total memory in bytes. */
  memoryBytes(): number;
  identity(): Identity;
  /** A group from the group database, or undefined when there is none of that name. */
  group(name: string): Promise<GroupEntry | undefined>;
  /** Whether the process can write in a folder, or create it. */
  folder(path: string): Promise<PathFact>;
  /** The absolute path of a program on PATH, or undefined. */
  which(program: string): Promise<string | undefined>;
  /** Opens a TCP connection and closes it at once. */
  connect(host: string, port: number, timeoutMs: number): Promise<TcpFact>;
}

import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DOCKER_STAND_IN } from './docker.js';

/**
 * A STAND-IN for the Docker engine's API socket, to read env files through the real docker CLI's own
 * parser: the CLI parses `--env-file` itself and sends the result as the `Env` of POST /containers/create.
 * No engine runs on the machines that test fieldstation, so this small HTTP server on a Unix socket answers
 * what the CLI asks first (HEAD or GET /_ping, with the API version it then uses), records each create
 * request's JSON body and answers it with an error, so nothing is ever run. Every other request is
 * recorded as unexpected and answered with an error too.
 *
 * Seen with the docker 28.2 client: HEAD /_ping (twice), then POST /v1.43/containers/create. It asks
 * nothing else (no /version) before the create.
 */
export interface DockerEngineStandIn {
  /** For `docker -H`: unix:///tmp/.../engine.sock */
  readonly host: string;
  /** The JSON body of each POST /v*\/containers/create, in order. */
  readonly creates: readonly ContainerCreate[];
  /** `METHOD /path` of every request the stand-in does not know. */
  readonly unexpected: readonly string[];
  close(): Promise<void>;
}

/** The part of a create request the tests read. */
export interface ContainerCreate {
  readonly Env?: readonly string[] | null;
  readonly Image?: string;
  readonly Cmd?: readonly string[] | null;
}

/** The API version the stand-in claims: the docker 28 client then sends /v1.43/... */
const API_VERSION = '1.43';

export async function startDockerEngineStandIn(): Promise<DockerEngineStandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-engine-'));
  const socket = join(dir, 'engine.sock');
  const creates: ContainerCreate[] = [];
  const unexpected: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      if (/^(\/v[\d.]+)?\/_ping$/.test(path) && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'Api-Version': API_VERSION, 'Ostype': 'linux', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '2' });
        res.end(req.method === 'HEAD' ? undefined : 'OK');
        return;
      }
      if (req.method === 'POST' && /^\/v[\d.]+\/containers\/create$/.test(path)) creates.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ContainerCreate);
      else unexpected.push(`${req.method ?? '?'} ${path}`);
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'fieldstation test stand-in: no Docker engine here, nothing was created' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  return {
    host: `unix://${socket}`,
    creates,
    unexpected,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/**
 * The real docker CLI on PATH (on this machine kind /usr/local/bin/docker; Debian's docker.io has one too),
 * never the recording stand-in of test/fixtures/docker-stand-in. Missing, the test fails: nothing is skipped.
 */
export function dockerCli(): string {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir || dir === DOCKER_STAND_IN) continue;
    const path = join(dir, 'docker');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this folder
    }
  }
  throw new Error(
    "no docker CLI on PATH, so env files cannot be read by the docker CLI's own parser: install Debian's docker.io (apt-get install -y docker.io; only its client is used); these tests fail rather than skip without it",
  );
}

/** What `docker run --env-file` made of the files: the `Env` it sent, or why it refused them. */
export type DockerRunEnv = { readonly ok: true; readonly env: readonly string[] } | { readonly ok: false; readonly error: string };

/**
 * `docker -H <stand-in> run --env-file F... --rm IMAGE true`: the values travel only in the files, never in
 * argv. The CLI runs in an environment of its own (its config in a throwaway folder, no DOCKER_HOST or
 * context, no variables a bare `KEY` line could pick up). It always exits non-zero: the stand-in refuses
 * the create. Call one at a time per stand-in: the create it recorded is matched by count.
 */
export async function dockerRunEnv(engine: DockerEngineStandIn, envFiles: readonly string[]): Promise<DockerRunEnv> {
  const docker = dockerCli();
  const config = mkdtempSync(join(tmpdir(), 'fieldstation-docker-config-'));
  const before = engine.creates.length;
  try {
    const args = ['-H', engine.host, 'run', ...envFiles.flatMap((f) => ['--env-file', f]), '--rm', 'fieldstation-test-image', 'true'];
    const stderr = await new Promise<string>((resolve) => {
      execFile(docker, args, { env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: config, DOCKER_CONFIG: config }, encoding: 'utf8', timeout: 20_000 }, (_error, _stdout, err) => resolve(err));
    });
    if (engine.creates.length === before) return { ok: false, error: stderr.trim() };
    return { ok: true, env: engine.creates.at(-1)!.Env ?? [] };
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}

/** An Env array as a map, split at the first `=` as the engine does; the last of a key wins. */
export function envMap(env: readonly string[]): Map<string, string> {
  return new Map(env.map((entry) => {
    const eq = entry.indexOf('=');
    return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
  }));
}

/**
 * The rule from the issue, for input that every file format could carry but that apply would fail on: a
 * path over Linux's limits, bytes that are not UTF-8 (in the answers file, a secret's file or its variable),
 * a database password upstream cannot put into its URL, a domain too long for the certificate. The real
 * CLI refuses each at `validate`, naming the key, with the validation exit code, and `apply` writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { BIN, childEnv, ROOT, runCli, tempDir, type RunResult } from '../../../helpers/cli.js';
import { EXAMPLE_ENV } from './answers.js';
import { UPSTREAM_ENTRIES, writeUpstreamServer } from './upstream.js';

/** Bytes as a Latin-1 editor saves them: é is the single byte 0xE9, which is never valid UTF-8 there. */
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const URL_WHY = 'which upstream puts unescaped into a mysql+pymysql:// URL';
const URL_FIX = 'fix: Use letters, digits and - _ . ~ only, or leave it out to have one generated.';
const TLS = '/data/certbot/conf/options-ssl-nginx.conf';

interface CliCase {
  readonly name: string;
  /** The answers file's lines after the header, each a line (a Buffer line keeps its raw bytes). */
  readonly lines: (work: string) => (string | Buffer)[];
  /** Files next to the answers file, by name. */
  readonly files?: Record<string, Buffer>;
  readonly env?: Record<string, string>;
  /** An environment variable given as raw bytes (printf octal escapes), as a shell with a Latin-1 locale passes it. */
  readonly rawEnv?: readonly [name: string, printf: string];
  /** What stderr must say: the key, its line and the problem (and the fix). */
  readonly says: readonly string[];
  /** A secret that must appear nowhere in what was printed. */
  readonly secret?: string;
}

const answerLines = (work: string, over: { domain?: string | Buffer; volumeRoot?: string | Buffer } = {}, extra: (string | Buffer)[] = []): (string | Buffer)[] => [
  over.domain ?? 'domain: sticky.example.org',
  'admin_email: admin@example.org',
  over.volumeRoot ?? `volume_root: ${join(work, 'data')}`,
  's3:\n  host: s3.example-provider.com\n  access_key: {env: STICKY_S3_ACCESS_KEY}\n  private_key: {env: STICKY_S3_PRIVATE_KEY}',
  ...extra,
];
/** A folder inside `work` whose path is exactly `bytes` bytes long, in names of 200 bytes. */
const folderOf = (work: string, bytes: number) => `${work}${`/${'d'.repeat(199)}`.repeat(30)}`.slice(0, bytes);

const CLI_CASES: readonly CliCase[] = [
  {
    name: 'a data folder with a name of 128 characters but 256 bytes',
    lines: (work) => answerLines(work, { volumeRoot: `volume_root: ${join(work, 'é'.repeat(128))}` }),
    says: ['volume_root (line 5): has a name of 256 bytes ("éééééééééééééééééééééééé…"); Linux allows at most 255 bytes for each file or folder name'],
  },
  {
    name: 'a data folder under the path limit whose TLS settings file is over it',
    lines: (work) => answerLines(work, { volumeRoot: `volume_root: ${folderOf(work, 4095 - TLS.length + 1)}` }),
    says: [`volume_root (line 5): puts a file that apply writes at <volume_root>${TLS}, a path that is 4096 bytes long; Linux allows at most 4095 bytes in a path`, `fix: Give a shorter volume_root: apply writes ${TLS} below it.`],
  },
  {
    // The TLS settings fit (4095 bytes), but the certificate folder of sticky.example.org is one byte longer.
    name: 'a data folder whose certificate folder, made by a bootstrap step, is over the path limit',
    lines: (work) => answerLines(work, { volumeRoot: `volume_root: ${folderOf(work, 4095 - TLS.length)}` }),
    says: ['volume_root (line 5): puts a folder that a bootstrap step makes at <volume_root>/data/certbot/conf/live/sticky.example.org, a path that is 4096 bytes long; Linux allows at most 4095 bytes in a path'],
  },
  {
    name: 'an answers file saved as Latin-1: the answer that holds the byte, and a comment',
    lines: (work) => answerLines(work, { volumeRoot: latin1(`volume_root: ${join(work, 'données')}`) }, [latin1('# réglages du serveur')]),
    says: [
      'volume_root (line 5): is not valid UTF-8: it holds bytes that no UTF-8 text has (read as U+FFFD)',
      'line 10: the file is not valid UTF-8: this line holds bytes that no UTF-8 text has, in a comment or a key\'s name',
      'fix: Save the answers file as UTF-8 (e.g. iconv -f latin1 -t utf-8 old.yaml > answers.yaml), or type the value again.',
    ],
  },
  {
    name: 'a secret file saved as Latin-1',
    lines: (work) => answerLines(work, {}, ['secrets:', '  mysql_password: {file: db-password}']),
    files: { 'db-password': latin1('mot-de-passe-café\n') },
    says: ['secrets.mysql_password (line 11): comes from the file ', '/db-password, which is not valid UTF-8 text'],
  },
  {
    name: 'a secret in an environment variable that is not UTF-8',
    lines: (work) => answerLines(work),
    rawEnv: ['STICKY_S3_ACCESS_KEY', 'AKIA\\351EXAMPLEKEY'],
    says: ['s3.access_key (line 8): comes from the environment variable STICKY_S3_ACCESS_KEY, which is not valid UTF-8 (or holds U+FFFD)'],
  },
  ...[...'@/:#?%'].flatMap((c): CliCase[] => {
    const secret = `db-pass${c}word-2024`;
    const says = [`secrets.mysql_password (line 11): has a value that contains '${c}', ${URL_WHY}`, URL_FIX];
    return [
      { name: `a literal database password with ${c}`, lines: (work) => answerLines(work, {}, ['secrets:', `  mysql_password: ${JSON.stringify(secret)}`]), says, secret },
      { name: `a database password with ${c} from the environment`, lines: (work) => answerLines(work, {}, ['secrets:', '  mysql_password: {env: DB_PASSWORD}']), env: { DB_PASSWORD: secret }, says, secret },
      { name: `a database password with ${c} from a file`, lines: (work) => answerLines(work, {}, ['secrets:', '  mysql_password: {file: db-password}']), files: { 'db-password': Buffer.from(`${secret}\n`) }, says, secret },
    ];
  }),
  {
    name: 'a domain too long for the certificate\'s webapp.<domain>',
    lines: (work) => answerLines(work, { domain: `domain: ${`${'a'.repeat(62)}.`.repeat(3)}${'b'.repeat(54)}.org` }),
    says: ['domain (line 3): is 247 characters long; with "webapp." in front, the web app\'s name, it is over the 253 characters DNS allows'],
  },
];

/** The built CLI with one variable's raw bytes in its environment: a Node parent could only pass them as UTF-8. */
function runCliRawEnv(args: readonly string[], [name, printf]: readonly [string, string], env: Record<string, string>): RunResult {
  const script = `${name}="$(printf "$1")"; export ${name}; shift; exec "$@"`;
  const r = spawnSync('/bin/sh', ['-c', script, 'sh', printf, process.execPath, BIN, ...args], { cwd: ROOT, env: childEnv(env), encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('Sticky Pi through the real CLI: validate refuses what apply would fail on, and apply writes nothing', () => {
  it.each(CLI_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const work = tempDir();
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, Buffer.concat(['version: 1', 'stack: stickypi', ...c.lines(work)].map((l) => Buffer.concat([typeof l === 'string' ? Buffer.from(l) : l, Buffer.from('\n')]))));
    for (const [file, bytes] of Object.entries(c.files ?? {})) writeFileSync(join(work, file), bytes);
    const before = readdirSync(work).sort();
    const env = { ...EXAMPLE_ENV, ...c.env };
    const run = (args: string[]) => (c.rawEnv ? runCliRawEnv(args, c.rawEnv, env) : runCli(args, { env }));
    for (const args of [['validate', '--answers', answers], ['apply', '--answers', answers, '--dir', join(work, 'server'), '--yes', '--skip-bootstrap']]) {
      const r = run(args);
      expect(r.status, `${args[0]}: ${r.stderr}`).toBe(2);
      for (const text of c.says) expect(r.stderr, args[0]).toContain(text);
      expect(r.stderr).toMatch(/problems? in the answers; nothing was written/);
      if (c.secret) expect(r.stdout + r.stderr).not.toContain(c.secret);
    }
    // Nothing written: no install folder, no data folder, nothing else beside the test's own files.
    expect(readdirSync(work).sort()).toEqual(before);
  });

  it('blocks a data folder under a file (validate cannot see the machine): apply refuses before writing', () => {
    const work = tempDir();
    writeUpstreamServer(join(work, 'server'));
    writeFileSync(join(work, 'not-a-folder'), 'a file\n');
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, ['version: 1', 'stack: stickypi', ...answerLines(work, { volumeRoot: `volume_root: ${join(work, 'not-a-folder', 'data')}` }), ''].join('\n'));
    const r = runCli(['apply', '--answers', answers, '--dir', join(work, 'server'), '--yes', '--skip-bootstrap'], { env: EXAMPLE_ENV });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain(`Nothing was written: ${join(work, 'not-a-folder', 'data')}${TLS} lies under a file: a part of its path is a file, not a folder.`);
    expect(readdirSync(work).sort()).toEqual(['answers.yaml', 'not-a-folder', 'server']);
    expect(readdirSync(join(work, 'server')).sort()).toEqual(UPSTREAM_ENTRIES);
  });

  it('stops at a database password read back from .secret.env that the rule refuses: it is pinned, so nothing is replaced', () => {
    const work = tempDir();
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, ['version: 1', 'stack: stickypi', ...answerLines(work), ''].join('\n'));
    writeUpstreamServer(work);
    const apply = () => runCli(['apply', '--answers', answers, '--dir', work, '--yes', '--skip-bootstrap'], { env: EXAMPLE_ENV });
    expect(apply().status).toBe(0);
    // As an older fieldstation, or a hand edit, could have left it.
    const secretEnv = join(work, '.secret.env');
    writeFileSync(secretEnv, readFileSync(secretEnv, 'utf8').replace(/^MYSQL_PASSWORD=.*$/m, "MYSQL_PASSWORD='old@password/12345'"));
    const again = apply();
    // MariaDB still has the old password: a new one written to .secret.env would lock the API out.
    expect(again.status, again.stderr).toBe(2);
    expect(again.stderr).toMatch(/secrets\.mysql_password: has a value in use that no longer passes its rules \(contains '@' and '\/'.*\), so a new one would be generated, but it is pinned: MariaDB keeps the password it was created with/);
    expect(again.stdout + again.stderr).not.toContain('old@password/12345');
    expect(parseEnv(readFileSync(secretEnv))['MYSQL_PASSWORD']).toBe('old@password/12345');
  });
});

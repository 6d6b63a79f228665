/**
 * The rule from the issue, for input that every file format could carry but that apply would fail on, on
 * a test server (Beacon, with a file below its data folder and a secret that upstream would put into a
 * URL): the CLI's commands refuse each at `validate`, naming the key, with the validation exit code, and
 * `apply` writes nothing. Sticky Pi's own cases, through the built CLI, are in
 * test/integration/stacks/stickypi/hostile-values-cli.test.ts.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackEntry } from '../../../src/app/ports.js';
import type { Stack } from '../../../src/core/stack.js';
import { unescapedInUrl } from '../../../src/kit/secrets/url.js';
import { beaconConf } from '../../fixtures/stacks/beacon/format.js';
import { beacon, beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { tempDir } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

/** Beacon, writing one more file below data_root, and with an upload token its upstream puts into a URL. */
const strict: Stack = {
  ...beacon,
  questions: beacon.questions.map((q) => (q.id === 'secrets.token' && q.kind === 'secret' ? { ...q, secret: { ...q.secret, forbidden: unescapedInUrl('beacon+sql') } } : q)),
  files: [...beacon.files, { path: (a) => `${String(a['data_root'])}/conf/tls.conf`, template: 'beacon.conf.hbs', format: beaconConf, secret: true, description: 'settings below the data folder' }],
};
const entry: StackEntry = { ...beaconEntry, load: async () => strict };

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
/** The answers after the header; lines 3-5 are the site, line 6 data_root, line 7 on are each case's own. */
const lines = (work: string, dataRoot: string | Buffer = `data_root: ${join(work, 'readings')}`, extra: (string | Buffer)[] = []): (string | Buffer)[] =>
  ['site:', '  name: north-ridge', '  domain: beacon.example.org', dataRoot, ...extra];
const TLS = '/conf/tls.conf';
const URL_SAYS = (c: string) => [`secrets.token (line 8): has a value that contains '${c}', which upstream puts unescaped into a beacon+sql:// URL`, 'fix: Use letters, digits and - _ . ~ only, or leave it out to have one generated.'];
const TOKEN = 'upload-token-2024-north';

interface Case {
  readonly name: string;
  readonly lines: (work: string) => (string | Buffer)[];
  readonly files?: Record<string, Buffer>;
  readonly env?: Record<string, string>;
  readonly says: readonly string[];
  readonly secret?: string;
}

const CASES: readonly Case[] = [
  {
    name: 'a path answer with a name over 255 bytes',
    lines: (work) => lines(work, `data_root: ${join(work, 'x'.repeat(256))}`),
    says: [`data_root (line 6): has a name of 256 bytes ("${'x'.repeat(24)}…"); Linux allows at most 255 bytes for each file or folder name`],
  },
  {
    name: 'a path answer within the limit whose file below it is over it',
    lines: (work) => lines(work, `data_root: ${`${work}${`/${'d'.repeat(199)}`.repeat(30)}`.slice(0, 4095 - TLS.length + 1)}`),
    says: [`data_root (line 6): puts a file that apply writes at <data_root>${TLS}, a path that is 4096 bytes long; Linux allows at most 4095 bytes in a path`],
  },
  {
    name: 'bytes that are not UTF-8 in a nested answer and in a key\'s name',
    lines: (work) => [latin1('site:\n  name: clairière'), '  domain: beacon.example.org', `data_root: ${join(work, 'readings')}`, latin1('capteurs_équipés: 3')],
    says: ['site.name (line 4): is not valid UTF-8: it holds bytes that no UTF-8 text has (read as U+FFFD)', 'line 7: the file is not valid UTF-8: this line holds bytes that no UTF-8 text has, in a comment or a key\'s name'],
  },
  {
    name: 'a secret\'s file that is not UTF-8',
    lines: (work) => lines(work, undefined, ['secrets:', '  vault_key: {file: vault.key}']),
    files: { 'vault.key': latin1(`clé-du-coffre-${'k'.repeat(32)}`) },
    says: ['secrets.vault_key (line 8): comes from the file ', '/vault.key, which is not valid UTF-8 text'],
  },
  {
    // Node hands a program's environment over as text already: bytes that are not UTF-8 arrive as U+FFFD.
    name: 'a secret\'s environment variable that was not UTF-8',
    lines: (work) => lines(work, undefined, ['secrets:', '  token: {env: BEACON_TOKEN}']),
    env: { BEACON_TOKEN: `${TOKEN}\uFFFD` },
    says: ['secrets.token (line 8): comes from the environment variable BEACON_TOKEN, which is not valid UTF-8 (or holds U+FFFD)'],
    secret: TOKEN,
  },
  {
    name: 'a literal secret holding U+FFFD, what a bad byte became before it was saved',
    lines: (work) => lines(work, undefined, ['secrets:', `  token: "${TOKEN}\uFFFD"`]),
    says: ['secrets.token (line 8): has a value that is not valid UTF-8 (or holds U+FFFD)', 'fix: Give the value as UTF-8 text, or use {generate: true}.'],
    secret: TOKEN,
  },
  ...[...'@/:#?%'].flatMap((c): Case[] => [
    { name: `a literal secret with ${c}, which its upstream puts into a URL`, lines: (work) => lines(work, undefined, ['secrets:', `  token: "${TOKEN}${c}"`]), says: URL_SAYS(c), secret: TOKEN },
    { name: `a secret with ${c} from the environment`, lines: (work) => lines(work, undefined, ['secrets:', '  token: {env: BEACON_TOKEN}']), env: { BEACON_TOKEN: `${TOKEN}${c}` }, says: URL_SAYS(c), secret: TOKEN },
    { name: `a secret with ${c} from a file`, lines: (work) => lines(work, undefined, ['secrets:', '  token: {file: token}']), files: { token: Buffer.from(`${TOKEN}${c}\n`) }, says: URL_SAYS(c), secret: TOKEN },
  ]),
];

const bytesOf = (all: (string | Buffer)[]): Buffer => Buffer.concat(all.map((l) => Buffer.concat([typeof l === 'string' ? Buffer.from(l) : l, Buffer.from('\n')])));

describe('validate refuses what apply would fail on, and apply writes nothing', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const work = tempDir();
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, bytesOf(['version: 1', 'stack: beacon', ...c.lines(work)]));
    for (const [file, bytes] of Object.entries(c.files ?? {})) writeFileSync(join(work, file), bytes);
    const before = readdirSync(work).sort();
    const options = { cwd: work, stacks: [entry], env: { PATH: process.env['PATH'], ...c.env } };
    for (const args of [['validate', '--answers', answers], ['apply', '--answers', answers, '--dir', join(work, 'server'), '--yes', '--skip-bootstrap']]) {
      const r = await runInProcess(args, options);
      expect(r.status, `${args[0]}: ${r.stderr}`).toBe(2);
      for (const text of c.says) expect(r.stderr, args[0]).toContain(text);
      expect(r.stderr).toMatch(/problems? in the answers; nothing was written/);
      if (c.secret) expect(r.stdout + r.stderr).not.toContain(c.secret);
    }
    expect(readdirSync(work).sort()).toEqual(before);
  });

  it('the strict Beacon takes good answers, and writes its file below the data folder', async () => {
    const work = tempDir();
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, bytesOf(['version: 1', 'stack: beacon', ...lines(work, undefined, ['secrets:', '  token: {env: BEACON_TOKEN}'])]));
    const r = await runInProcess(['apply', '--answers', answers, '--dir', join(work, 'server'), '--yes', '--skip-bootstrap'], { cwd: work, stacks: [entry], env: { PATH: process.env['PATH'], BEACON_TOKEN: `${TOKEN}-_.~` } });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(work, 'readings', 'conf'))).toEqual(['tls.conf']);
  });
});

import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../src/core/secrets/secret.js';
import type { ExecuteContext } from '../../../src/core/steps/kind.js';
import { crypttabEntry, crypttabEntryKind, exec, execKind, type ExecRun } from '../../../src/kit/steps/index.js';
import { requireProgram, tool, TOOLS_ENV } from '../../helpers/block-devices.js';
import { tempDir } from '../../helpers/cli.js';

/**
 * LUKS on an image file with the real cryptsetup, through the exec step kind and its real executor: the
 * passphrase reaches cryptsetup on stdin (`--key-file -`), never on its command line. Opening a mapping
 * and mounting it need device-mapper, which the test machines lack: those steps are checked for their
 * argv and order where a server uses them.
 */
requireProgram('cryptsetup');

const PASSPHRASE = 'correct horse battery staple 42';

/** A fast key derivation for tests only: production keeps cryptsetup's defaults (argon2id, seconds of work). */
const TEST_PBKDF = ['--pbkdf', 'pbkdf2', '--pbkdf-force-iterations', '1000'];

function image(): string {
  const path = join(tempDir(), 'luks.img');
  writeFileSync(path, '');
  truncateSync(path, 32 * 1024 * 1024);
  return path;
}

/** Runs a step through the exec kind's real executor; its outcome and every line it printed. */
async function execute(run: ExecRun) {
  const lines: string[] = [];
  const ctx: ExecuteContext = { signal: new AbortController().signal, onLine: (l) => lines.push(l), settings: { env: TOOLS_ENV, graceMs: 500 } };
  return { outcome: await execKind.execute!(run, ctx), lines };
}

const ctx: ExecuteContext = { signal: new AbortController().signal, onLine: () => undefined, settings: { env: TOOLS_ENV, graceMs: 500 } };
const luksFormat = (img: string, passphrase: Secret) => exec(['cryptsetup', 'luksFormat', '--batch-mode', '--type', 'luks2', ...TEST_PBKDF, '--key-file', '-', img], { stdin: passphrase });
const testPassphrase = (img: string, passphrase: Secret) => exec(['cryptsetup', 'open', '--test-passphrase', '--key-file', '-', img], { stdin: passphrase });

describe('a LUKS data disk on an image file', () => {
  it('is formatted with the passphrase on stdin, which opens it; a wrong one does not', async () => {
    const img = image();
    const secret = new Secret('data_disk.passphrase', PASSPHRASE);
    const format = luksFormat(img, secret);
    // What the plan prints and what `ps` would show: no passphrase, only its mask.
    const described = execKind.describe(format);
    expect(described).toEqual([`run: cryptsetup luksFormat --batch-mode --type luks2 ${TEST_PBKDF.join(' ')} --key-file - ${img}`, 'stdin: [masked:data_disk.passphrase]']);
    expect(execKind.argv!(format).join(' ')).not.toContain(PASSPHRASE);
    expect(JSON.stringify(format)).not.toContain(PASSPHRASE);

    const formatted = await execute(format);
    expect(formatted.outcome).toEqual({ ok: true });
    expect(formatted.lines.join('\n')).not.toContain(PASSPHRASE);
    expect(tool('wipefs', ['--no-act', '--json', img])).toContain('"crypto_LUKS"');

    expect((await execute(testPassphrase(img, secret))).outcome).toEqual({ ok: true });
    const wrong = await execute(testPassphrase(img, new Secret('data_disk.passphrase', `${PASSPHRASE}!`)));
    // cryptsetup's exit code 2: no key slot opened with that passphrase.
    expect(wrong.outcome).toEqual({ ok: false, error: 'cryptsetup exited with code 2' });
    expect(wrong.lines.join('\n')).not.toContain(PASSPHRASE);
  });

  it('gets its crypttab entry by its header\'s UUID, once; a different entry for the name is left alone and fails the step', async () => {
    const img = image();
    expect((await execute(luksFormat(img, new Secret('data_disk.passphrase', PASSPHRASE)))).outcome.ok).toBe(true);
    const uuid = tool('cryptsetup', ['luksUUID', img]).trim();
    const crypttab = join(tempDir(), 'crypttab');
    writeFileSync(crypttab, '# <target name>\t<source device>\t\t<key file>\t<options>\n');
    const run = crypttabEntry({ file: crypttab, name: 'emission-data', device: img, options: 'luks' });
    expect(crypttabEntryKind.describe(run)[0]).toBe(`add to ${crypttab}: emission-data UUID=<LUKS UUID of ${img}> none luks`);
    expect(await crypttabEntryKind.probe!(run, ctx)).toBe(false);

    const line = `emission-data UUID=${uuid} none luks`;
    expect(await crypttabEntryKind.execute!(run, ctx)).toEqual({ ok: true, detail: `added to ${crypttab}: ${line}` });
    expect(readFileSync(crypttab, 'utf8')).toBe(`# <target name>\t<source device>\t\t<key file>\t<options>\n${line}\n`);

    // Again: the same entry is there, so nothing is written (the same file, not a new one renamed over it).
    const inode = statSync(crypttab).ino;
    expect(await crypttabEntryKind.execute!(run, ctx)).toEqual({ ok: true, detail: `already in ${crypttab}: ${line}` });
    expect(statSync(crypttab).ino).toBe(inode);
    expect(await crypttabEntryKind.probe!(run, ctx)).toBe(true);

    const theirs = 'emission-data /dev/sdb none luks,discard\n';
    writeFileSync(crypttab, theirs);
    const conflict = await crypttabEntryKind.execute!(run, ctx);
    expect(conflict).toEqual({ ok: false, error: `${crypttab} already has a different entry for this name, and fieldstation never rewrites it:\n  there:  emission-data /dev/sdb none luks,discard\n  wanted: ${line}\nEdit ${crypttab} yourself (remove or correct the line), then resume.` });
    expect(readFileSync(crypttab, 'utf8')).toBe(theirs);
  });

  it('has no crypttab entry before it is formatted: cryptsetup finds no header, and nothing is written', async () => {
    const img = image();
    const crypttab = join(tempDir(), 'crypttab');
    const outcome = await crypttabEntryKind.execute!(crypttabEntry({ file: crypttab, name: 'emission-data', device: img, options: 'luks' }), ctx);
    expect(outcome).toEqual({ ok: false, error: `${img} has no LUKS header that cryptsetup can read (\`cryptsetup luksUUID ${img}\` exited with code 1)` });
    expect(existsSync(crypttab)).toBe(false);
  });
});

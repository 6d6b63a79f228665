import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, childEnv, runCli, tempDir } from '../../../helpers/cli.js';
import { EXAMPLE_ENV, writeStickypiAnswers } from './answers.js';
import { writeUpstreamServer } from './upstream.js';

const FILES = ['.env', '.prod.env', '.secret.env'];
const read = (dir: string) => FILES.map((f) => readFileSync(join(dir, f), 'utf8'));
const NEW_ADMIN = { NEW_ADMIN_PASSWORD: 'a-brand-new-admin-password' };
const env = { ...EXAMPLE_ENV, ...NEW_ADMIN };

/** Starts apply with a test hook that pauses before its n-th rename, and SIGKILLs it there. */
function applyKilledAtPause(answers: string, dir: string, n: number): Promise<{ signal: NodeJS.Signals | null; pauses: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], {
      env: childEnv({ ...env, FIELDSTATION_TEST_PAUSE_AT_WRITE: String(n) }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let pauses = 0;
    let buffered = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      if (pauses === 0 && buffered.includes('[test] paused before rename')) {
        pauses = 1;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, pauses }));
  });
}

describe('apply killed in the middle of writing', () => {
  // Changed files are replaced in catalogue order (.env, .prod.env, .secret.env; the TLS options file does
  // not change here), then the state file: the 4th pause is the state file's.
  for (const n of [1, 2, 3, 4]) {
    it(`leaves every file whole (killed at write ${n})`, async () => {
      const work = tempDir();
      const oldDir = writeUpstreamServer(join(work, 'server'));
      expect(runCli(['apply', '--answers', writeStickypiAnswers(work), '--dir', oldDir, '--yes', '--skip-bootstrap'], { env }).status).toBe(0);
      const before = read(oldDir);

      // The same change applied without interruption in a copy gives the expected new versions.
      const changed = writeStickypiAnswers(work, { domain: 'traps.example.net', extra: 'secrets:\n  admin_password: {env: NEW_ADMIN_PASSWORD}' });
      const copy = join(work, 'copy');
      cpSync(oldDir, copy, { recursive: true });
      expect(runCli(['apply', '--answers', changed, '--dir', copy, '--yes', '--skip-bootstrap'], { env }).status).toBe(0);
      const after = read(copy);
      FILES.forEach((_, i) => expect(after[i]).not.toBe(before[i]));

      const killed = await applyKilledAtPause(changed, oldDir, n);
      expect(killed).toEqual({ signal: 'SIGKILL', pauses: 1 });
      const now = read(oldDir);
      FILES.forEach((f, i) => expect(now[i], `${f} after a kill at write ${n}`).toBe(i < n - 1 ? after[i] : before[i]));
      expect(statSync(join(oldDir, '.secret.env')).mode & 0o777).toBe(0o600);
      const leftovers = [...readdirSync(oldDir), ...readdirSync(join(oldDir, '.fieldstation')).map((x) => `.fieldstation/${x}`)].filter((x) => x.includes('fieldstation-tmp'));
      expect(leftovers).toHaveLength(1);

      // The next run cleans up and finishes the job.
      const resumed = runCli(['apply', '--answers', changed, '--dir', oldDir, '--yes', '--skip-bootstrap'], { env });
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(read(oldDir)).toEqual(after);
      expect([...readdirSync(oldDir), ...readdirSync(join(oldDir, '.fieldstation'))].filter((x) => x.includes('fieldstation-tmp'))).toEqual([]);
    });
  }
});

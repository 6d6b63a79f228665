import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/cli.js';
import type { Terminal } from '../../../helpers/tmux.js';
import { writeUpstreamServer } from './upstream.js';
import { applyFromReview, flat, toReview, wizard } from './wizard-keys.js';

/**
 * Ctrl-C while the bootstrap runs asks before stopping it, as `setup --help` says; the journal then
 * tells the next start that the run was interrupted (not failed), and resuming is what it offers first.
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

/** The checks that measure this machine itself (its ports, names, disk, memory, user) are skipped: never the host's state. */
const HOST_CHECKS = ['dns', 'ports', 'disk', 'memory', 'privileges'].flatMap((c) => ['--skip-check', c]);

describe('Ctrl-C during the bootstrap, in a real terminal', () => {
  it('asks first: "no" goes on, "y" stops the running step cleanly; the next start offers to resume the interrupted run', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    // The image pull hangs (the docker stand-in sleeps until it is stopped).
    const env = { FIELDSTATION_DOCKER_HANG: 'pull', FIELDSTATION_DOCKER_RECORD: join(work, 'docker-calls.jsonl') };
    terminal = wizard(dir, { env, flags: HOST_CHECKS });
    const t = terminal;
    await toReview(t, join(work, 'data'));
    await applyFromReview(t);
    await t.waitFor('Container images pulled · running');
    t.keys('C-c');
    let screen = await t.waitFor('(y/N)');
    expect(flat(screen)).toContain('Stop the bootstrap? The running step is stopped cleanly and finished steps are kept; `fieldstation resume` continues. (y/N)');
    t.type('n');
    // The question goes; the pull still runs.
    for (let i = 0; i < 200 && t.screen().includes('(y/N)'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.screen()).not.toContain('(y/N)');
    expect(t.screen()).toContain('Container images pulled · running');
    expect(t.screen()).not.toContain('Stopping');
    t.keys('C-c');
    await t.waitFor('(y/N)');
    t.type('y');
    await t.waitFor('EXIT=');
    screen = t.screen({ history: true });
    expect(screen).toContain('EXIT=130');
    expect(screen).toContain('Stopped: the bootstrap was interrupted');
    expect(JSON.parse(readFileSync(join(dir, '.fieldstation', 'journal.json'), 'utf8'))).toMatchObject({ status: 'interrupted', steps: { pull: { status: 'interrupted' } } });
    t.close();

    terminal = wizard(dir, { env, flags: HOST_CHECKS });
    screen = await terminal.waitFor('Sticky Pi is installed in');
    expect(flat(screen)).toContain('The last bootstrap was interrupted at step pull');
    expect(screen).toContain('› Resume the unfinished bootstrap');
  });
});

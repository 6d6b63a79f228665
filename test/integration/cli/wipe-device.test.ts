import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beaconWithVaultEntry, vaultImage } from '../../fixtures/stacks/beacon/vault.js';
import { beaconAnswers, testWorld } from '../../helpers/app.js';
import { requireProgram, TOOLS_ENV } from '../../helpers/block-devices.js';
import { runInProcess } from '../../helpers/in-process.js';

/**
 * A step that wipes a device, through the commands (Beacon with a vault disk: its "disk" an image file in
 * the install folder, its "wipe" a word written into it). The CLI's own code runs in this process, as bin
 * runs it: the built CLI knows only the real servers, and none of them wipes a device yet.
 */
for (const program of ['lsblk', 'wipefs', 'losetup']) requireProgram(program);

const ZEROS = Buffer.alloc(1024 * 1024);

/** A Beacon install folder with its vault image (1 MiB of zeros) and an answers file. */
function setUp() {
  const world = testWorld();
  mkdirSync(world.dir, { recursive: true });
  const img = vaultImage(world.dir);
  writeFileSync(img, '');
  truncateSync(img, ZEROS.length);
  const answers = beaconAnswers(world);
  const run = (args: readonly string[], typed?: readonly string[]) => runInProcess(args, { cwd: world.work, stacks: [beaconWithVaultEntry], env: TOOLS_ENV, ...(typed ? { typed } : {}) });
  return { dir: world.dir, img, answers, run, wiped: () => !readFileSync(img).equals(ZEROS) };
}

describe('a step that wipes a device', () => {
  it('is marked in the plan with its device, and what runs it unattended', async () => {
    const t = setUp();
    const plan = await t.run(['plan', '--answers', t.answers, '--dir', t.dir]);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`5. vault-format: Vault disk formatted [destructive: wipes ${t.img}, asks you to type the device path]`);
    expect(plan.stdout).toContain(`     without a terminal it runs only with --yes-destructive --wipe-device ${t.img}`);
    expect(plan.stdout).toContain(`4. vault-guard: Vault disk checked\n       read what is on ${t.img} (lsblk, wipefs --no-act)`);
  });

  it('without a terminal runs only with --yes-destructive and --wipe-device naming its device', async () => {
    const t = setUp();
    const identity = `${t.img}: 1.0 MiB image file; no partitions; no filesystem signature; not mounted`;
    const command = `fieldstation resume --dir ${t.dir} --yes-destructive --wipe-device ${t.img}`;

    // --yes confirms the plan, never a destructive step.
    const yes = await t.run(['apply', '--answers', t.answers, '--dir', t.dir, '--yes']);
    expect(yes.status).toBe(130);
    expect(yes.stderr).toContain(`Step vault-format (Vault disk formatted) wipes ${t.img}: everything on it is lost. Not run: there is no terminal to ask you to type the device path.\n  ${identity}\n  Check that this is the device to erase, then run:\n    ${command}\n`);
    expect(yes.stderr).toContain('OK   vault-guard: Vault disk checked');
    expect(t.wiped()).toBe(false);

    const alone = await t.run(['resume', '--dir', t.dir, '--yes-destructive']);
    expect(alone.status).toBe(130);
    expect(alone.stderr).toContain(`wipes ${t.img}: everything on it is lost. Not run: --yes-destructive alone never runs a step that wipes a device: --wipe-device must name it too.\n  ${identity}\n`);
    expect(alone.stderr).toContain(`    ${command}\n`);
    expect(t.wiped()).toBe(false);

    const other = await t.run(['resume', '--dir', t.dir, '--yes-destructive', '--wipe-device', '/dev/vdz']);
    expect(other.status).toBe(130);
    expect(other.stderr).toContain(`Not run: --wipe-device names /dev/vdz, not ${t.img}.`);
    expect(t.wiped()).toBe(false);

    const named = await t.run(['resume', '--dir', t.dir, '--yes-destructive', '--wipe-device', t.img]);
    expect(named.status, named.stderr).toBe(0);
    expect(named.stderr).toContain('OK   vault-format: Vault disk formatted');
    expect(readFileSync(t.img, 'utf8')).toMatch(/^wiped/);
  });

  it('at a terminal shows the device and runs only when its path is typed back', async () => {
    const t = setUp();
    const wrong = await t.run(['apply', '--answers', t.answers, '--dir', t.dir, '--yes'], ['yes\n']);
    expect(wrong.status).toBe(130);
    expect(wrong.stderr).toContain(`Step vault-format (Vault disk formatted) wipes ${t.img}: everything on it is lost.\n  ${t.img}: 1.0 MiB image file; no partitions; no filesystem signature; not mounted\nType the device path (${t.img}) to wipe it; anything else stops here: `);
    expect(wrong.stderr).toContain(`That is not ${t.img}: step vault-format was not run, and nothing on the device was touched.`);
    expect(t.wiped()).toBe(false);

    // --yes-destructive said not to ask: at a terminal too, the device must be named.
    const unasked = await t.run(['resume', '--dir', t.dir, '--yes-destructive'], [`${t.img}\n`]);
    expect(unasked.status).toBe(130);
    expect(unasked.stderr).toContain('Not run: --yes-destructive alone never runs a step that wipes a device');
    expect(t.wiped()).toBe(false);

    const typed = await t.run(['resume', '--dir', t.dir], [`${t.img}\n`]);
    expect(typed.status, typed.stderr).toBe(0);
    expect(typed.stderr).toContain('OK   vault-format: Vault disk formatted');
    expect(t.wiped()).toBe(true);
  });
});

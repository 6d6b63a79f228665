import { describe, expect, it } from 'vitest';
import { describeStep } from '../../../src/core/plan/describe.js';
import { assertValidSteps } from '../../../src/core/run/schedule.js';
import { consentCommand, destructiveConsent, stopMessage, typedBack, wipeQuestion, type ConsentFlags } from '../../../src/core/run/consent.js';
import { stepKinds } from '../../../src/core/steps/kind.js';
import type { Step } from '../../../src/core/steps/step.js';
import { exec, execKind } from '../../../src/kit/steps/index.js';

const WIPE: Step = { id: 'luks-format', title: 'Data disk encrypted', run: exec(['cryptsetup', 'luksFormat', '--batch-mode', '--key-file', '-', '/dev/vdb']), destructive: true, wipes: { device: '/dev/vdb' } };
const DROP: Step = { id: 'drop-db', title: 'Old database dropped', run: exec(['dropdb', 'old']), destructive: true };
const flags = (over: Partial<ConsentFlags> = {}): ConsentFlags => ({ yesDestructive: false, wipeDevices: [], canAsk: false, ...over });

describe('the consent a destructive step needs', () => {
  it('for a step that does not wipe a device: --yes-destructive, or a yes', () => {
    expect(destructiveConsent(DROP, flags({ yesDestructive: true }))).toEqual({ kind: 'run' });
    expect(destructiveConsent(DROP, flags({ canAsk: true }))).toEqual({ kind: 'ask' });
    expect(destructiveConsent(DROP, flags())).toEqual({ kind: 'stop', reason: 'there is no terminal to ask' });
  });

  it('for a step that wipes a device: the path typed back, or --yes-destructive with --wipe-device naming that device', () => {
    expect(destructiveConsent(WIPE, flags({ canAsk: true }))).toEqual({ kind: 'type-device', device: '/dev/vdb' });
    expect(destructiveConsent(WIPE, flags({ yesDestructive: true, wipeDevices: ['/dev/vdb'] }))).toEqual({ kind: 'run' });
    expect(destructiveConsent(WIPE, flags({ yesDestructive: true, wipeDevices: ['/dev/vdc', '/dev/vdb'] }))).toEqual({ kind: 'run' });
    // The wizard always asks: --yes-destructive alone does not skip the typed path.
    expect(destructiveConsent(WIPE, flags({ yesDestructive: true, canAsk: true }))).toEqual({ kind: 'type-device', device: '/dev/vdb' });
  });

  it('never runs a wiping step on --yes-destructive alone, on another device named, or on --wipe-device alone', () => {
    expect(destructiveConsent(WIPE, flags({ yesDestructive: true }))).toEqual({ kind: 'stop', reason: '--yes-destructive alone never runs a step that wipes a device: --wipe-device must name it too' });
    expect(destructiveConsent(WIPE, flags({ yesDestructive: true, wipeDevices: ['/dev/vdc'] }))).toEqual({ kind: 'stop', reason: '--wipe-device names /dev/vdc, not /dev/vdb' });
    // A link to the same disk is not the same name: the flag must say what the plan says.
    expect(destructiveConsent(WIPE, flags({ yesDestructive: true, wipeDevices: ['/dev/disk/by-id/virtio-data'] })).kind).toBe('stop');
    expect(destructiveConsent(WIPE, flags({ wipeDevices: ['/dev/vdb'] }))).toEqual({ kind: 'stop', reason: '--wipe-device names it, but --yes-destructive was not given' });
    expect(destructiveConsent(WIPE, flags())).toEqual({ kind: 'stop', reason: 'there is no terminal to ask you to type the device path' });
  });

  it('takes a device as typed back only when it is exactly its path, spaces around it aside', () => {
    expect(['/dev/vdb', ' /dev/vdb\t'].map((t) => typedBack(t, '/dev/vdb'))).toEqual([true, true]);
    expect(['', 'y', 'yes', '/dev/vd', '/dev/vdb1', '/DEV/VDB', 'vdb', '/dev/disk/by-id/virtio-data'].some((t) => typedBack(t, '/dev/vdb'))).toBe(false);
  });

  it('stops with the device, what is on it and the exact command that runs the step', () => {
    expect(consentCommand('fieldstation resume --dir /srv/e', WIPE)).toBe('fieldstation resume --dir /srv/e --yes-destructive --wipe-device /dev/vdb');
    expect(consentCommand('fieldstation resume --dir /srv/e', { wipes: { device: '/tmp/my disk.img' } })).toBe("fieldstation resume --dir /srv/e --yes-destructive --wipe-device '/tmp/my disk.img'");
    const identity = '/dev/vdb: 100.0 GiB disk, model QEMU HARDDISK, serial data-1; no partitions; no filesystem signature; not mounted';
    expect(stopMessage(WIPE, 'there is no terminal to ask you to type the device path', 'fieldstation resume --dir /srv/e', identity)).toBe(
      'Step luks-format (Data disk encrypted) wipes /dev/vdb: everything on it is lost. Not run: there is no terminal to ask you to type the device path.\n' +
        `  ${identity}\n` +
        '  Check that this is the device to erase, then run:\n' +
        '    fieldstation resume --dir /srv/e --yes-destructive --wipe-device /dev/vdb\n',
    );
    expect(stopMessage(DROP, 'there is no terminal to ask', 'fieldstation resume --dir /srv/e')).toBe(
      'Step drop-db (Old database dropped) changes or deletes data and needs a confirmation; there is no terminal to ask.\n  Run `fieldstation resume --dir /srv/e --yes-destructive` once you have checked it (fieldstation plan shows it).\n',
    );
  });

  it('asks for the path under the device\'s identity, saying when it is in use', () => {
    expect(wipeQuestion({ ...WIPE, wipes: { device: '/dev/vdb' } }, '/dev/vdb: 100.0 GiB disk', ['mounted at /srv/old'])).toBe(
      'Step luks-format (Data disk encrypted) wipes /dev/vdb: everything on it is lost.\n  /dev/vdb: 100.0 GiB disk\n  It is in use: mounted at /srv/old.\nType the device path (/dev/vdb) to wipe it; anything else stops here: ',
    );
  });
});

describe('a step that wipes a device, in the plan', () => {
  const kinds = stepKinds([execKind]);

  it('is marked destructive with the device, and says what runs it unattended', () => {
    expect(describeStep(WIPE, 2, kinds)).toEqual([
      '3. luks-format: Data disk encrypted [destructive: wipes /dev/vdb, asks you to type the device path]',
      '     run: cryptsetup luksFormat --batch-mode --key-file - /dev/vdb',
      '     without a terminal it runs only with --yes-destructive --wipe-device /dev/vdb',
    ]);
    expect(describeStep(DROP, 0, kinds)[0]).toBe('1. drop-db: Old database dropped [destructive: asks first]');
  });

  it('must be marked destructive: otherwise the stack has a bug', () => {
    expect(() => assertValidSteps('emission', [{ ...WIPE, destructive: false }], kinds)).toThrow('step luks-format wipes /dev/vdb but is not marked destructive');
  });
});

/**
 * A host-file rule may ask for only the end of a file (HostFileRef.tailBytes): a GeoIP database is about
 * 60 MB and its metadata sits in its last 128 KiB. The real io then reads exactly those bytes, from their
 * position, whatever the file's size; the 1 MiB limit applies to what is read. Everything else is as for a
 * whole read: regular files only (a FIFO is refused without being opened for reading, so nothing blocks),
 * paths mapped under the tests' host root, and a whole read of a large file refused as before.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFiles } from '../../../src/io/host-files.js';
import { tempDir } from '../../helpers/cli.js';

const MiB = 1024 * 1024;
const TAIL = 128 * 1024;

/** Bytes that differ at every position within a 251-byte cycle, so a read from the wrong place shows. */
function patterned(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = i % 251;
  return bytes;
}

describe('readAnswered with tailBytes', () => {
  it('reads the last bytes of a file larger than the limit, and only those', async () => {
    const host = tempDir();
    mkdirSync(join(host, 'opt', 'geoip'), { recursive: true });
    const content = patterned(3 * MiB + 17);
    writeFileSync(join(host, 'opt', 'geoip', 'big.mmdb'), content);
    const files = hostFiles(host);
    const read = await files.readAnswered('/opt/geoip/big.mmdb', MiB, TAIL);
    expect('bytes' in read && Buffer.from(read.bytes).equals(content.subarray(content.length - TAIL))).toBe(true);
    // The whole file, as before, is refused.
    expect(await files.readAnswered('/opt/geoip/big.mmdb', MiB)).toEqual({ problem: 'is larger than 1 MiB, far more than such a file holds' });
  });

  it('reads a file smaller than the tail whole', async () => {
    const dir = tempDir();
    const content = patterned(5000);
    writeFileSync(join(dir, 'small.mmdb'), content);
    const read = await hostFiles().readAnswered(join(dir, 'small.mmdb'), MiB, TAIL);
    expect('bytes' in read && Buffer.from(read.bytes).equals(content)).toBe(true);
  });

  it('still applies the limit to what is read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.bin'), patterned(3 * MiB));
    expect(await hostFiles().readAnswered(join(dir, 'big.bin'), MiB, 2 * MiB)).toEqual({ problem: 'is larger than 1 MiB, far more than such a file holds' });
  });

  it('refuses a FIFO, a folder and a missing file as a whole read does', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'geoip.fifo');
    execFileSync('mkfifo', [fifo]);
    const files = hostFiles();
    expect(await files.readAnswered(fifo, MiB, TAIL)).toEqual({ problem: 'is not a regular file (a FIFO, a socket or a device)' });
    expect(await files.readAnswered(dir, MiB, TAIL)).toEqual({ problem: 'is a folder, not a file' });
    expect(await files.readAnswered(join(dir, 'missing.mmdb'), MiB, TAIL)).toEqual({ problem: 'does not exist' });
  });
});

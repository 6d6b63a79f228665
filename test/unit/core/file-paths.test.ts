import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../../src/core/answers/answers-file.js';
import { checkAnswers } from '../../../src/core/answers/check.js';
import type { Stack } from '../../../src/core/stack.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { MINIMAL } from './beacon.js';

/** Beacon, with one more file written below its data folder, as Sticky Pi writes its TLS settings. */
const belowData: Stack = {
  ...beacon,
  files: [...beacon.files, { path: (a) => `${String(a['data_root'])}/conf/tls.conf`, template: 'beacon.conf.hbs', format: beacon.files[0]!.format, secret: false, description: 'TLS settings' }],
};
const errors = (stack: Stack, text: string) => checkAnswers(stack, parseAnswersText(text)).problems.filter((p) => p.severity === 'error');
/** A data folder of exactly `bytes` bytes, in names of 200. */
const folder = (bytes: number) => `/${'d'.repeat(199)}`.repeat(Math.ceil(bytes / 200)).slice(0, bytes);

describe('paths apply writes, worked out from the answers', () => {
  it('are refused when over Linux\'s limit though the answer is not, naming the answer they are built on', () => {
    // 4082 bytes is a valid path, but with /conf/tls.conf (14 bytes) below it the file's path is 4096.
    const root = folder(4082);
    expect(errors(beacon, `${MINIMAL}data_root: ${root}\n`)).toEqual([]);
    expect(errors(belowData, `${MINIMAL}data_root: ${root}\n`)).toEqual([{
      path: 'data_root',
      line: 6,
      severity: 'error',
      message: 'puts a file that apply writes at <data_root>/conf/tls.conf, a path that is 4096 bytes long; Linux allows at most 4095 bytes in a path',
      fix: 'Give a shorter data_root: apply writes /conf/tls.conf below it.',
    }]);
    expect(errors(belowData, `${MINIMAL}data_root: ${folder(4081)}\n`)).toEqual([]);
  });

  it('include the folders the bootstrap steps make, once every answer passed on its own', () => {
    // Beacon's first step makes <data_root>/readings (9 bytes below it).
    expect(errors(beacon, `${MINIMAL}data_root: ${folder(4086)}\n`)).toEqual([]);
    expect(errors(beacon, `${MINIMAL}data_root: ${folder(4087)}\n`)).toEqual([expect.objectContaining({
      path: 'data_root',
      line: 6,
      message: 'puts a folder that a bootstrap step makes at <data_root>/readings, a path that is 4096 bytes long; Linux allows at most 4095 bytes in a path',
      fix: 'Give a shorter data_root: apply writes /readings below it.',
    })]);
    // The steps may count on valid answers: with another answer wrong they are not listed.
    expect(errors(beacon, `${MINIMAL}data_root: ${folder(4087)}\nsensors: 0\n`).map((p) => p.path)).toEqual(['sensors']);
  });

  it('are checked along with every other problem, and not at all when the answer they are built on is wrong', () => {
    const both = errors(belowData, `${MINIMAL}data_root: ${folder(4082)}\nsensors: 0\n`);
    expect(both.map((p) => p.path)).toEqual(['data_root', 'sensors']);
    expect(errors(belowData, `${MINIMAL}data_root: relative/path\n`).map((p) => p.message)).toEqual(['is not an absolute path (it must start with "/", e.g. /opt/data)']);
  });
});

import { existsSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDraft, saveDraft } from '../../../src/app/draft.js';
import { installStore } from '../../../src/io/store.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { tempDir } from '../../helpers/cli.js';

/** Drafts in DIR/.fieldstation through the store: what is written, with which modes, and what is read back. */

const NOW = new Date('2026-11-23T10:00:00Z');
const read = async (store: ReturnType<typeof installStore>, stack = 'beacon') => {
  const file = await store.draft();
  return file && readDraft(store, file, stack, beacon.questions);
};

describe('a draft', () => {
  it('round-trips: answers in draft.yaml, a typed secret only in its 0600 file, a generated one as {generate: true}', async () => {
    const store = installStore(join(tempDir(), 'server'));
    const saved = await saveDraft(store, { stack: 'beacon', answers: { 'site.name': 'north-ridge', sensors: 12 }, secrets: { 'storage.key': { kind: 'value', value: 'typed-key-0001' }, 'secrets.token': { kind: 'generate' } } }, NOW);
    expect(saved).toEqual({ path: store.paths.draft, answers: 2, secretFiles: ['storage.key'], secretsDir: store.paths.draftSecrets });
    expect(statSync(store.paths.root).mode & 0o777).toBe(0o700);
    expect(statSync(store.paths.draft).mode & 0o777).toBe(0o600);
    expect(statSync(join(store.paths.draftSecrets, 'storage.key')).mode & 0o777).toBe(0o600);
    expect((await store.draft())?.text).not.toContain('typed-key-0001');
    expect(await read(store)).toMatchObject({ answers: { 'site.name': 'north-ridge', sensors: 12 }, secrets: { 'storage.key': { kind: 'value', value: 'typed-key-0001' }, 'secrets.token': { kind: 'generate' } }, lost: [] });
  });

  it('saved again keeps no file of a secret it no longer holds; one removed by hand is told as lost', async () => {
    const store = installStore(join(tempDir(), 'server'));
    await saveDraft(store, { stack: 'beacon', answers: {}, secrets: { 'storage.key': { kind: 'value', value: 'typed-key-0001' }, 'secrets.token': { kind: 'value', value: 'a-typed-token-0000001' } } }, NOW);
    await saveDraft(store, { stack: 'beacon', answers: {}, secrets: { 'storage.key': { kind: 'value', value: 'typed-key-0002' } } }, NOW);
    expect(readdirSync(store.paths.draftSecrets)).toEqual(['storage.key']);
    rmSync(join(store.paths.draftSecrets, 'storage.key'));
    expect(await read(store)).toMatchObject({ secrets: {}, lost: ['storage.key'] });
  });

  it('of another server, or that is not YAML any more, is not offered', async () => {
    const store = installStore(join(tempDir(), 'server'));
    await saveDraft(store, { stack: 'beacon', answers: { 'site.name': 'north-ridge' }, secrets: {} }, NOW);
    expect(await read(store, 'tidegauge')).toBeUndefined();
    writeFileSync(store.paths.draft, 'site: [unclosed');
    expect(await read(store)).toBeUndefined();
  });

  it('is removed with its secrets', async () => {
    const store = installStore(join(tempDir(), 'server'));
    await saveDraft(store, { stack: 'beacon', answers: {}, secrets: { 'storage.key': { kind: 'value', value: 'typed-key-0001' } } }, NOW);
    await store.removeDraft();
    expect([existsSync(store.paths.draft), existsSync(store.paths.draftSecrets)]).toEqual([false, false]);
  });

  it('that cannot be written says why, instead of pretending it was saved', async () => {
    const work = tempDir();
    mkdirSync(work, { recursive: true });
    // A file where the install folder should be: nothing can be made inside it.
    writeFileSync(join(work, 'server'), 'not a folder');
    const saved = await saveDraft(installStore(join(work, 'server')), { stack: 'beacon', answers: { 'site.name': 'north-ridge' }, secrets: { 'storage.key': { kind: 'value', value: 'typed-key-0001' } } }, NOW);
    expect(saved).toMatchObject({ error: expect.stringMatching(/^E[A-Z]+$/), secretFiles: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { describePlan } from '../../../src/core/plan/describe.js';
import { readStoredSecrets } from '../../../src/core/secrets/stored.js';
import { changedSecrets } from '../../../src/core/stack.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { ANSWERS, beaconPlan, DIR, TOKEN, VAULT } from './beacon-plan.js';

const CONF = `# Beacon settings, written by fieldstation.\nsite = "north-ridge"\ndomain = "beacon.example.org"\ntoken = "${TOKEN}"\n`;
const ENV = `# Beacon: Compose variables, written by fieldstation.\nDOMAIN='beacon.example.org'\nDATA_ROOT='/srv/beacon'\nSTORAGE_MODE='local'\nVAULT_KEY='${VAULT}'\n`;
const OLD_TOKEN = 'old-upload-token-0123456789';

const FIRST_RUN = `Plan for beacon in ${DIR}

Files: 2 new, 0 changed, 0 unchanged
  new       beacon.conf  (mode 0600, secrets) the logger's settings and upload token
  new       .env  (mode 0600, secrets) Compose variables and the vault key

Bootstrap steps (3):
  1. folders: Readings folder made
       folder /srv/beacon/readings  (mode 0750): the logger writes readings here; no one else reads them
       missing parents are made 0755; an existing folder keeps its owner and only gains the bits it lacks
  2. marker: Uploader marker written
       write marker /srv/beacon/.beacon-ready: "north-ridge"
       skipped if marker /srv/beacon/.beacon-ready is there
       after: folders
  3. start: Logger started
       run: BEACON_SITE=north-ridge BEACON_TOKEN=[masked:secrets.token] sh -c 'echo "beacon started for $BEACON_SITE"'  (in ${DIR})
       after: marker

Notes:
  - Sensors upload to https://beacon.example.org/upload.
`;

describe('Beacon\'s plan for a fresh folder', () => {
  it('renders both files through their own formats, secrets and all', async () => {
    const { rendered, plan } = await beaconPlan();
    expect([...rendered]).toEqual([['beacon.conf', CONF], ['.env', ENV]]);
    expect(plan.files.map((f) => [f.path, f.status, f.mode, f.secret, f.content])).toEqual([['beacon.conf', 'new', 0o600, true, CONF], ['.env', 'new', 0o600, true, ENV]]);
  });

  it('reads its own secrets back from what it rendered', async () => {
    const { rendered } = await beaconPlan({ secrets: { 'secrets.token': 'a "quoted\\" token-0001', 'secrets.vault_key': VAULT } });
    expect(readStoredSecrets(beacon, (file) => rendered.get(file))).toEqual({ 'secrets.token': 'a "quoted\\" token-0001', 'secrets.vault_key': VAULT });
  });

  it('masks every secret in the diffs, the steps and the whole view', async () => {
    const { view } = await beaconPlan({ secrets: { 'secrets.token': 'a "quoted\\" token-0001', 'secrets.vault_key': VAULT } });
    expect(view.files[0]!.diff).toContain('+token = "[masked:secrets.token]"');
    expect(view.files[1]!.diff).toContain("+VAULT_KEY='[masked:secrets.vault_key]'");
    expect(view.files[0]!.diff.split('\n').slice(0, 3)).toEqual(['--- /dev/null', '+++ b/beacon.conf', '@@ -0,0 +1,4 @@']);
    const shown = JSON.stringify(view);
    for (const secret of ['quoted', VAULT]) expect(shown).not.toContain(secret);
    expect(view.files.every((f) => !('content' in f))).toBe(true);
  });

  it('describes itself in words, diffs left out', async () => {
    const { view } = await beaconPlan({ generated: ['secrets.token', 'secrets.vault_key'] });
    expect(view).toMatchObject({ stack: 'beacon', dir: DIR, blocked: [], warnings: [], generated: ['secrets.token', 'secrets.vault_key'], notes: ['Sensors upload to https://beacon.example.org/upload.'] });
    expect(view.steps.map((s) => [s.id, s.title])).toEqual([['folders', 'Readings folder made'], ['marker', 'Uploader marker written'], ['start', 'Logger started']]);
    expect(describePlan(view, { diffs: false })).toBe(FIRST_RUN);
  });

  it('adds the masked diffs when asked', async () => {
    const { view } = await beaconPlan();
    const text = describePlan(view, { diffs: true });
    expect(text).toContain(`\n\n${view.files[0]!.diff}\n\n${view.files[1]!.diff}\n\nBootstrap steps (3):`);
    expect(text).toContain('+token = "[masked:secrets.token]"');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(VAULT);
  });

  it('passes the warnings on, and notes through the mask', async () => {
    const warning = { path: 'alerts', severity: 'warning' as const, message: 'is on', fix: 'Turn it off.' };
    const { view } = await beaconPlan({ warnings: [warning], secrets: { 'secrets.token': 'beacon.example.org', 'secrets.vault_key': VAULT } });
    expect(view.warnings).toEqual([warning]);
    expect(view.notes).toEqual(['Sensors upload to https://[masked:secrets.token]/upload.']);
  });
});

describe('Beacon\'s plan over an install', () => {
  const current = (token: string, envMode = 0o600) => ({
    'beacon.conf': { kind: 'file' as const, content: CONF.replace(TOKEN, token), mode: 0o600 },
    '.env': { kind: 'file' as const, content: ENV, mode: envMode },
  });

  it('with the same token: nothing changed, no secret changed, no extra step', async () => {
    const { input, view } = await beaconPlan({ previous: { 'secrets.token': TOKEN, 'secrets.vault_key': VAULT }, current: current(TOKEN) });
    expect(changedSecrets(input)).toEqual([]);
    expect(view.files.map((f) => [f.path, f.status, f.diff])).toEqual([['beacon.conf', 'unchanged', ''], ['.env', 'unchanged', '']]);
    expect(view.steps.map((s) => s.id)).toEqual(['folders', 'marker', 'start']);
    expect(describePlan(view, { diffs: true })).toContain('Files: 0 new, 0 changed, 2 unchanged\n  unchanged beacon.conf  (mode 0600, secrets)');
  });

  it('with a new token: the token changed, is made live before the restart, and both values are masked', async () => {
    const { input, view } = await beaconPlan({ previous: { 'secrets.token': OLD_TOKEN, 'secrets.vault_key': VAULT }, current: current(OLD_TOKEN) });
    expect(changedSecrets(input)).toEqual(['secrets.token']);
    expect(view.files.map((f) => [f.path, f.status])).toEqual([['beacon.conf', 'changed'], ['.env', 'unchanged']]);
    expect(view.files[0]!.diff).toContain('-token = "[masked:secrets.token (previous)]"\n+token = "[masked:secrets.token]"');
    expect(view.steps.map((s) => s.id)).toEqual(['folders', 'marker', 'token-live', 'start']);
    expect(view.steps[2]!.lines).toEqual([
      '3. token-live: New upload token made live',
      '     run: OLD_TOKEN=[masked:secrets.token] NEW_TOKEN=[masked:secrets.token] sh -c \'test "$OLD_TOKEN" != "$NEW_TOKEN" && echo "token replaced"\'',
      '     only when the upload token changed',
      '     after: marker',
    ]);
    expect(view.steps[3]!.lines.at(-1)).toBe('     after: token-live');
    const text = describePlan(view, { diffs: true });
    expect(text).toContain('Bootstrap steps (4):');
    expect(text).not.toContain(OLD_TOKEN);
    expect(text).not.toContain(TOKEN);
  });

  it('with a token only now stored: no previous value, so nothing to make live', async () => {
    const { input, view } = await beaconPlan({ previous: { 'secrets.vault_key': VAULT }, current: current(TOKEN) });
    expect(changedSecrets(input)).toEqual([]);
    expect(view.steps.map((s) => s.id)).not.toContain('token-live');
  });

  it('with a changed vault key alone: the secret changed, but Beacon adds no step for it', async () => {
    const oldVault = 'old-vault-key-0123456789-0123456789-ab';
    const files = { ...current(TOKEN), '.env': { kind: 'file' as const, content: ENV.replace(VAULT, oldVault), mode: 0o600 } };
    const { input, view } = await beaconPlan({ previous: { 'secrets.token': TOKEN, 'secrets.vault_key': oldVault }, current: files });
    expect(changedSecrets(input)).toEqual(['secrets.vault_key']);
    expect(view.steps.map((s) => s.id)).toEqual(['folders', 'marker', 'start']);
    expect(view.files.map((f) => f.status)).toEqual(['unchanged', 'changed']);
    expect(view.files[1]!.diff).toContain("-VAULT_KEY='[masked:secrets.vault_key (previous)]'\n+VAULT_KEY='[masked:secrets.vault_key]'");
    expect(JSON.stringify(view)).not.toContain(oldVault);
  });

  it('says when only a file\'s mode changes', async () => {
    const { view } = await beaconPlan({ previous: { 'secrets.token': TOKEN }, current: current(TOKEN, 0o644) });
    expect(view.files[1]).toMatchObject({ status: 'changed', mode: 0o600, previousMode: 0o644, diff: '' });
    expect(describePlan(view, { diffs: false })).toContain('  changed   .env  (mode 0600, secrets, mode 0644 -> 0600) Compose variables and the vault key');
  });

  it('refuses to write through a symbolic link or over a folder, and says so', async () => {
    const { view } = await beaconPlan({ current: { '.env': { kind: 'symlink', target: '/etc/passwd' }, 'beacon.conf': { kind: 'other', what: 'folder' } } });
    expect(view.blocked).toEqual([
      { path: 'beacon.conf', reason: 'is a folder, not a file' },
      { path: '.env', reason: 'is a symbolic link (to /etc/passwd); fieldstation never writes through one' },
    ]);
    expect(describePlan(view, { diffs: false })).toContain('  BLOCKED   beacon.conf is a folder, not a file\n  BLOCKED   .env is a symbolic link (to /etc/passwd); fieldstation never writes through one\n');
  });

  it('refuses a target under a file (a part of its path is no folder), which apply could not make', async () => {
    const { view } = await beaconPlan({ current: { '.env': { kind: 'under-a-file' } } });
    expect(view.blocked).toEqual([{ path: '.env', reason: 'lies under a file: a part of its path is a file, not a folder' }]);
  });

  it('follows the answers: a remote archive writes its URL and key', async () => {
    const answers = { ...ANSWERS, 'storage.mode': 'remote', 'storage.url': 'https://archive.example.org/b' };
    const { rendered, view } = await beaconPlan({ answers, secrets: { 'storage.key': 'archive-key-0001', 'secrets.token': TOKEN, 'secrets.vault_key': VAULT } });
    expect(rendered.get('.env')).toContain("STORAGE_MODE='remote'\nARCHIVE_URL='https://archive.example.org/b'\nARCHIVE_KEY='archive-key-0001'\nVAULT_KEY=");
    expect(view.files[1]!.diff).toContain("+ARCHIVE_KEY='[masked:storage.key]'");
  });
});

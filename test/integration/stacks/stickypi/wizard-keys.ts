import { BIN } from '../../../helpers/cli.js';
import { DOCKER_STAND_IN } from '../../../helpers/docker.js';
import { Terminal } from '../../../helpers/tmux.js';

/**
 * The Sticky Pi wizard in a real terminal (tmux, 80x24), driven key by key as a person would: the built
 * program (bin, bundles). Text is typed, then Enter is sent once the text shows: keys typed faster than a
 * screen renders would reach the screen before it. Docker is the recording stand-in (never the host's).
 */

export interface WizardOptions {
  readonly env?: Record<string, string>;
  readonly flags?: readonly string[];
  /** Leave out --stack stickypi: the wizard first asks which server (fieldstation knows more than one). */
  readonly pick?: boolean;
}

/**
 * The wizard in DIR; the shell says how it ended (EXIT=<code>) and keeps the pane open. PATH is set on
 * the command itself: tmux gives a new session the PATH of its own client, not the one asked for.
 */
export const wizard = (dir: string, o: WizardOptions = {}): Terminal =>
  new Terminal(`env -u CI -u FORCE_COLOR 'PATH=${DOCKER_STAND_IN}:${process.env['PATH'] ?? ''}' ${process.execPath} ${BIN} setup --dir ${dir} ${o.pick ? '' : '--stack stickypi '}${(o.flags ?? []).join(' ')}; echo EXIT=$?; sleep 30`, {
    env: { LANG: 'C.UTF-8', TERM: 'xterm-256color', FIELDSTATION_TEST_GRACE_MS: '1000', ...o.env },
    cols: 80,
    rows: 24,
  });

export async function answer(t: Terminal, question: string, text?: string, options: { clear?: boolean } = {}): Promise<void> {
  await t.waitFor(question);
  if (options.clear) t.keys('C-u');
  if (text !== undefined) {
    t.type(text);
    await t.waitFor(text.length > 40 ? text.slice(-40) : text);
  }
  t.keys('Enter');
}

/** Moves the highlight down until `label` is highlighted (the list's own order decides how far). */
export async function highlight(t: Terminal, label: string, key: 'Down' | 'Up' = 'Down'): Promise<void> {
  for (let i = 0; i < 20 && !t.screen().includes(`› ${label}`); i++) {
    t.keys(key);
    await new Promise((r) => setTimeout(r, 60));
  }
  await t.waitFor(`› ${label}`);
}

/** A secret typed into its masked field, and again to confirm it: never on the screen. */
export async function typeSecret(t: Terminal, question: string, value: string): Promise<void> {
  await t.waitFor(question);
  t.type(value);
  await t.waitFor('••••');
  if (t.screen().includes(value)) throw new Error(`the secret typed for ${question} is on the screen`);
  t.keys('Enter');
  await t.waitFor('Type it again to confirm:');
  t.type(value);
  await t.waitFor('••••');
  if (t.screen().includes(value)) throw new Error(`the secret typed again for ${question} is on the screen`);
  t.keys('Enter');
}

export const ACCESS_KEY = 'AKIATYPEDINTERMINAL1';
export const PRIVATE_KEY = 'typed-private-key-in-terminal';

/** From the first question to the S3 access key's: an S3 provider, the data in `data`. */
export async function toAccessKey(t: Terminal, data: string, domain = 'traps.example.org'): Promise<void> {
  await answer(t, 'Domain name of the server?', domain);
  await answer(t, 'E-mail address', 'lab@example.org');
  await answer(t, "Folder for the server's data", data, { clear: true });
  await answer(t, 'How many Sticky Pi devices');
  await answer(t, 'How many weeks of images');
  await answer(t, 'Where should images be stored?');
  await answer(t, 'Host name of the S3 endpoint?', 's3.example-provider.com');
  await answer(t, 'Name of the S3 bucket');
  await t.waitFor('S3 access key?');
}

/** From the S3 secret key's question to the review: every other secret generated, no first user. */
export async function fromPrivateKeyToReview(t: Terminal): Promise<string> {
  await typeSecret(t, 'S3 secret (private) key?', PRIVATE_KEY);
  for (const q of ["Key that signs the API's login tokens?", 'Password of the database user?', 'Password of the API\'s "admin" user?', 'Password of the internal "spi_uid" bot user?']) {
    await t.waitFor(q);
    t.keys('Enter');
  }
  await answer(t, 'Create a first API user');
  return t.waitFor('Review: Enter on an answer changes it.');
}

/** Every question to the review, the keys typed. */
export async function toReview(t: Terminal, data: string): Promise<string> {
  await toAccessKey(t, data);
  await typeSecret(t, 'S3 access key?', ACCESS_KEY);
  return fromPrivateKeyToReview(t);
}

/** From the review to the plan, and on to apply. */
export async function applyFromReview(t: Terminal): Promise<void> {
  await highlight(t, 'Continue');
  t.keys('Enter');
  await t.waitFor('Plan · Sticky Pi');
  await highlight(t, 'Apply');
  t.keys('Enter');
}

/** The screen's text with each line break (and the space Ink drops there) as one space: for sentences that wrap. */
export const flat = (screen: string): string => screen.replace(/\s*\n\s*/g, ' ');

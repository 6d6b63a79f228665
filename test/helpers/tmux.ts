import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const TMUX = '/usr/bin/tmux';

/**
 * A real terminal: a detached tmux session on its own server socket, driven key by key. CI clears `CI`
 * inside the session, since the program rightly refuses to prompt when CI is set.
 */
export class Terminal {
  private readonly socket = `fieldstation-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly record: string | undefined;
  private readonly gate: string | undefined;
  /**
   * `record`: a file that gets every byte written to the terminal (tmux pipe-pane), from the first: the
   * command waits until the recording runs, so nothing it prints is missed. `hold` (with `record`): the
   * command waits for `start()`, so keys sent before it are typed ahead, in the terminal before the
   * program starts.
   */
  constructor(command: string, options: { env?: Record<string, string>; cols?: number; rows?: number; record?: string; hold?: boolean } = {}) {
    if (!existsSync(TMUX)) throw new Error('tmux is needed for real-terminal tests: apt-get install -y tmux');
    const env = Object.entries({ CI: '', ...options.env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.record = options.record;
    this.gate = options.record ? `${options.record}.go` : undefined;
    const run = this.gate ? `until [ -e '${this.gate}' ]; do sleep 0.02; done; ${command}` : command;
    execFileSync(TMUX, ['-L', this.socket, 'new-session', '-d', '-s', 'main', '-x', String(options.cols ?? 100), '-y', String(options.rows ?? 30), ...env, run]);
    if (options.record) {
      execFileSync(TMUX, ['-L', this.socket, 'pipe-pane', '-t', 'main', `cat > '${options.record}'`]);
      if (!options.hold) this.start();
    }
  }
  /** Lets a held command start. */
  start(): void {
    if (this.gate) writeFileSync(this.gate, '');
  }
  /**
   * The bytes written to the terminal (with `record`), as they were, escape sequences and all: once they
   * hold `text` (the recording trails the screen by a moment); fails with what they hold after the deadline.
   */
  async recorded(text: string, seconds = 15): Promise<string> {
    if (!this.record) throw new Error('this terminal was started without `record`');
    const until = Date.now() + seconds * 1000;
    for (;;) {
      const bytes = existsSync(this.record) ? readFileSync(this.record, 'latin1') : '';
      if (bytes.includes(text)) return bytes;
      if (Date.now() > until) throw new Error(`the terminal was never sent ${JSON.stringify(text)}; it was sent:\n${bytes}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /**
   * The screen's text; with `escapes`, also the colour and attribute codes tmux keeps for it; with
   * `history`, everything since the start (what scrolled off too), lines the terminal wrapped joined.
   */
  screen(options: { escapes?: boolean; history?: boolean } = {}): string {
    return spawnSync(TMUX, ['-L', this.socket, 'capture-pane', '-p', ...(options.escapes ? ['-e'] : []), ...(options.history ? ['-J', '-S', '-'] : []), '-t', 'main'], { encoding: 'utf8' }).stdout;
  }
  /** Waits until the screen shows the text; fails with the screen's content after the deadline. */
  async waitFor(text: string, seconds = 15): Promise<string> {
    const until = Date.now() + seconds * 1000;
    for (;;) {
      const screen = this.screen();
      if (screen.includes(text)) return screen;
      if (Date.now() > until) throw new Error(`the terminal never showed ${JSON.stringify(text)}; it shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /**
   * Waits until the screen shows the text, failing at once if it ever shows one of `never` on the way
   * (e.g. a question that must not be asked again).
   */
  async waitForWithout(text: string, never: readonly string[], seconds = 15): Promise<string> {
    const until = Date.now() + seconds * 1000;
    for (;;) {
      const screen = this.screen();
      const seen = never.find((n) => screen.includes(n));
      if (seen !== undefined) throw new Error(`the terminal showed ${JSON.stringify(seen)}; it shows:\n${screen}`);
      if (screen.includes(text)) return screen;
      if (Date.now() > until) throw new Error(`the terminal never showed ${JSON.stringify(text)}; it shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  /** The pid of the process the pane started (its shell). */
  panePid(): number {
    return Number(spawnSync(TMUX, ['-L', this.socket, 'list-panes', '-t', 'main', '-F', '#{pane_pid}'], { encoding: 'utf8' }).stdout.trim());
  }
  keys(...keys: string[]): void {
    execFileSync(TMUX, ['-L', this.socket, 'send-keys', '-t', 'main', ...keys]);
  }
  type(text: string): void {
    execFileSync(TMUX, ['-L', this.socket, 'send-keys', '-t', 'main', '-l', text]);
  }
  /** Sends these bytes to the program in one write, as a slow link delivers keys typed ahead. */
  burst(bytes: string): void {
    execFileSync(TMUX, ['-L', this.socket, 'send-keys', '-t', 'main', '-H', ...[...Buffer.from(bytes, 'utf8')].map((b) => b.toString(16).padStart(2, '0'))]);
  }
  /** Pastes the text as the terminal does: between ESC [200~ and ESC [201~ if the program asked for bracketed paste. */
  paste(text: string): void {
    execFileSync(TMUX, ['-L', this.socket, 'set-buffer', '-b', 'test', '--', text]);
    execFileSync(TMUX, ['-L', this.socket, 'paste-buffer', '-p', '-b', 'test', '-t', 'main']);
  }
  /** Where the terminal's cursor is (0-based column and row) and whether it is shown. */
  cursor(): { x: number; y: number; visible: boolean } {
    const [x, y, flag] = spawnSync(TMUX, ['-L', this.socket, 'display-message', '-p', '-t', 'main', '#{cursor_x} #{cursor_y} #{cursor_flag}'], { encoding: 'utf8' }).stdout.trim().split(' ').map(Number);
    return { x: x!, y: y!, visible: flag === 1 };
  }
  /** Ends the session as a dropped SSH connection does: the terminal hangs up under the program. */
  close(): void {
    spawnSync(TMUX, ['-L', this.socket, 'kill-server']);
  }
}

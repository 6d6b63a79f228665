import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TMUX = '/usr/bin/tmux';

/**
 * A real terminal: a detached tmux session on its own server socket, driven key by key. CI clears `CI`
 * inside the session, since the program rightly refuses to prompt when CI is set.
 */
export class Terminal {
  private readonly socket = `fieldstation-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  constructor(command: string, options: { env?: Record<string, string>; cols?: number; rows?: number } = {}) {
    if (!existsSync(TMUX)) throw new Error('tmux is needed for real-terminal tests: apt-get install -y tmux');
    const env = Object.entries({ CI: '', ...options.env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    execFileSync(TMUX, ['-L', this.socket, 'new-session', '-d', '-s', 'main', '-x', String(options.cols ?? 100), '-y', String(options.rows ?? 30), ...env, command]);
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
  /** Ends the session as a dropped SSH connection does: the terminal hangs up under the program. */
  close(): void {
    spawnSync(TMUX, ['-L', this.socket, 'kill-server']);
  }
}

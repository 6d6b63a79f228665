/** How the terminal was judged, once, in src/cli: which glyphs and whether colour. */
export interface TerminalInfo {
  readonly unicode: boolean;
  readonly color: boolean;
}

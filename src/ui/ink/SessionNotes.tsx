import { Box } from 'ink';
import type { SessionState } from '../../core/session/flow.js';
import { draftLines } from '../session-words.js';
import { Paragraph } from './Paragraph.js';
import { useUi } from './ui-context.js';


/**
 * What the session says under the screen: a word about a key that changed nothing (Esc with nothing
 * before it), and at the end where the unfinished answers were saved (the last frame stays in the terminal).
 *
 * @example
 * ```
 * This is the first question: there is nothing before it.
 * ```
 */
export function SessionNotes({ state, showNotice }: { readonly state: SessionState; readonly showNotice: boolean }) {
  const { theme } = useUi();
  const saving = state.screen.kind === 'saving';
  const lines = state.draft ? draftLines(state.draft, state.dir) : [];
  const notice = showNotice ? state.notice : undefined;
  if (notice === undefined && !saving && lines.length === 0) return null;
  return (
    <Box marginTop={1} flexDirection="column">
      {notice !== undefined && <Paragraph tone="warn">{notice}</Paragraph>}
      {saving && <Paragraph tone="muted">{`Saving your answers${theme.glyphs.ellipsis}`}</Paragraph>}
      {lines.map((line) => (
        <Paragraph key={line} tone={state.draft?.error === undefined ? undefined : 'bad'}>
          {line}
        </Paragraph>
      ))}
    </Box>
  );
}

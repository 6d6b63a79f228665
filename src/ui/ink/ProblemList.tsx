import { Box, Text } from 'ink';
import type { Problem } from '../../core/errors.js';
import { Paragraph } from './Paragraph.js';
import { useUi } from './ui-context.js';

/**
 * Problems from the checks, as the command line prints them: error or warning, key (or what `name` makes
 * of it), what is wrong, the fix.
 *
 * @example
 * ```
 * ✗ error   s3.host: is the server's own domain
 *           fix: Give your S3 provider's endpoint host name.
 * ```
 */
export function ProblemList({ problems, name = (path) => path }: { readonly problems: readonly Problem[]; readonly name?: ((path: string) => string) | undefined }) {
  const { theme } = useUi();
  return (
    <Box flexDirection="column">
      {problems.map((p, i) => {
        const error = p.severity === 'error';
        return (
          <Box key={`${p.path}-${i}`} flexDirection="column">
            <Box>
              <Box flexShrink={0}>
                <Text color={theme.tone(error ? 'bad' : 'warn')}>{`${error ? theme.glyphs.cross : theme.glyphs.warning} ${error ? 'error  ' : 'warning'}`}</Text>
              </Box>
              <Box marginLeft={1}>
                <Paragraph indent={10}>{`${p.path ? name(p.path) : 'answers'}: ${p.message}`}</Paragraph>
              </Box>
            </Box>
            {p.fix !== undefined && (
              <Box paddingLeft={10}>
                <Paragraph indent={10}>{`fix: ${p.fix}`}</Paragraph>
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}

/** Rows the list takes at this width, for screens that share the height with it. */
export function problemRows(problems: readonly Problem[], columns: number, wrap: (text: string, width: number) => number, name: (path: string) => string = (path) => path): number {
  return problems.reduce((n, p) => n + wrap(`${p.path ? name(p.path) : 'answers'}: ${p.message}`, columns - 10) + (p.fix === undefined ? 0 : wrap(`fix: ${p.fix}`, columns - 10)), 0);
}

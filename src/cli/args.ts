import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our errors: an unknown or malformed option is a usage error naming the fix. */
export function parseOptions<O extends Options>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options: { help: { type: 'boolean', short: 'h' }, ...options }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(`${command}: ${message}`, [`Run \`fieldstation ${command} --help\` for its options.`]);
  }
}

export function required(command: string, name: string, value: string | boolean | undefined): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command}: --${name} is required.`, [`Run \`fieldstation ${command} --help\` for its options.`]);
  return value;
}

/** Character rules the line-based formats share. */

/** C0 and C1 controls and DEL: a line break ends a line, and the others are refused by the programs that read commands. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
export const hasControlCharacter = (value: string): boolean => CONTROL.test(value);

/** With the u flag this matches only unpaired halves: UTF-8 cannot carry them (they become U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
export const hasLoneSurrogate = (value: string): boolean => LONE_SURROGATE.test(value);

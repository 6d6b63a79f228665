/**
 * A moment as people read it: the date and time on this machine's clock, with its time zone and offset,
 * e.g. "2026-11-23 11:00:05 Europe/Berlin (UTC+01:00)", or "2026-11-23 10:00:05 (UTC)". What is stored
 * (journal, state, lock, log and backup names) stays in UTC, the same whoever reads it; what is shown is
 * converted here. `timeZone` is for tests; by default it is the machine's (TZ, else /etc/localtime).
 * Text that is not a time is returned as it is.
 */
export function localTime(at: string | number | Date, timeZone?: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const zone = timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // "GMT+01:00": spelled from UTC, which is what the offset is from; at offset zero, just UTC.
  const offset = part('timeZoneName').replace(/^GMT/, 'UTC').replace(/^UTC[+-]00:00$/, 'UTC') || 'UTC';
  const named = /^(Etc\/)?(UTC|GMT|UCT|Universal|Zulu)$/.test(zone) ? '' : ` ${zone}`;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}${named} (${offset})`;
}

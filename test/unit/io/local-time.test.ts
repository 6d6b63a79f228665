import { describe, expect, it } from 'vitest';
import { localTime } from '../../../src/io/local-time.js';

describe('localTime: a moment as people read it', () => {
  it('is the time on the zone\'s clock, with the zone and its offset from UTC', () => {
    expect(localTime('2026-11-23T10:00:05.123Z', 'Europe/Berlin')).toBe('2026-11-23 11:00:05 Europe/Berlin (UTC+01:00)');
    expect(localTime('2026-07-23T10:00:05Z', 'Europe/Berlin')).toBe('2026-07-23 12:00:05 Europe/Berlin (UTC+02:00)'); // summer time
    expect(localTime('2026-11-23T10:00:05Z', 'America/New_York')).toBe('2026-11-23 05:00:05 America/New_York (UTC-05:00)');
    expect(localTime('2026-11-23T20:30:00Z', 'Asia/Kolkata')).toBe('2026-11-24 02:00:00 Asia/Kolkata (UTC+05:30)'); // the next day there
  });

  it('names UTC once, whichever way the machine spells it', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT']) expect(localTime('2026-11-23T00:00:00Z', zone)).toBe('2026-11-23 00:00:00 (UTC)');
  });

  it('takes dates and milliseconds too, and leaves text that is not a time as it is', () => {
    expect(localTime(new Date('2026-11-23T10:00:05Z'), 'UTC')).toBe('2026-11-23 10:00:05 (UTC)');
    expect(localTime(Date.UTC(2026, 10, 23, 10, 0, 5), 'UTC')).toBe('2026-11-23 10:00:05 (UTC)');
    expect(localTime('?', 'UTC')).toBe('?');
  });

  it('uses the machine\'s zone when none is given', () => {
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(localTime('2026-11-23T10:00:05Z')).toBe(localTime('2026-11-23T10:00:05Z', zone));
  });
});

import { describe, expect, it } from 'vitest';
import { checkAbsolutePath, checkDevice, checkDomain, checkEmail, closest } from '../../../src/core/questions/validators.js';

describe('checkDomain', () => {
  it.each(['example.org', 'sticky.example.org', 'a-b.c0.example', 'xn--bcher-kva.example'])('accepts %s', (d) => {
    expect(checkDomain(d)).toBeUndefined();
  });
  it.each([
    ['localhost', /fully qualified/],
    ['Example.org', /lower case/],
    ['https://example.org', /URL/],
    ['example.org/path', /host name/],
    ['example.org.', /ends with a dot/],
    ['exa mple.org', /white space/],
    ['example.org\nevil', /line break/],
    [' example.org', /spaces around/],
    ['-bad.example.org', /invalid label "-bad"/],
    ['10.0.0.1', /IP address/],
    [`${'a'.repeat(64)}.org`, /invalid label/],
  ])('rejects %j', (d, why) => {
    expect(checkDomain(d)).toMatch(why);
  });
});

describe('checkEmail', () => {
  it.each(['admin@example.org', 'first.last+tag@sub.example.org'])('accepts %s', (e) => expect(checkEmail(e)).toBeUndefined());
  it.each([
    ['admin', /no "name@"/],
    ['@example.org', /no "name@"/],
    ['a b@example.org', /white space/],
    ['admin@localhost', /domain part/],
    ["o'neil@example.org", undefined],
  ])('judges %j', (e, why) => {
    if (why === undefined) expect(checkEmail(e)).toBeUndefined();
    else expect(checkEmail(e)).toMatch(why);
  });
});

describe('paths and devices', () => {
  it('wants absolute paths without ".." or line breaks', () => {
    expect(checkAbsolutePath('/opt/x')).toBeUndefined();
    expect(checkAbsolutePath('opt/x')).toMatch(/absolute/);
    expect(checkAbsolutePath('/opt/../etc')).toMatch(/\.\./);
    expect(checkAbsolutePath('/opt/x\n')).toMatch(/line break/);
  });
  it('holds to Linux\'s limits in bytes of UTF-8: 255 per name, 4095 for the whole path', () => {
    expect(checkAbsolutePath(`/opt/${'a'.repeat(255)}/x`)).toBeUndefined();
    expect(checkAbsolutePath(`/opt/${'a'.repeat(256)}/x`)).toBe(`has a name of 256 bytes ("${'a'.repeat(24)}…"); Linux allows at most 255 bytes for each file or folder name`);
    // 128 characters, but 256 bytes: the limit is the kernel's, in bytes.
    expect(checkAbsolutePath(`/opt/${'ä'.repeat(128)}`)).toMatch(/^has a name of 256 bytes/);
    const deep = (bytes: number) => `/${'a'.repeat(200)}`.repeat(Math.ceil(bytes / 201)).slice(0, bytes).replace(/\/$/, 'b');
    expect(checkAbsolutePath(deep(4095))).toBeUndefined();
    expect(checkAbsolutePath(deep(4096))).toBe('is 4096 bytes long; Linux allows at most 4095 bytes in a path');
  });
  it('wants devices under /dev', () => {
    expect(checkDevice('/dev/sdb')).toBeUndefined();
    expect(checkDevice('/tmp/sdb')).toMatch(/\/dev\//);
  });
});

describe('closest', () => {
  it('suggests near keys and nothing for far ones', () => {
    expect(closest('domian', ['domain', 'admin_email'])).toBe('domain');
    expect(closest('s3host', ['host', 'bucket'])).toBe('host');
    expect(closest('zzzzzz', ['domain', 'bucket'])).toBeUndefined();
  });
});

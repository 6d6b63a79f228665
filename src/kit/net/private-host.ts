/**
 * Private names and addresses nobody outside this network reaches. Anything else counts as reachable from
 * outside: where e-mission's skip auth hands out timelines, and where a Redis without AUTH is an open door
 * (Ichnaea #1373, an abuse report about exactly that).
 */
export function isPrivateHost(host: string): boolean {
  if (host === 'localhost' || /\.(localhost|local|internal|lan|home\.arpa)$/u.test(host)) return true;
  if (host === '::1' || host === '[::1]') return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/u.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  return false;
}

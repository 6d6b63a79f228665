import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import type { LookupFact } from '../../core/checks/machine.js';
import { listWords } from '../../core/checks/words.js';

export interface DnsParams {
  /** Names that must resolve to this machine (certificates are requested for them). */
  readonly hosts: readonly string[];
  /** The ports clients reach those names on, for the advice about NAT and load balancers. */
  readonly ports?: readonly number[];
}

const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);
const bare = (address: string) => address.replace(/%.*$/, '').toLowerCase();
const isLoopbackOrLinkLocal = (a: string) => a.startsWith('127.') || a === '::1' || a.startsWith('fe80:') || a.startsWith('169.254.');

/**
 * Each name must resolve (certificates are requested for it). One that does not resolve fails; one that
 * resolves but to none of this machine's addresses only warns: behind NAT or a load balancer the public
 * address is not on any interface here.
 */
export function judgeDns(facts: readonly LookupFact[], localAddresses: readonly string[], ports: readonly number[] = []): Verdict {
  if (facts.length === 0) return verdict('pass', 'no names to check');
  const local = new Set(localAddresses.map(bare));
  const shown = localAddresses.map(bare).filter((a) => !isLoopbackOrLinkLocal(a));
  const mine = listWords((shown.length ? shown : [...local]).filter((a, i, all) => all.indexOf(a) === i)) || 'no address';
  const missing: string[] = [];
  const trouble: string[] = [];
  const failedNames: string[] = [];
  const elsewhere: { host: string; addresses: readonly string[] }[] = [];
  const here: string[] = [];
  for (const fact of facts) {
    if ('error' in fact || fact.addresses.length === 0) failedNames.push(fact.host);
    if ('error' in fact) {
      if (NOT_FOUND.has(fact.error)) missing.push(fact.host);
      else trouble.push(fact.error === 'TIMEOUT' ? `${fact.host}: no answer within ${fact.seconds ?? '?'} s` : `${fact.host} could not be looked up (${fact.error})`);
    } else if (fact.addresses.length === 0) {
      missing.push(fact.host);
    } else if (fact.addresses.some((a) => local.has(bare(a)))) {
      here.push(fact.host);
    } else {
      elsewhere.push(fact);
    }
  }
  const elsewhereText = elsewhere.map((e) => `${e.host} points to ${listWords(e.addresses.map(bare))}`);
  if (failedNames.length > 0) {
    const failed = [...(missing.length ? [`${listWords(missing)} ${missing.length === 1 ? 'does' : 'do'} not resolve`] : []), ...trouble];
    const fixes = [`At your DNS provider, create an A (or AAAA) record for ${listWords(failedNames)} pointing at this machine's public address (this machine has ${mine}); then \`getent hosts ${failedNames[0]}\` must print it. New records can take a while to be seen.`];
    if (trouble.length) fixes.push(`If the records exist, check this machine's resolver (/etc/resolv.conf, \`resolvectl status\`) and its network.`);
    const rest = [...elsewhereText.map((t) => `${t}, not to this machine`), ...(here.length ? [`${listWords(here)} resolve${here.length === 1 ? 's' : ''} here`] : [])];
    return verdict('fail', [...failed, ...rest].join('; '), fixes.join('\n'));
  }
  if (elsewhere.length > 0) {
    const names = elsewhere.map((e) => e.host);
    return verdict('warn', `${elsewhereText.join('; ')}; this machine has ${mine} (fine behind NAT or a load balancer that forwards ${ports.length ? `port${ports.length === 1 ? '' : 's'} ${listWords(ports.map(String))}` : 'the server\'s ports'} here)`,
      `If this machine is not behind NAT or a load balancer, change the A record${names.length === 1 ? '' : 's'} of ${listWords(names)} to this machine's address (${mine}).`);
  }
  return verdict('pass', `${listWords(here)} ${here.length === 1 ? 'resolves' : 'resolve'} to this machine`);
}

/** The server's names resolve to this machine. */
export const dns: Check<DnsParams, { readonly facts: readonly LookupFact[]; readonly addresses: readonly string[] }> = {
  name: 'dns',
  title: 'DNS',
  measure: async (machine, { hosts }) => ({ facts: await machine.lookup(hosts), addresses: machine.addresses() }),
  judge: ({ facts, addresses }, { ports }) => judgeDns(facts, addresses, ports),
  ifSkipped: ({ hosts }) => `Let's Encrypt cannot reach ${hosts.length === 1 ? hosts[0] : `${hosts[0]} and the other names`}: the certificate step fails (and Let's Encrypt limits failed attempts), so the steps after it do not run until the records point here.`,
};

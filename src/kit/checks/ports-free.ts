import { verdict, type Check, type JudgeContext, type Verdict } from '../../core/checks/check.js';
import type { PortFact } from '../../core/checks/machine.js';
import { listWords } from '../../core/checks/words.js';

export interface PortsParams {
  /** TCP ports that must be free on all interfaces (the server will listen on them). */
  readonly ports: readonly number[];
}

const ssCommand = (ports: readonly number[]) =>
  ports.length === 1 ? `sudo ss -ltnp 'sport = :${ports[0]}'` : `sudo ss -ltnp '( ${ports.map((p) => `sport = :${p}`).join(' or ')} )'`;

/**
 * Every port must be free on all addresses: in use fails, unknown (no way to look) warns. After an earlier
 * run got somewhere, busy ports only warn: the server's own nginx, started by that run, probably holds them.
 */
export function judgePorts(facts: readonly PortFact[], context: JudgeContext = { rerun: false }): Verdict {
  if (facts.length === 0) return verdict('pass', 'no ports needed');
  const busy = facts.filter((f) => f.state === 'in-use').map((f) => f.port);
  const unknown = facts.filter((f) => f.state === 'unknown');
  if (busy.length > 0) {
    const also = unknown.length ? `; could not check ${listWords(unknown.map((f) => String(f.port)))}` : '';
    const detail = `${busy.length === 1 ? 'port' : 'ports'} ${listWords(busy.map(String))} ${busy.length === 1 ? 'is' : 'are'} in use${also}`;
    const fix = `See what listens: \`${ssCommand(busy)}\`; then stop and disable that service (e.g. \`sudo systemctl disable --now nginx\`) or container (\`docker ps\`, then \`docker stop NAME\`).`;
    return context.rerun ? verdict('warn', `${detail} (probably by this server, started by an earlier run)`, fix) : verdict('fail', detail, fix);
  }
  if (unknown.length > 0) {
    const why = unknown.map((f) => `${f.port}${f.note ? ` (${f.note})` : ''}`);
    return verdict('warn', `could not check port${unknown.length === 1 ? '' : 's'} ${listWords(why)}`,
      `Check by hand: \`${ssCommand(unknown.map((f) => f.port))}\` must list nothing (or run fieldstation doctor with sudo).`);
  }
  return verdict('pass', `${listWords(facts.map((f) => String(f.port)))} ${facts.length === 1 ? 'is' : 'are'} free`);
}

/** The server's ports are free. */
export const portsFree: Check<PortsParams, readonly PortFact[]> = {
  name: 'ports',
  title: 'Ports',
  measure: (machine, { ports }) => Promise.all(ports.map((p) => machine.port(p))),
  judge: (facts, _params, context) => judgePorts(facts, context),
  ifSkipped: ({ ports }) => `the server cannot listen on ${ports.join(' and ')} while something else does: starting it fails, and so does the certificate request that needs port 80.`,
};

import { verdict, type Check } from '../../core/checks/check.js';
import type { TcpFact } from '../../core/checks/machine.js';

export interface TcpServiceParams {
  /** The service, in words: "the MariaDB server", "Redis". */
  readonly service: string;
  readonly host: string;
  readonly port: number;
  /** Why it must be reachable, and what to do when it is not (how to start it, which firewall rule). */
  readonly fix: string;
  readonly timeoutMs?: number;
}

/** A TCP service the steps talk to (an existing database, Redis) accepts connections from this machine. */
export const tcpService: Check<TcpServiceParams, TcpFact> = {
  name: 'tcp',
  title: 'Service reachable',
  measure: (machine, { host, port, timeoutMs }) => machine.connect(host, port, timeoutMs ?? 5_000),
  judge(fact, { service, fix }) {
    const where = `${fact.host}:${fact.port}`;
    if (fact.reachable) return verdict('pass', `${service} accepts connections at ${where}`);
    const why = fact.error === 'ECONNREFUSED' ? 'the connection was refused (nothing listens there)'
      : fact.error === 'TIMEOUT' ? 'no answer (a firewall may drop the packets)'
        : fact.error === 'ENOTFOUND' ? `${fact.host} does not resolve`
          : `the connection failed (${fact.error})`;
    return verdict('fail', `${service} at ${where}: ${why}`, fix);
  },
  ifSkipped: ({ service }) => `the steps that talk to ${service} fail until it accepts connections.`,
};

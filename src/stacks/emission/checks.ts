import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import type { CommandFact } from '../../core/checks/machine.js';

export interface BuiltinTlsParams {
  /** The checkout's cfc_webapp.py. */
  readonly file: string;
}

/**
 * The built-in HTTPS path of upstream's cfc_webapp.py: at current versions it calls run(host=server_host,
 * ...) while only WEBSERVER_HOST is defined, so the server dies with a NameError on port 443. Judged from
 * the lines that name server_host: used but never assigned is the known error.
 */
export function judgeBuiltinTls(fact: CommandFact, file: string): Verdict {
  if (!fact.ok && fact.reason === 'exit' && fact.exitCode === 1) return verdict('pass', `${file} does not use server_host`);
  if (!fact.ok) return verdict('warn', `could not read ${file}`, 'Check that --dir is an e-mission-server checkout.');
  const lines = fact.stdout.split('\n').filter((l) => l.trim() !== '');
  const assigned = lines.some((l) => /(^|[^=!<>])\bserver_host\s*=(?!=)/u.test(l.replace(/^\d+:/u, '')) && !/run\(/u.test(l));
  if (assigned) return verdict('pass', `${file} defines server_host before its HTTPS path uses it`);
  const at = lines.map((l) => l.split(':')[0]).join(', ');
  return verdict('warn', `${file} uses server_host (line ${at}) without defining it: the built-in HTTPS stops with a NameError`,
    'Use tls.mode own (your certificate files, nginx in front) or letsencrypt, or fix the line in your checkout: server_host should be WEBSERVER_HOST.');
}

export const builtinTls: Check<BuiltinTlsParams, CommandFact> = {
  name: 'builtin-https',
  title: 'Built-in HTTPS of the checkout',
  measure: (machine, { file }) => machine.run(['grep', '-n', 'server_host', file], 5000),
  judge: (fact, { file }) => judgeBuiltinTls(fact, file),
  ifSkipped: () => 'the server may exit at start with a NameError instead of serving HTTPS on 443.',
};

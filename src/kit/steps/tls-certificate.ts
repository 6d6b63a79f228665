import type { ExecuteContext, StepKind } from '../../core/steps/kind.js';

/**
 * The certificate a server presents: trusted, naming every host, and far enough from expiry. A health gate
 * whose result (the expiry date) goes into the summary, so an admin knows when renewal must have happened.
 */
export interface TlsCertificateRun {
  readonly kind: 'tls-certificate';
  /** The name connected to (and sent as SNI); the certificate must name it and every one of `names`. */
  readonly host: string;
  readonly port: number;
  readonly names: readonly string[];
  /** Fewer days left than this is a failure: renewal (30 days before expiry) has not worked for weeks. */
  readonly minDaysLeft: number;
  /** How renewal happens, in words, for the summary. */
  readonly renewal: string;
  /** Where to look when renewal has not worked. */
  readonly troubleshoot: string;
  readonly deadlineSeconds: number;
}

export const tlsCertificate = (run: Omit<TlsCertificateRun, 'kind'>): TlsCertificateRun => ({ kind: 'tls-certificate', ...run });

const load = () => import('../../io/effects.js');
const options = (ctx: ExecuteContext) => (ctx.settings.connectTo ? { connectTo: ctx.settings.connectTo } : {});

export const tlsCertificateKind: StepKind<TlsCertificateRun> = {
  kind: 'tls-certificate',
  describe: (r) => [
    `check: the certificate served at ${r.host}:${r.port} is trusted, names ${r.names.join(', ')} and has at least ${r.minDaysLeft} days left (up to ${r.deadlineSeconds} s)`,
  ],
  async execute(run, ctx) {
    return (await load()).checkTlsCertificate(run, ctx, options(ctx));
  },
  gate: true,
};

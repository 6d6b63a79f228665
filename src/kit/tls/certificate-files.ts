import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';

/**
 * The admin's own certificate files, checked before anything is written: what nginx (or the server
 * itself) would fail on when it loads them, or serve wrongly. Pure given the files' bytes and the time:
 * node:crypto parses them as OpenSSL does for nginx. No message holds any of the key's material.
 */

/** The files' bytes. One left out (it could not be read, and that was reported) is not checked. */
export interface CertificateFiles {
  /** The certificate in PEM, possibly followed by its intermediates (Let's Encrypt's fullchain.pem). */
  readonly certificate: Uint8Array | undefined;
  /** Its private key in PEM. */
  readonly key: Uint8Array | undefined;
  /** The intermediates in PEM, when they are a file of their own (chain.pem): the first issued the certificate. */
  readonly chain?: Uint8Array | undefined;
}

export interface CertificateProblem {
  /** Which file it is about, for naming the answer that gave its path. */
  readonly file: 'certificate' | 'key' | 'chain';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly fix: string;
}

export interface CertificateCheckOptions {
  readonly now: Date;
  /** The name clients connect to: the certificate must cover it. */
  readonly host?: string | undefined;
  /** Warn when it expires within this many days (14: Let's Encrypt renews 30 days before). */
  readonly warnDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The PEM blocks in a file, by label: CERTIFICATE, PRIVATE KEY, RSA PRIVATE KEY, ENCRYPTED PRIVATE KEY... */
function pemBlocks(bytes: Uint8Array): { label: string; text: string }[] {
  const text = Buffer.from(bytes).toString('latin1');
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----/g)].map((m) => ({ label: m[1]!, text: m[0] }));
}

const isKeyLabel = (label: string) => label.endsWith('PRIVATE KEY');
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The certificates of a file, or the problem that it holds none nginx can read. */
function certificates(bytes: Uint8Array, file: 'certificate' | 'chain'): { certs: X509Certificate[] } | { problem: CertificateProblem } {
  const blocks = pemBlocks(bytes);
  const what = file === 'certificate' ? 'certificate' : 'certificate chain';
  const certBlocks = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (certBlocks.length === 0) {
    const fix = file === 'certificate'
      ? 'Give the certificate in PEM form (it starts with "-----BEGIN CERTIFICATE-----"), e.g. Let\'s Encrypt\'s fullchain.pem; a DER file converts with: openssl x509 -inform der -in FILE -out FILE.pem'
      : 'Give the intermediate certificates in PEM form (each starts with "-----BEGIN CERTIFICATE-----"), e.g. Let\'s Encrypt\'s chain.pem.';
    if (blocks.some((b) => isKeyLabel(b.label))) return { problem: { file, severity: 'error', message: `holds a private key, not a ${what}: are the paths of the certificate and the key swapped?`, fix } };
    return { problem: { file, severity: 'error', message: `holds no ${what} in PEM form`, fix } };
  }
  const certs: X509Certificate[] = [];
  for (const [i, block] of certBlocks.entries()) {
    try {
      certs.push(new X509Certificate(block.text));
    } catch {
      return { problem: { file, severity: 'error', message: `holds a PEM certificate (the ${ordinal(i + 1)}) that cannot be read: it is damaged or cut short`, fix: 'Copy the file again from where the certificate was issued.' } };
    }
  }
  return { certs };
}

const ordinal = (n: number) => (n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`);

/** The private key, or the problem that nginx could not load it unattended. */
function privateKey(bytes: Uint8Array): { key: KeyObject } | { problem: CertificateProblem } {
  const blocks = pemBlocks(bytes);
  const keys = blocks.filter((b) => isKeyLabel(b.label));
  const fix = 'Give the private key in PEM form that was made with this certificate (Let\'s Encrypt: privkey.pem beside fullchain.pem).';
  if (keys.length === 0) {
    if (blocks.some((b) => b.label === 'CERTIFICATE')) return { problem: { file: 'key', severity: 'error', message: 'holds a certificate, not a private key: are the paths of the certificate and the key swapped?', fix } };
    return { problem: { file: 'key', severity: 'error', message: 'holds no private key in PEM form', fix } };
  }
  const block = keys[0]!;
  if (block.label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type: 4,ENCRYPTED/m.test(block.text)) {
    return {
      problem: {
        file: 'key', severity: 'error',
        message: 'is protected by a passphrase, which nobody is there to type when the server starts unattended',
        fix: 'Write a copy without the passphrase, readable only by root, and give its path: openssl pkey -in KEY -out KEY.nopass && chmod 600 KEY.nopass (openssl asks for the passphrase once).',
      },
    };
  }
  try {
    return { key: createPrivateKey(block.text) };
  } catch {
    // OpenSSL's reason is not shown: it is about the key's contents.
    return { problem: { file: 'key', severity: 'error', message: 'holds a private key that cannot be read: it is damaged, cut short or of a kind OpenSSL does not know', fix } };
  }
}

/**
 * Everything wrong with a certificate, its key and its chain, each as a problem of the file it is about:
 * errors for what nginx refuses or clients reject (unreadable, a key of another certificate, expired, not
 * yet valid, not for `host`, a chain that did not issue it, a key behind a passphrase), a warning when it
 * expires within `warnDays`.
 */
export function checkCertificateFiles(files: CertificateFiles, options: CertificateCheckOptions): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const cert = files.certificate === undefined ? undefined : certificates(files.certificate, 'certificate');
  const key = files.key === undefined ? undefined : privateKey(files.key);
  const chain = files.chain === undefined ? undefined : certificates(files.chain, 'chain');
  for (const read of [cert, key, chain]) if (read && 'problem' in read) problems.push(read.problem);
  if (!cert || !('certs' in cert)) return problems;

  const leaf = cert.certs[0]!;
  if (key && 'key' in key && !leaf.checkPrivateKey(key.key)) {
    problems.push({ file: 'key', severity: 'error', message: 'is not the private key of the certificate: its public half differs from the certificate\'s', fix: 'Give the key file made together with this certificate (Let\'s Encrypt: privkey.pem from the same folder as fullchain.pem).' });
  }
  problems.push(...validity(leaf, options));
  if (options.host !== undefined && leaf.checkHost(options.host) === undefined) {
    problems.push({ file: 'certificate', severity: 'error', message: `is not for ${options.host}: it names ${namesOf(leaf)}`, fix: `Use a certificate whose names include ${options.host} (a wildcard *.example.org covers one label below example.org).` });
  }
  // The certificate's own intermediates, then the chain file's: each must have issued the one before it.
  const path = [...cert.certs.map((c) => ({ c, file: 'certificate' as const })), ...(chain && 'certs' in chain ? chain.certs.map((c) => ({ c, file: 'chain' as const })) : [])];
  for (let i = 1; i < path.length; i++) {
    const child = path[i - 1]!.c;
    const parent = path[i]!;
    if (!child.checkIssued(parent.c) || !child.verify(parent.c.publicKey)) {
      problems.push({
        file: parent.file, severity: 'error',
        message: `has a certificate (${parent.c.subject.replace(/\n/g, ', ')}) that did not issue the one before it (issued by ${child.issuer.replace(/\n/g, ', ')})`,
        fix: 'Give the intermediates in order, each followed by the one that issued it, as the certificate authority sent them (Let\'s Encrypt: fullchain.pem, or cert.pem with chain.pem).',
      });
      break;
    }
  }
  return problems;
}

function validity(cert: X509Certificate, { now, warnDays = 14 }: CertificateCheckOptions): CertificateProblem[] {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (to.getTime() < now.getTime()) {
    return [{ file: 'certificate', severity: 'error', message: `expired on ${day(to)}`, fix: 'Renew the certificate (or give the path of the renewed one); clients refuse an expired certificate.' }];
  }
  if (from.getTime() > now.getTime()) {
    return [{ file: 'certificate', severity: 'error', message: `is valid only from ${day(from)}`, fix: 'Check this machine\'s clock (date -u), or use a certificate that is valid now.' }];
  }
  const days = Math.floor((to.getTime() - now.getTime()) / DAY_MS);
  if (days < warnDays) {
    return [{ file: 'certificate', severity: 'warning', message: `expires on ${day(to)}, in ${days} day${days === 1 ? '' : 's'}`, fix: 'Renew it before then, and make sure its renewal reaches this path.' }];
  }
  return [];
}

/** The names a certificate is for, as a person reads them. */
function namesOf(cert: X509Certificate): string {
  const names = (cert.subjectAltName ?? '').split(', ').filter((n) => n.startsWith('DNS:') || n.startsWith('IP Address:')).map((n) => n.replace(/^DNS:|^IP Address:/, ''));
  if (names.length > 0) return names.join(', ');
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  return cn ? `only ${cn} in its subject, and no subject alternative names (which clients require)` : 'no names';
}

import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'vitest';
import { describePlan } from '../../../../src/core/plan/describe.js';
import { tempDir } from '../../../helpers/cli.js';
import { expectGolden } from '../../../helpers/golden.js';
import { issueCertificate } from '../../../helpers/tls.js';
import { DOCKER_EXAMPLE, NATIVE_EXAMPLE, renderEmission } from './render.js';

/**
 * Golden files of the two TLS modes that read the admin's own files (the examples use Let's Encrypt): nginx
 * with the admin's certificate (docker and native) and the server's built-in HTTPS with keys.json. The
 * files must exist and pass validation, so the test issues a real pair (and chain) and puts it at fixed
 * paths under its host root, where validation reads it; what is rendered names only the paths.
 */
const PATHS = { certificate: '/etc/ssl/emission/fullchain.pem', chain: '/etc/ssl/emission/chain.pem', key: '/etc/ssl/emission/privkey.pem' };

function placeCertificates(work: string, host: string): void {
  const ca = issueCertificate(work, 'Test Intermediate', { file: 'intermediate', ca: true });
  const leaf = issueCertificate(work, host, { issuer: ca });
  const put = (from: string, to: string) => {
    const target = join(work, 'host', to);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
  };
  put(leaf.certPath, PATHS.certificate);
  put(ca.certPath, PATHS.chain);
  put(leaf.keyPath, PATHS.key);
}

const cases: [string, string, string, Record<string, unknown>][] = [
  ['tls-own-docker', DOCKER_EXAMPLE, 'emission.example.org', { 'tls.mode': 'own', 'tls.certificate': PATHS.certificate, 'tls.private_key': PATHS.key, admin_email: undefined }],
  ['tls-own-native', NATIVE_EXAMPLE, 'openpath.example.org', { 'tls.mode': 'own', 'tls.certificate': PATHS.certificate, 'tls.private_key': PATHS.key, admin_email: undefined }],
  ['tls-builtin-native', NATIVE_EXAMPLE, 'openpath.example.org', { 'tls.mode': 'builtin', 'tls.certificate': PATHS.certificate, 'tls.chain': PATHS.chain, 'tls.private_key': PATHS.key, admin_email: undefined }],
];

describe('golden files of e-mission\'s own-certificate TLS modes', () => {
  it.each(cases)('renders %s byte for byte', async (name, example, host, overrides) => {
    const work = tempDir();
    placeCertificates(work, host);
    const r = await renderEmission(example, overrides, work);
    for (const [path, content] of r.files) expectGolden(`emission/${name}/${path.replace(/^\//, '')}`, content);
    expectGolden(`emission/${name}/plan.txt`, describePlan(r.view, { diffs: true }));
  });
});

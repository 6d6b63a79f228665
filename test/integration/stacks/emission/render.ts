import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../../../helpers/cli.js';
import { renderStack, type Rendered } from '../../../helpers/render-stack.js';

export { suiteDir, type Rendered } from '../../../helpers/render-stack.js';

/** The two e-mission examples: the published image (docker) and a checkout (native). */
export const DOCKER_EXAMPLE = join(ROOT, 'examples', 'emission.yaml');
export const NATIVE_EXAMPLE = join(ROOT, 'examples', 'emission-native.yaml');

/** The install folder as the files name it; it, and every absolute target, lands under the test's host root. */
export const DIR = '/opt/fieldstation-test/emission';

/** An e-mission example planned with `overrides`, the files its answers point at placed under the host root. */
export const renderEmission = (example: string, overrides: Readonly<Record<string, unknown>>, work: string): Promise<Rendered> =>
  renderStack('emission', DIR, example, overrides, work, placeAnsweredFiles);

/** A service-account key of the example's Firebase project, of the shape validation checks (never a real key). */
const SERVICE_ACCOUNT = JSON.stringify({ type: 'service_account', project_id: 'my-study-app', private_key: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n', client_email: 'fcm@my-study-app.iam.gserviceaccount.com' });

/**
 * The files answers point at are read through the host root at validation: the certificate pair a test
 * made in its folder is copied there under its own path, and a Firebase key is put where push.service_account_file names it.
 */
function placeAnsweredFiles(overrides: Readonly<Record<string, unknown>>, real: (path: string) => string): void {
  for (const id of ['tls.certificate', 'tls.chain', 'tls.private_key', 'push.service_account_file']) {
    const path = overrides[id];
    if (typeof path !== 'string') continue;
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch {
      if (id !== 'push.service_account_file') continue;
      content = SERVICE_ACCOUNT;
    }
    mkdirSync(dirname(real(path)), { recursive: true });
    writeFileSync(real(path), content);
  }
}


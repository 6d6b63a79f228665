import { parse as parseEnv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/cli.js';
import { DOCKER_EXAMPLE, NATIVE_EXAMPLE, renderEmission, type Rendered } from './render.js';

/**
 * What the phones read: the study config (deploy-configs/<study>.nrel-op.json, published where the app
 * downloads it) and the legacy www/json/connectionConfig.json, against what the server is set to.
 */
interface StudyConfig { server: { connectUrl: string; aggregate_call_auth: string } }
interface ConnectionConfig { connectUrl: string; aggregate_call_auth: string; android: { auth: Record<string, string> }; ios: { auth: Record<string, string> } }

/**
 * Keys the server itself reads once it downloads the published study config: its download log line
 * formats version, intro.translated_text.en.deployment_name and server.connectUrl eagerly (the pinned
 * image's cfc_webapp.get_dynamic_config at start, current deployment_config._get_base_config), so a
 * missing one is a KeyError: the image's server does not start, current ones answer 500.
 */
const SERVER_READS = ['version', 'intro.translated_text.en.deployment_name', 'server.connectUrl', 'opcode.autogen', 'intro.program_or_study'];

const at = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((n, k) => (n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), value);

/** The server's aggregate_call_auth as it reads it: the environment (docker) or webserver.conf (native). */
function serverAggregate(r: Rendered): string | undefined {
  if (r.files.has('conf/net/api/webserver.conf')) return (r.json('conf/net/api/webserver.conf') as { server: { aggregate_call_auth: string } }).server.aggregate_call_auth;
  return parseEnv(r.text('.env'))['WEBSERVER_AGGREGATE_CALL_AUTH'];
}

describe.each([
  ['the docker example', DOCKER_EXAMPLE],
  ['the native example (a path in the URL)', NATIVE_EXAMPLE],
])('%s: the phones\' files', (_name, example) => {
  it('point the app at the public URL over https, with the server\'s aggregate_call_auth', async () => {
    const r = await renderEmission(example, {}, tempDir('fieldstation-emission-phone-'));
    const url = String(r.input.answers['public_url']);
    const study = r.json(`deploy-configs/${String(r.input.answers['study.config'])}.nrel-op.json`) as StudyConfig;
    const legacy = r.json('phone/connectionConfig.json') as ConnectionConfig;
    expect(url).toMatch(/^https:\/\//);
    expect(study.server.connectUrl).toBe(url);
    expect(legacy.connectUrl).toBe(url);
    const aggregate = serverAggregate(r);
    expect(aggregate).toMatch(/^(no_auth|user_only|never)$/);
    expect(study.server.aggregate_call_auth).toBe(aggregate);
    expect(legacy.aggregate_call_auth).toBe(aggregate);
  });

  it('sign in with prompted-auth on both platforms (the phone has no token_list method)', async () => {
    const r = await renderEmission(example, {}, tempDir('fieldstation-emission-phone-'));
    const legacy = r.json('phone/connectionConfig.json') as ConnectionConfig;
    for (const platform of [legacy.android, legacy.ios]) {
      expect(platform.auth['method']).toBe('prompted-auth');
      expect(platform.auth['prompt']?.length).toBeGreaterThan(0);
    }
  });

  it('publish a study config the server can read back', async () => {
    const r = await renderEmission(example, {}, tempDir('fieldstation-emission-phone-'));
    const study = r.json(`deploy-configs/${String(r.input.answers['study.config'])}.nrel-op.json`);
    for (const path of SERVER_READS) expect(at(study, path), path).toBeDefined();
    expect(at(study, 'url_abbreviation')).toBe(r.input.answers['study.config']);
  });
});

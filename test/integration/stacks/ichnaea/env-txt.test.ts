import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerCliValues } from '../../../../src/kit/formats/docker-env.js';
import { composeConfig } from '../../../helpers/compose.js';
import { dockerRunEnv, envMap, startDockerEngineStandIn, type DockerEngineStandIn } from '../../../helpers/docker-engine.js';
import { EXTERNAL_EXAMPLE, LOCAL_EXAMPLE, renderIchnaea, suiteDir } from './render.js';

/**
 * env.txt as its two consumers read it: the docker CLI (`docker run --env-file env.txt`, which parses the
 * file itself before it talks to the engine; here the engine is a recording stand-in of its socket, so the
 * container's environment is read exactly as the CLI sent it), and Compose's env_file (Debian's 1.29).
 * Passwords with every character URIs and env files treat specially go through both unchanged.
 */
const HOSTILE = { 'db.read_password': { env: 'ICHNAEA_TEST_READ' }, 'db.write_password': { env: 'ICHNAEA_TEST_WRITE' } };

describe('Ichnaea env.txt through the docker CLI and Compose', () => {
  const work = suiteDir('fieldstation-ichnaea-envtxt-');
  let engine: DockerEngineStandIn;
  beforeAll(async () => {
    engine = await startDockerEngineStandIn();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each([['the local example', LOCAL_EXAMPLE, {}], ['the external example, with hostile given passwords', EXTERNAL_EXAMPLE, HOSTILE]] as const)('%s: each role gets the very values fieldstation meant', async (name, example, overrides) => {
    const env = { ICHNAEA_TEST_READ: 'a b#c$d${e}\'f"g\\h@i:j/k%l?m', ICHNAEA_TEST_WRITE: '$HOME $$ `x` !*()' };
    {
      const r = await renderIchnaea(example, overrides, join(work, name.replace(/\W+/gu, '-')), env);
      const meant = dockerCliValues(r.text('env.txt'));
      const cli = await dockerRunEnv(engine, [r.real('env.txt')]);
      if (!cli.ok) throw new Error(cli.error);
      expect(envMap(cli.env)).toEqual(meant);
      const compose = composeConfig(r.installFolder);
      for (const role of ['web', 'worker', 'scheduler']) expect(new Map(Object.entries(compose.services[role]!.environment ?? {})), role).toEqual(meant);
      // The passwords reach the URIs percent-encoded: nothing in them means anything to a URI parser.
      expect(meant.get('DB_READONLY_URI')).toMatch(/^mysql\+pymysql:\/\/location_read:[A-Za-z0-9%._~-]+@/u);
    }
  }, 60_000);
});

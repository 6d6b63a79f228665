import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../../../src/stacks/index.js';
import { tempDir } from '../../../helpers/cli.js';
import { checkLine, dockerStandInEnv } from '../../../helpers/docker.js';
import { runInProcess } from '../../../helpers/in-process.js';
import { writeStickypiAnswers } from './answers.js';
import { writeUpstreamServer } from './upstream.js';

const lineOf = checkLine;

describe('Sticky Pi\'s preflight checks', () => {
  it('come from its answers, without reading a secret: its names, ports, disk and memory', async () => {
    const work = tempDir();
    const answers = writeStickypiAnswers(work, { domain: 'lab.example.org' });
    const dir = writeUpstreamServer(join(work, 'server'));
    const asked: string[] = [];
    // No STICKY_S3_* in the environment: doctor needs no secret value. Docker is the recording stand-in.
    const r = await runInProcess(['doctor', '--answers', answers, '--dir', dir], {
      env: dockerStandInEnv({ STICKY_S3_ACCESS_KEY: undefined, STICKY_S3_PRIVATE_KEY: undefined }),
      cwd: work,
      stacks: STACKS,
      machine: { lookup: async (host) => (asked.push(host), ['127.0.0.1']) },
    });
    expect([0, 3], r.stderr).toContain(r.status);
    expect(r.stderr).toContain(`Checking this machine for Sticky Pi (answers from ${answers}).`);
    expect(asked.sort()).toEqual(['api.lab.example.org', 'lab.example.org', 'webapp.lab.example.org', 'www.lab.example.org']);
    expect(lineOf(r.stdout, 'install-folder')).toBe(`PASS  install-folder: ${dir} holds docker-compose.yml and docker-compose.prod.yml, as upstream's server/ folder (sticky-pi/sticky-pi-api, develop branch) does`);
    expect(lineOf(r.stdout, 'docker')).toBe('PASS  docker: Docker engine 28.2.2 is reachable');
    expect(lineOf(r.stdout, 'ports')).toMatch(/^(PASS|WARN|FAIL) {2}ports: .*\b80\b.*/);
    expect(lineOf(r.stdout, 'disk')).toContain(join(work, 'data'));
    expect(lineOf(r.stdout, 'memory')).toContain('2.0 GB needed');
    // Every program the steps run here is checked; docker by the engine's own check.
    expect(lineOf(r.stdout, 'tool-openssl')).toMatch(/^PASS {2}tool-openssl: openssl is \/\S+\/openssl$/);
    expect(lineOf(r.stdout, 'tool-rm')).toMatch(/^PASS {2}tool-rm: rm is \/\S+\/rm$/);
    expect(r.stdout.split('\n').filter((l) => /^(PASS|WARN|FAIL|SKIP) /.test(l)).map((l) => l.slice(6, l.indexOf(':')))).toEqual(['install-folder', 'docker', 'compose', 'tool-openssl', 'tool-rm', 'ports', 'disk', 'memory', 'dns', 'privileges']);
  });
});

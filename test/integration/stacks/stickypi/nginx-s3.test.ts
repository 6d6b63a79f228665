import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../../helpers/cli.js';
import { writeUpstreamServer } from './upstream.js';
import { EXAMPLE_ENV, writeStickypiAnswers } from './answers.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/**
 * The s3.<domain> route fieldstation writes for the local S3, read by a real nginx (`nginx -t`), with the
 * files it includes where the container has them: the certificate, options-ssl-nginx.conf (written by
 * fieldstation) and the DH parameters, all under the data folder that is /etc/letsencrypt in spi_nginx.
 */
describe('the local S3 route for nginx', () => {
  it('passes nginx -t with the files it includes', () => {
    if (!NGINX) throw new Error('nginx is not installed (apt-get install nginx-light)');
    const work = tempDir();
    const dir = join(work, 'server');
    writeUpstreamServer(dir);
    const answers = writeStickypiAnswers(work, { localS3: true });
    const r = runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], { env: EXAMPLE_ENV });
    expect(r.status, r.stderr).toBe(0);

    const letsencrypt = join(work, 'data', 'data', 'certbot', 'conf');
    const live = join(letsencrypt, 'live', 'sticky.example.org');
    mkdirSync(live, { recursive: true });
    const openssl = (args: string[]) => expect(spawnSync('openssl', args, { encoding: 'utf8' }).status).toBe(0);
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-keyout', join(live, 'privkey.pem'), '-out', join(live, 'fullchain.pem'), '-subj', '/CN=sticky.example.org']);
    openssl(['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'dh_param:ffdhe2048', '-out', join(letsencrypt, 'ssl-dhparams.pem')]);

    const route = readFileSync(join(work, 'data', 'data', 'nginx', 'fieldstation-s3.conf'), 'utf8');
    expect(route).toMatch(/server_name s3\.sticky\.example\.org;/);
    // Only the mount point changes: /etc/letsencrypt is the data folder inside the container.
    const prefix = join(work, 'nginx');
    mkdirSync(join(prefix, 'tmp'), { recursive: true });
    writeFileSync(join(prefix, 'fieldstation-s3.conf'), route.replaceAll('/etc/letsencrypt', letsencrypt));
    writeFileSync(join(prefix, 'nginx.conf'), [
      `pid ${prefix}/nginx.pid;`, `error_log ${prefix}/error.log;`, 'events { worker_connections 16; }',
      `http { access_log off; client_body_temp_path ${prefix}/tmp; proxy_temp_path ${prefix}/tmp; fastcgi_temp_path ${prefix}/tmp; uwsgi_temp_path ${prefix}/tmp; scgi_temp_path ${prefix}/tmp;`,
      `  include ${prefix}/fieldstation-s3.conf; }`, '',
    ].join('\n'));
    const t = spawnSync(NGINX, ['-t', '-c', join(prefix, 'nginx.conf'), '-p', prefix], { encoding: 'utf8' });
    expect(t.stderr).toMatch(/syntax is ok/);
    expect(t.status, t.stderr).toBe(0);
  });
});

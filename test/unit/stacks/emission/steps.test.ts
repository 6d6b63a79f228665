import { describe, expect, it } from 'vitest';
import { Secret } from '../../../../src/core/secrets/secret.js';
import type { StackInput } from '../../../../src/core/stack.js';
import type { Step } from '../../../../src/core/steps/step.js';
import { judgeBuiltinTls } from '../../../../src/stacks/emission/checks.js';
import { emission } from '../../../../src/stacks/emission/index.js';

const PASS = 'correct horse battery staple';
const TOKENS = 'nrelop_s_default_AAAAAAAAAAAAAAAAAAAAAAAA\nnrelop_s_default_BBBBBBBBBBBBBBBBBBBBBBBB';

function input(answers: Record<string, string | number | boolean>): StackInput {
  return {
    answers: { public_url: 'https://emission.example.org/', 'study.config': 's', 'auth.method': 'token_list', admin_email: 'a@example.org', 'mongodb.username': 'emission', 'intake.processes': 2, ...answers },
    secrets: {
      'mongodb.password': new Secret('mongodb.password', 'MongoPassword0123456789'),
      'auth.tokens': new Secret('auth.tokens', TOKENS),
      'disk.passphrase': new Secret('disk.passphrase', PASS),
    },
    previous: {},
    dir: '/opt/emission',
  };
}

const argvOf = (s: Step): string[] => [...((s.run as { argv?: string[] }).argv ?? []), ...((s.skipIf as { argv?: string[] } | undefined)?.argv ?? [])];

describe('e-mission steps', () => {
  it('never put a secret on a command line', () => {
    const cases: Record<string, string | boolean>[] = [{}, { runtime: 'native', 'native.user': 'emission' }, { 'disk.enabled': true, 'disk.device': '/dev/sdb', 'disk.mount_point': '/mnt/emission' }];
    for (const answers of cases) {
      for (const step of emission.steps(input(answers))) {
        const words = argvOf(step).join(' ');
        for (const secret of [PASS, 'MongoPassword0123456789', ...TOKENS.split('\n')]) expect(words, step.id).not.toContain(secret);
      }
    }
  });

  it('load the codes on stdin, and skip when the last one is already in MongoDB', () => {
    const tokens = emission.steps(input({})).find((s) => s.id === 'tokens')!;
    expect((tokens.run as { stdin?: Secret }).stdin?.reveal()).toBe(TOKENS);
    expect((tokens.skipIf as { env?: Record<string, Secret> }).env?.['LAST_TOKEN']?.reveal()).toBe('nrelop_s_default_BBBBBBBBBBBBBBBBBBBBBBBB');
    expect(emission.steps(input({ 'auth.method': 'secret' })).some((s) => s.id === 'tokens')).toBe(false);
  });

  it('format the disk only as a destructive step that a re-run skips, the passphrase on stdin', () => {
    const steps = emission.steps(input({ 'disk.enabled': true, 'disk.device': '/dev/sdb', 'disk.mount_point': '/mnt/emission' }));
    const format = steps.find((s) => s.id === 'disk-format')!;
    expect(format.destructive).toBe(true);
    expect(argvOf(format)).toContain('--key-file');
    expect((format.run as { stdin?: Secret }).stdin?.reveal()).toBe(PASS);
    expect(format.skipIf).toBeDefined();
    // Nothing else is written before the disk is mounted: the data folders wait for it.
    expect(steps.find((s) => s.id === 'folders')!.dependsOn).toContain('disk-mount');
    const destructive = steps.filter((s) => s.destructive).map((s) => s.id);
    expect(destructive).toEqual(expect.arrayContaining(['disk-format', 'disk-mkfs']));
  });

  it('gate on the server itself and, unless skip, on a refused unknown token', () => {
    const ids = (a: Record<string, string>) => emission.steps(input(a)).map((s) => s.id);
    expect(ids({})).toEqual(expect.arrayContaining(['certificate-served', 'health', 'auth-refuses']));
    expect(ids({ 'auth.method': 'skip' })).not.toContain('auth-refuses');
    expect(ids({ runtime: 'native', 'native.user': 'emission', 'tls.mode': 'builtin' })).not.toContain('certificate-served');
  });
});

describe('the built-in HTTPS check of a checkout', () => {
  const file = 'emission/net/api/cfc_webapp.py';
  it('warns when server_host is used but never assigned (upstream today)', () => {
    const v = judgeBuiltinTls({ ok: true, stdout: '572:      run(host=server_host, port=server_port, server=\'cheroot\', debug=True,\n' }, file);
    expect(v.status).toBe('warn');
    expect(v.detail).toContain('572');
  });
  it('passes when the checkout defines it, or does not use it', () => {
    expect(judgeBuiltinTls({ ok: true, stdout: '60:server_host = WEBSERVER_HOST\n572:      run(host=server_host,\n' }, file).status).toBe('pass');
    expect(judgeBuiltinTls({ ok: false, reason: 'exit', exitCode: 1, stderr: '' }, file).status).toBe('pass');
  });
});

describe('the database URI the server gets', () => {
  const url = (host: string) => {
    const ctx = emission.context({ ...input({ 'mongodb.mode': 'external', 'mongodb.host': host, 'mongodb.database': 'Stage_database' }) });
    return (ctx['db_url'] as Secret).reveal();
  };
  it('puts the credentials into a host list or the admin\'s URI, keeping its database and options', () => {
    expect(url('a:27017,b:27017')).toBe('mongodb://emission:MongoPassword0123456789@a:27017,b:27017/Stage_database?authSource=admin');
    expect(url('mongodb://a:27017/openpath?replicaSet=rs0')).toBe('mongodb://emission:MongoPassword0123456789@a:27017/openpath?replicaSet=rs0&authSource=admin');
    expect(url('mongodb+srv://c.example.net/?authSource=users')).toBe('mongodb+srv://emission:MongoPassword0123456789@c.example.net/Stage_database?authSource=users');
  });
});

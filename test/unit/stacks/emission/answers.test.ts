import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../../../src/core/answers/answers-file.js';
import { checkAnswers } from '../../../../src/core/answers/check.js';
import { generateSpecOf, type SecretQuestion } from '../../../../src/core/questions/types.js';
import { generateSecret } from '../../../../src/core/secrets/generate.js';
import { emission } from '../../../../src/stacks/emission/index.js';
import { isPrivateHost } from '../../../../src/stacks/emission/model.js';
import { urlProblem } from '../../../../src/stacks/emission/questions-server.js';
import { intervalsProblem } from '../../../../src/stacks/emission/questions-services.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

const check = (text: string) => checkAnswers(emission, parseAnswersText(`version: 1\nstack: emission\n${text}`));
const errors = (text: string) => check(text).problems.filter((p) => p.severity === 'error');
const BASE = 'public_url: https://emission.example.org/\nadmin_email: admin@example.org\nstudy: {config: my-study}\n';

describe('e-mission answers', () => {
  it('fills in the safe defaults: docker, a MongoDB container, generated codes, user-only aggregates, Let\'s Encrypt', () => {
    const r = check(BASE);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.answers).toMatchObject({ runtime: 'docker', 'mongodb.mode': 'container', 'auth.method': 'token_list', 'auth.aggregate': 'user_only', 'tls.mode': 'letsencrypt', 'auth.token_count': 20, 'schedule.with': 'systemd' });
    expect(r.secretSources).toMatchObject({ 'mongodb.password': { kind: 'generate' }, 'auth.tokens': { kind: 'generate' } });
  });

  it('refuses skip auth on a public server without the host typed back, and says why', () => {
    const problems = errors(`${BASE}auth: {method: skip}\n`);
    expect(problems.map((p) => p.path)).toEqual(['auth.skip_confirm']);
    const wrong = errors(`${BASE}auth: {method: skip, skip_confirm: yes}\n`);
    expect(wrong[0]!.message).toContain('emission.example.org');
    expect(errors(`${BASE}auth: {method: skip, skip_confirm: emission.example.org}\n`)).toEqual([]);
    // Asked for what it means: the prompt says what skip gives away.
    expect(emission.questions.find((q) => q.id === 'auth.skip_confirm')!.prompt).toMatch(/anyone read any participant/);
  });

  it('does not ask for the confirmation on a private host', () => {
    const r = check('public_url: https://emission.lab.internal/\nadmin_email: a@example.org\nstudy: {config: s}\nauth: {method: skip}\n');
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps each runtime to the database and TLS modes it can run', () => {
    expect(errors(`${BASE}runtime: docker\nmongodb: {mode: local}\n`).map((p) => p.path)).toEqual(['mongodb.mode']);
    expect(errors(`${BASE}runtime: native\nmongodb: {mode: container}\n`).map((p) => p.path)).toEqual(['mongodb.mode']);
    expect(errors(`${BASE}tls: {mode: builtin, certificate: /c.pem, chain: /ch.pem, private_key: /k.pem}\n`).map((p) => p.path)).toEqual(['tls.mode']);
  });

  it('reports every problem at once', () => {
    const problems = errors('public_url: http://x.org\nstudy: {config: My Study}\nintake: {processes: 0}\npush: {enabled: true, silent_intervals: "60,61"}\n');
    expect(problems.map((p) => p.path).sort()).toEqual(['admin_email', 'intake.processes', 'public_url', 'push.project_id', 'push.service_account_file', 'push.silent_intervals', 'study.config'].sort());
  });

  it('generates participant codes in upstream\'s token format, one per line', () => {
    const q = emission.questions.find((x) => x.id === 'auth.tokens') as SecretQuestion;
    const spec = generateSpecOf(q, { 'auth.method': 'token_list', 'study.config': 'my-study', 'auth.token_count': 3 })!;
    const codes = generateSecret(seededRandom('codes'), spec).split('\n');
    expect(codes).toHaveLength(3);
    // nrelop_<study>_<subgroup>_<code>: the server takes the third part as the subgroup ("default" when none are listed).
    for (const c of codes) expect(c).toMatch(/^nrelop_my-study_default_[A-Za-z0-9]{24}$/);
    expect(new Set(codes).size).toBe(3);
    expect(generateSpecOf(q, { 'auth.method': 'secret' })).toBeUndefined();
  });
});

describe('the public URL', () => {
  it.each([
    ['https://emission.example.org/', undefined],
    ['https://openpath.example.org/api/', undefined],
    ['http://emission.example.org/', /https/],
    ['https://emission.example.org', /end with "\/"/],
    ['https://u:p@emission.example.org/', /user name or password/],
    ['https://emission.example.org/?x=1', /query/],
    ['https://emission.example.org:8443/', /port/],
    ['not a url', /not a URL/],
  ])('%s', (value, expected) => {
    const problem = urlProblem(value);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('tells private names and addresses from public ones', () => {
    expect(['localhost', '10.1.2.3', '192.168.0.5', '172.20.0.1', 'db.lab.internal', 'x.local'].every(isPrivateHost)).toBe(true);
    expect(['emission.example.org', '8.8.8.8', '172.32.0.1'].some(isPrivateHost)).toBe(false);
  });

  it('takes only upstream\'s silent-push intervals', () => {
    expect(intervalsProblem('60, 3600')).toBeUndefined();
    expect(intervalsProblem('3600,3600')).toMatch(/twice/);
    expect(intervalsProblem('90')).toMatch(/"90"/);
  });
});

describe('an external MongoDB', () => {
  const external = (host: string) => `${BASE}mongodb: {mode: external, host: "${host}", username: emission, password: {env: P}}\n`;
  it.each(['db.example.org:27017', 'a:27017,b:27017', 'mongodb://a:27017,b:27017/openpath?replicaSet=rs0', 'mongodb+srv://cluster0.example.net/?retryWrites=true'])('takes %s', (host) => {
    expect(errors(external(host))).toEqual([]);
  });
  it.each([
    ['mongodb://u:p@db.example.org/', /user or password/],
    ['mongodb+srv://a.example.net,b.example.net/', /exactly one name/],
    ['http://db.example.org', /neither host/],
  ])('refuses %s', (host, message) => {
    expect(errors(external(host))[0]!.message).toMatch(message);
  });
});

import type { ChildValue, Probe, Step } from '../steps/step.js';
import type { Plan } from './plan.js';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Quotes an argv word for display only (it is never run through a shell). */
export function showWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const showValue = (v: ChildValue): string => (typeof v === 'string' ? showWord(v) : String(v));

/** What a skip probe found, in words: "X exists", "GET url answers ...". */
export function describeProbe(p: Probe): string {
  if (p.kind === 'path-exists') return `${p.path} exists`;
  if (p.kind === 'http') return `${p.check.method} ${p.check.url} answers ${p.check.expect.description}`;
  return `\`${p.argv.map(showWord).join(' ')}\` succeeds`;
}

export function describeStep(step: Step, index: number): string[] {
  const lines = [`${index + 1}. ${step.id}: ${step.title}${step.destructive ? ' [destructive: asks first]' : ''}`];
  const run = step.run;
  if (run.kind === 'exec') {
    const env = Object.entries(run.env ?? {}).map(([k, v]) => `${k}=${showValue(v)} `).join('');
    lines.push(`     run: ${env}${run.argv.map(showWord).join(' ')}${run.cwd ? `  (in ${run.cwd})` : ''}`);
    if (run.stdin !== undefined) lines.push(`     stdin: ${showValue(run.stdin)}`);
  } else if (run.kind === 'mkdir') {
    lines.push(`     create folders (mode ${octal(run.mode)}): ${run.paths.join(', ')}`);
  } else if (run.kind === 'http') {
    const c = run.check;
    lines.push(`     check: ${c.method} ${c.url}${c.basicAuth ? ` as ${c.basicAuth.user}` : ''}${c.json !== undefined ? ' with a JSON body' : ''} until ${c.expect.status} with ${c.expect.description} (up to ${c.deadlineSeconds} s)`);
  } else if (run.kind === 'mysql-provision') {
    const p = run.provision;
    lines.push(`     database: ${p.database} on ${p.server.host}:${p.server.port} (as ${p.admin.user}), ${p.charset}/${p.collation}`);
    for (const u of p.users) lines.push(`     user '${u.name}'@'${u.host}': ${u.privileges.join(', ')} on ${p.database}.*`);
  } else {
    lines.push(`     check: Redis PING at ${run.redis.host}:${run.redis.port}${run.redis.password ? ' with AUTH' : ''}`);
  }
  if (step.when) lines.push(`     only ${step.when}`);
  if (step.skipIf) lines.push(`     skipped if ${describeProbe(step.skipIf)}`);
  if (step.dependsOn?.length) lines.push(`     after: ${step.dependsOn.join(', ')}`);
  return lines;
}

/** The plan as text for people: safe to print (diffs are masked, secrets in steps print as masks). */
export function describePlan(plan: Plan, options: { diffs: boolean }): string {
  const out: string[] = [`Plan for ${plan.stack} in ${plan.dir}`, ''];
  const counts = { new: 0, changed: 0, unchanged: 0 };
  for (const f of plan.files) counts[f.status]++;
  out.push(`Files: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged`);
  for (const f of plan.files) {
    const modeNote = f.previousMode !== undefined && f.previousMode !== f.mode ? `, mode ${octal(f.previousMode)} -> ${octal(f.mode)}` : '';
    out.push(`  ${f.status.padEnd(9)} ${f.path}  (mode ${octal(f.mode)}${f.secret ? ', secrets' : ''}${modeNote}) ${f.description}`);
  }
  for (const b of plan.blocked) out.push(`  BLOCKED   ${b.path} ${b.reason}`);
  if (options.diffs) {
    for (const f of plan.files.filter((x) => x.diff !== '')) out.push('', f.diff);
  }
  out.push('', `Bootstrap steps (${plan.steps.length}):`);
  plan.steps.forEach((s, i) => out.push(...describeStep(s, i).map((l) => `  ${l}`)));
  if (plan.notes.length) {
    out.push('', 'Notes:');
    for (const n of plan.notes) out.push(`  - ${n}`);
  }
  return `${out.join('\n')}\n`;
}

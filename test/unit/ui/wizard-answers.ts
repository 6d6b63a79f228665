import type { InstallStatus, SecretChoice, Unfinished } from '../../../src/core/session/flow.js';
import { LOCAL_ANSWERS as BEACON_LOCAL } from '../core/beacon.js';

/**
 * What a first Beacon run with every default and every secret generated hands the install service: the
 * answers by question id, generated secrets as {generate: true}. Both frontends' tests use it.
 */
export const LOCAL_ANSWERS: Readonly<Record<string, unknown>> = {
  'site.name': 'north-ridge',
  'site.domain': 'beacon.example.org',
  data_root: '/srv/beacon',
  sensors: 8,
  'storage.mode': 'local',
  alerts: false,
  'secrets.token': { generate: true },
  'secrets.vault_key': { generate: true },
};

/** The same answers as the last apply recorded them (secrets as how they were given). */
const RECORDED = BEACON_LOCAL;
const GENERATED: Record<string, SecretChoice> = { 'secrets.token': { kind: 'generate' }, 'secrets.vault_key': { kind: 'generate' } };

/** Both secrets as a reconfigure finds them: the values in use, kept (the wizard never holds them). */
export const KEPT: Record<string, SecretChoice> = { 'secrets.token': { kind: 'keep' }, 'secrets.vault_key': { kind: 'keep' } };

/**
 * A folder holding a Beacon install from those answers; `unfinished`: its last bootstrap failed at that
 * step (or, with `status`, was interrupted there, or never ran).
 */
export function installed(unfinished?: string, status: Unfinished['status'] = 'failed', secrets: Record<string, SecretChoice> = GENERATED): InstallStatus {
  const how: Unfinished | undefined = unfinished === undefined ? undefined : { status, step: unfinished, updatedAt: '2026-11-22T18:04:00Z', ...(status === 'failed' ? { error: 'exit code 1' } : {}) };
  return { kind: 'installed', answers: RECORDED, secrets, unfinished: how };
}

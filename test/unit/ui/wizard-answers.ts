import type { InstallStatus, SecretChoice } from '../../../src/core/session/flow.js';
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

/** A folder holding a Beacon install from those answers; `unfinished`: its last bootstrap stopped at that step. */
export function installed(unfinished?: string): InstallStatus {
  return { kind: 'installed', answers: RECORDED, secrets: GENERATED, unfinished: unfinished === undefined ? undefined : { failedStep: unfinished, updatedAt: '2026-11-22T18:04:00Z' } };
}

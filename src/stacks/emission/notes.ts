import type { StackInput } from '../../core/stack.js';
import { deploymentConfigPath } from './files.js';
import { MAPPER } from './steps-disk.js';
import { authMethod, diskEnabled, intakeSchedule, isDocker, logDir, publicUrl, silentIntervals, tlsMode, usesTimers } from './model.js';

/** What the admin needs to know before applying, and keeps from the summary. */
export function notes({ answers, dir }: StackInput): string[] {
  const url = publicUrl(answers);
  const out = [
    `Phones connect to ${url.url}. Store builds of the app read the server's URL from the study config at op-deployment-configs: publish ${deploymentConfigPath(answers)} (its server block) there, or ship your own build; older builds read phone/connectionConfig.json (www/json/).`,
    `DNS: an A record for ${url.host} must point at this machine${tlsMode(answers) === 'letsencrypt' ? ' before the certificate is requested' : ''}.`,
    `Pipeline: ${intakeSchedule(answers).words} with ${String(answers['intake.processes'])} process(es)${silentIntervals(answers).length > 0 ? `; silent pushes every ${silentIntervals(answers).join(', ')} s` : ''}, by ${usesTimers(answers) ? 'systemd timers (systemctl list-timers \'emission-*\')' : '/etc/cron.d/emission'}. Logs: ${logDir(answers)}.`,
  ];
  out.push(`Logs: upstream prints its database URL, password included, when it starts: keep ${logDir(answers)} and ${isDocker(answers) ? '`docker compose logs`' : 'the journal (journalctl -u emission-web)'} private.`);
  if (isDocker(answers)) out.push('Only nginx publishes ports (80, 443); the server and MongoDB are on internal networks. `docker compose ps` in the install folder shows them.');
  if (tlsMode(answers) === 'builtin') out.push('Built-in HTTPS: upstream\'s cfc_webapp.py passes an undefined server_host on its HTTPS path at current versions; `fieldstation doctor` checks your checkout. nginx in front (tls.mode own or letsencrypt) avoids it.');
  if (authMethod(answers) === 'token_list') out.push(`Participant codes: ${String(answers['auth.token_count'])} in ${dir}/participant-tokens.txt (0600), loaded into MongoDB once. Hand one to each participant; keep the file private.`);
  if (authMethod(answers) === 'skip') out.push('Sign-in: skip. Anyone who knows a participant\'s e-mail or code can download that person\'s timeline.');
  if (diskEnabled(answers)) {
    const device = String(answers['disk.device']);
    const mount = String(answers['disk.mount_point']);
    out.push(
      `Encrypted disk: ${device} is formatted (LUKS2) and everything on it is lost; you type its path to confirm. After every reboot, unlock and mount it, then start the server: \`sudo cryptdisks_start ${MAPPER} && sudo mount ${mount}\` (or \`sudo cryptsetup open ${device} ${MAPPER} && sudo mount /dev/mapper/${MAPPER} ${mount}\`). /etc/crypttab and /etc/fstab list it with noauto, so booting never waits for the passphrase.`,
    );
  }
  return out;
}

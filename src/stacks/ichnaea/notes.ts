import type { StackInput } from '../../core/stack.js';
import { GEOIP_MOUNT, geoipFile, geoipHostPath, proxied, runsScheduler, serviceUrl, webCount, workerCount } from './model.js';

/** What the admin should know before applying. */
export function notes({ answers }: StackInput): string[] {
  const web = webCount(answers);
  return [
    `Roles here: ${web} web, ${workerCount(answers)} worker, ${runsScheduler(answers) ? 'the scheduler' : 'no scheduler'}. Exactly one scheduler must run across all hosts of this Ichnaea.`,
    `GeoIP: ${geoipHostPath(answers)} is mounted read-only as ${GEOIP_MOUNT}/${geoipFile(answers)}. Ichnaea does not notice the file changing under it: replace it only with the containers stopped (\`docker compose stop\`, replace, \`docker compose start\`), or with \`fieldstation geoip-swap --file NEW.mmdb\`, which does that and checks the new file first.`,
    ...(web > 0 ? [`Service: ${serviceUrl(answers)} (health: /__heartbeat__, load balancers: /__lbheartbeat__).${proxied(answers) ? '' : ' No TLS here: put it behind your own HTTPS proxy or load balancer, or answer proxy.enabled: true.'}`] : []),
    'Data: a new install has no wifi or cell data, so it answers from GeoIP alone until observations are submitted (upstream #512).',
    'API key: fieldstation creates one random key (never the public "test" key of the docs); more with `docker compose run --rm shell /app/ichnaea/scripts/apikey.py create`.',
  ];
}

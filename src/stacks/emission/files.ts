import type { Answers } from '../../core/questions/types.js';
import type { FileSpec } from '../../core/stack.js';
import { envFormat } from '../../kit/formats/env.js';
import { fixedFormat } from '../../kit/formats/fixed.js';
import { jsonFormat } from '../../kit/formats/json.js';
import { linesFormat } from '../../kit/formats/lines.js';
import { nginxFormat } from '../../kit/formats/nginx.js';
import { crontabFormat } from '../../kit/formats/crontab.js';
import { systemdFormat } from '../../kit/formats/systemd.js';
import { authMethod, behindProxy, isDocker, isNative, mongoMode, PUSH_INTERVALS, pushEnabled, silentIntervals, tlsMode, usesTimers } from './model.js';

const UNITS = '/etc/systemd/system';
const json = (path: string, template: string, description: string, when?: (a: Answers) => boolean, secret = false): FileSpec => ({ path, template, format: jsonFormat, secret, description, ...(when ? { when } : {}) });
const unit = (name: string, template: string, description: string, when: (a: Answers) => boolean): FileSpec => ({ path: `${UNITS}/${name}`, template, format: systemdFormat, secret: false, description, when: (a) => usesTimers(a) && when(a) });

/** The study's deployment config: the app and the server both read <study>.nrel-op.json. */
export const deploymentConfigPath = (a: Answers): string => `deploy-configs/${String(a['study.config'])}.nrel-op.json`;

/**
 * Every file, each with every key its reader maps (a conf file missing one is silently ignored upstream):
 * docker mode passes settings as environment (and writes no conf file that would mask them), native mode
 * writes upstream's conf/ files. Both write the log settings, the phone's files and the proxy's site.
 */
export const files: readonly FileSpec[] = [
  { path: '.env', template: 'env.hbs', format: envFormat, secret: false, description: 'the server\'s settings and Compose\'s variables', when: isDocker },
  { path: '.secret.env', template: 'secret.env.hbs', format: envFormat, secret: true, description: 'database URI and passwords' },
  { path: 'mongo.env', template: 'mongo.env.hbs', format: envFormat, secret: true, description: 'the mongo container\'s root user', when: (a) => isDocker(a) && mongoMode(a) === 'container' },
  { path: 'docker-compose.yml', template: 'docker-compose.yml.hbs', format: fixedFormat, secret: false, description: 'the containers: server, MongoDB, nginx, certbot', when: isDocker },
  // The database URI holds the password: 0600.
  json('conf/storage/db.conf', 'db.conf.hbs', 'MongoDB URI (timeseries.url, timeseries.result_limit)', isNative, true),
  json('conf/net/api/webserver.conf', 'webserver.conf.hbs', 'port, timeout, auth method, aggregate auth, 404 redirect', isNative),
  json('conf/net/ext_service/push.json', 'push.json.hbs', 'Firebase push settings (all six keys)', (a) => isNative(a) && pushEnabled(a)),
  json('conf/net/auth/secret_list.json', 'secret_list.json.hbs', 'the client secret phone tokens start with', (a) => authMethod(a) === 'secret', true),
  json('conf/net/keys.json', 'keys.json.hbs', 'certificate files for the built-in HTTPS', (a) => isNative(a) && tlsMode(a) === 'builtin'),
  json('conf/net/ext_service/habitica.json', 'habitica.json.hbs', 'Habitica server URL', (a) => a['habitica.enabled'] === true),
  json('conf/log/webserver.conf', 'log-webserver.conf.hbs', 'web server logs, in the log folder'),
  json('conf/log/intake.conf', 'log-intake.conf.hbs', 'pipeline logs, in the log folder'),
  json('conf/log/export.conf', 'log-export.conf.hbs', 'export logs, in the log folder'),
  { path: 'participant-tokens.txt', template: 'tokens.txt.hbs', format: linesFormat, secret: true, description: 'the participants\' sign-in codes (loaded into MongoDB)', when: (a) => authMethod(a) === 'token_list' },
  json('phone/connectionConfig.json', 'connectionConfig.json.hbs', 'for older app builds: www/json/connectionConfig.json'),
  { path: deploymentConfigPath, template: 'deployment-config.json.hbs', format: jsonFormat, secret: false, description: 'the study config\'s server block and sign-in: publish it where the app reads configs' },
  {
    path: (a) => (isDocker(a) ? 'nginx/emission.conf' : '/etc/nginx/conf.d/emission.conf'),
    template: 'nginx-site.conf.hbs',
    format: nginxFormat,
    secret: false,
    description: 'the HTTPS proxy in front of the server',
    when: behindProxy,
  },
  unit('emission-web.service', 'web.service.hbs', 'the web server, restarted whenever it stops', isNative),
  unit('emission-intake.service', 'intake.service.hbs', 'one run of the intake pipeline', () => true),
  unit('emission-intake.timer', 'intake.timer.hbs', 'when the pipeline runs', () => true),
  unit('emission-silent-push@.service', 'silent-push@.service.hbs', 'one round of silent pushes', (a) => silentIntervals(a).length > 0),
  ...PUSH_INTERVALS.map((s) => unit(`emission-silent-push-${s}.timer`, `silent-push-${s}.timer.hbs`, `silent pushes for phones syncing every ${s} s`, (a) => silentIntervals(a).includes(s))),
  // cron(8) ignores files in /etc/cron.d whose names hold a dot.
  { path: '/etc/cron.d/emission', template: 'crontab.hbs', format: crontabFormat, secret: false, description: 'the scheduled jobs, for cron', when: (a) => !usesTimers(a) },
];

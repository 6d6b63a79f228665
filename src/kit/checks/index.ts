/** The shared preflight checks: a stack picks the ones it needs with `use(check, params)`. */
export { dockerEngine } from './docker-engine.js';
export { composeV2 } from './compose-v2.js';
export { portsFree } from './ports-free.js';
export { diskSpace } from './disk-space.js';
export { memory } from './memory.js';
export { dns } from './dns.js';
export { privileges } from './privileges.js';
export { tcpService } from './tcp-service.js';
export { hostTool, hostTools, debianPackageOf } from './host-tool.js';

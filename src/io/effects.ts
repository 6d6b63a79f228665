/**
 * The adapters that start processes, open sockets or measure the machine (execa and the network stack come
 * with them). They are loaded only when a step runs or the machine is checked; the build puts them in a
 * file of their own (dist/effects.cjs), so commands that only read and plan never read their code. What
 * crosses into them must not depend on identity (instanceof, module state): plain data, and secrets, which
 * are recognised by a registered symbol.
 */
export { createExec } from './executors/exec.js';
export { createHttpCheck } from './executors/http-check.js';
export { mkdirs } from './executors/mkdir.js';
export { createMachine } from './machine.js';
export { identifyDevice, listDevices } from './devices.js';
export { s3RoundTrip } from './executors/s3-round-trip.js';
export { checkTlsCertificate } from './executors/tls-certificate.js';
export { addTableLine, luksUuid, tableLinePresent } from './executors/system-tables.js';

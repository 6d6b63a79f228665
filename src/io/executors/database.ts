/**
 * The executors that need database clients (mysql2, node-redis: over a megabyte of code together). They
 * are loaded only when a step of their kind runs; the build puts them in a file of their own.
 */
export { mysqlProvision } from './mysql-provision.js';
export { redisPing } from './redis-ping.js';

/** The shared step kinds: a stack lists the ones its steps use in its own registry. */
export { execKind, exec, type ExecRun } from './exec.js';
export { mkdirKind, mkdir, type FolderSpec, type MkdirRun } from './mkdir.js';
export { httpKind, http, type HttpCheck, type HttpRun } from './http.js';
export { pathExistsKind, pathExists, type PathExistsRun } from './path-exists.js';
export { mysqlProvisionKind, mysqlProvision, type MysqlProvision, type MysqlProvisionRun, type SqlPrivilege } from './mysql-provision.js';
export { s3RoundTripKind, s3RoundTrip, s3CreateBucket, s3BucketExists, type S3Target, type S3RoundTripRun } from './s3.js';
export { tlsCertificateKind, tlsCertificate, type TlsCertificateRun } from './tls-certificate.js';
export { redisPingKind, redisPing, type RedisPing, type RedisPingRun } from './redis-ping.js';
export { blockDeviceGuardKind, blockDeviceGuard, type BlockDeviceGuardRun } from './block-device.js';
export { certbotWebrootSteps, type CertbotWebroot } from './certbot-webroot.js';
export { crypttabEntryKind, crypttabEntry, fstabEntryKind, fstabEntry, type CrypttabEntryRun, type FstabEntryRun } from './system-tables.js';

import { UsageError } from '../core/errors.js';

/** Parses --connect-to HOST:PORT (the health checks connect there instead of where DNS points). */
export function parseConnectTo(value: string | undefined): { host: string; port: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : 0;
  if (!m || port < 1 || port > 65535) throw new UsageError(`--connect-to ${value}: expected HOST:PORT, e.g. 127.0.0.1:443.`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

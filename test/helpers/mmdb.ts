/**
 * A small MaxMind DB (MMDB v2) writer, for tests only: databases of upstream's shape (a City or a Country
 * database) with a network or two, so the GeoIP checks run on real files without shipping MaxMind's data.
 * Written from the format's specification (maxmind.github.io/MaxMind-DB): a binary search tree over the
 * address bits, 16 zero bytes, the data section, then "\xAB\xCD\xEFMaxMind.com" and the metadata map, all
 * values in the format's own encoding. Its output is read back with mmdb-lib (test/unit/stacks/ichnaea/
 * mmdb-writer.test.ts) and with Debian's mmdblookup, i.e. libmaxminddb, the library Ichnaea's image uses
 * (test/integration/stacks/ichnaea/mmdb-writer.test.ts).
 */

/** A value with the format's type said explicitly (the metadata's types are fixed by the format). */
export interface Typed {
  readonly mmdbType: 'uint16' | 'uint32' | 'uint64' | 'int32' | 'double' | 'float';
  readonly value: number | bigint;
}
export type MmdbValue = string | number | bigint | boolean | Uint8Array | Typed | readonly MmdbValue[] | { readonly [key: string]: MmdbValue };

export const uint16 = (value: number): Typed => ({ mmdbType: 'uint16', value });
export const uint32 = (value: number): Typed => ({ mmdbType: 'uint32', value });
export const uint64 = (value: number | bigint): Typed => ({ mmdbType: 'uint64', value: BigInt(value) });
export const double = (value: number): Typed => ({ mmdbType: 'double', value });

const TYPE = { pointer: 1, utf8: 2, double: 3, bytes: 4, uint16: 5, uint32: 6, map: 7, int32: 8, uint64: 9, uint128: 10, array: 11, boolean: 14, float: 15 } as const;

/** The metadata marker that ends the data section. */
export const METADATA_MARKER = Buffer.concat([Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com', 'ascii')]);

/** A control byte (and the extended type byte and size bytes it needs) for a value of `type` and `size`. */
function header(type: number, size: number): Buffer {
  let sizeBits: number;
  let sizeBytes: Buffer;
  if (size < 29) [sizeBits, sizeBytes] = [size, Buffer.alloc(0)];
  else if (size < 29 + 256) [sizeBits, sizeBytes] = [29, Buffer.from([size - 29])];
  else if (size < 285 + 65536) [sizeBits, sizeBytes] = [30, bigEndian(size - 285, 2)];
  else [sizeBits, sizeBytes] = [31, bigEndian(size - 65821, 3)];
  // Types above 7 are "extended": type bits 0, then a byte holding the type minus 7, then the size bytes.
  const lead = type <= 7 ? Buffer.from([(type << 5) | sizeBits]) : Buffer.from([sizeBits, type - 7]);
  return Buffer.concat([lead, sizeBytes]);
}

function bigEndian(value: number | bigint, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let v = BigInt(value);
  for (let i = bytes - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** An unsigned integer in as few bytes as it needs (the format's rule; zero takes none). */
function unsigned(type: number, value: number | bigint, maxBytes: number): Buffer {
  const v = BigInt(value);
  if (v < 0n) throw new Error(`negative value ${value} for an unsigned type`);
  let length = 0;
  for (let x = v; x > 0n; x >>= 8n) length++;
  if (length > maxBytes) throw new Error(`${value} does not fit in ${maxBytes} bytes`);
  return Buffer.concat([header(type, length), bigEndian(v, length)]);
}

function encodeTyped(t: Typed): Buffer {
  switch (t.mmdbType) {
    case 'uint16':
      return unsigned(TYPE.uint16, t.value, 2);
    case 'uint32':
      return unsigned(TYPE.uint32, t.value, 4);
    case 'uint64':
      return unsigned(TYPE.uint64, t.value, 8);
    case 'int32': {
      const b = Buffer.alloc(4);
      b.writeInt32BE(Number(t.value));
      return Buffer.concat([header(TYPE.int32, 4), b]);
    }
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(Number(t.value));
      return Buffer.concat([header(TYPE.double, 8), b]);
    }
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatBE(Number(t.value));
      return Buffer.concat([header(TYPE.float, 4), b]);
    }
  }
}

const isTyped = (v: unknown): v is Typed => typeof v === 'object' && v !== null && 'mmdbType' in v;

/** One value in the data section's encoding. Plain numbers: whole ones uint32 (int32 if negative), others double. */
export function encodeValue(value: MmdbValue): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([header(TYPE.utf8, bytes.length), bytes]);
  }
  if (typeof value === 'boolean') return header(TYPE.boolean, value ? 1 : 0);
  if (typeof value === 'bigint') return encodeTyped(uint64(value));
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return encodeTyped(double(value));
    return encodeTyped(value < 0 ? { mmdbType: 'int32', value } : uint32(value));
  }
  if (value instanceof Uint8Array) return Buffer.concat([header(TYPE.bytes, value.length), value]);
  if (isTyped(value)) return encodeTyped(value);
  if (Array.isArray(value)) return Buffer.concat([header(TYPE.array, value.length), ...value.map((v: MmdbValue) => encodeValue(v))]);
  const entries = Object.entries(value as Record<string, MmdbValue>);
  return Buffer.concat([header(TYPE.map, entries.length), ...entries.flatMap(([k, v]) => [encodeValue(k), encodeValue(v)])]);
}

/** An IPv4 network's bits, as the tree walks them (most significant first). */
function ipv4Bits(network: string): number[] {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(network);
  if (!match) throw new Error(`not an IPv4 network (a.b.c.d/len): ${network}`);
  const octets = match.slice(1, 5).map(Number);
  const length = Number(match[5]);
  if (octets.some((o) => o > 255) || length < 1 || length > 32) throw new Error(`not an IPv4 network: ${network}`);
  const bits = octets.flatMap((o) => Array.from({ length: 8 }, (_, i) => (o >> (7 - i)) & 1));
  if (bits.slice(length).some((b) => b === 1)) throw new Error(`${network} has host bits set`);
  return bits.slice(0, length);
}

interface TreeNode {
  children: [Child | undefined, Child | undefined];
}
type Child = { readonly node: TreeNode } | { readonly data: number };

/**
 * The search tree with 24-bit records: each node two records (left for a 0 bit, right for a 1 bit), whose
 * value is another node's number, node_count for "no data", or node_count + 16 + the record's offset in
 * the data section. IPv4 networks in an IPv6 tree sit under ::/96, where readers look IPv4 addresses up.
 */
function searchTree(ipVersion: 4 | 6, networks: readonly { bits: number[]; data: number }[]): { bytes: Buffer; nodeCount: number } {
  const root: TreeNode = { children: [undefined, undefined] };
  for (const { bits, data } of networks) {
    const path = ipVersion === 6 ? [...new Array<number>(96).fill(0), ...bits] : bits;
    let node = root;
    path.forEach((bit, i) => {
      const side = bit as 0 | 1;
      const child = node.children[side];
      if (i === path.length - 1) {
        if (child) throw new Error('overlapping networks are not supported by this test writer');
        node.children[side] = { data };
        return;
      }
      if (child && 'data' in child) throw new Error('overlapping networks are not supported by this test writer');
      if (!child) node.children[side] = { node: { children: [undefined, undefined] } };
      node = (node.children[side] as { node: TreeNode }).node;
    });
  }
  // Numbered breadth first: the root is node 0, as readers expect.
  const order: TreeNode[] = [root];
  for (let i = 0; i < order.length; i++) for (const c of order[i]!.children) if (c && 'node' in c) order.push(c.node);
  const number = new Map(order.map((n, i) => [n, i]));
  const nodeCount = order.length;
  const record = (c: Child | undefined): number => (c === undefined ? nodeCount : 'node' in c ? number.get(c.node)! : nodeCount + 16 + c.data);
  const bytes = Buffer.concat(order.map((n) => Buffer.concat([bigEndian(record(n.children[0]), 3), bigEndian(record(n.children[1]), 3)])));
  return { bytes, nodeCount };
}

export interface MmdbSpec {
  readonly ipVersion: 4 | 6;
  readonly databaseType: string;
  /** Seconds since 1970: the build time readers report. */
  readonly buildEpoch: number;
  readonly languages?: readonly string[];
  readonly description?: Readonly<Record<string, string>>;
  /** IPv4 networks ("81.2.69.192/28") and their records. */
  readonly networks: readonly { readonly network: string; readonly data: MmdbValue }[];
  /** Metadata keys to replace, or to leave out (undefined), for damaged files. */
  readonly metadata?: Readonly<Record<string, MmdbValue | undefined>>;
}

/** A whole MMDB v2 file. */
export function writeMmdb(spec: MmdbSpec): Buffer {
  const records: Buffer[] = [];
  let offset = 0;
  const placed = spec.networks.map(({ network, data }) => {
    const encoded = encodeValue(data);
    records.push(encoded);
    offset += encoded.length;
    return { bits: ipv4Bits(network), data: offset - encoded.length };
  });
  const tree = searchTree(spec.ipVersion, placed);
  if (tree.nodeCount + 16 + offset >= 2 ** 24) throw new Error('too large for 24-bit records');
  const metadata: Record<string, MmdbValue | undefined> = {
    binary_format_major_version: uint16(2),
    binary_format_minor_version: uint16(0),
    build_epoch: uint64(spec.buildEpoch),
    database_type: spec.databaseType,
    description: spec.description ?? { en: `${spec.databaseType} written by fieldstation's tests` },
    ip_version: uint16(spec.ipVersion),
    languages: spec.languages ?? ['en'],
    node_count: uint32(tree.nodeCount),
    record_size: uint16(24),
    ...spec.metadata,
  };
  const kept = Object.fromEntries(Object.entries(metadata).filter((e): e is [string, MmdbValue] => e[1] !== undefined));
  return Buffer.concat([tree.bytes, Buffer.alloc(16), ...records, METADATA_MARKER, encodeValue(kept)]);
}

const names = (en: string): Record<string, string> => ({ en, de: en, fr: en });

/** A City record of upstream's shape for 81.2.69.192/28, the address of Ichnaea's documented smoke test. */
export const LONDON_RECORD = {
  city: { geoname_id: uint32(2643743), names: names('London') },
  continent: { code: 'EU', geoname_id: uint32(6255148), names: names('Europe') },
  country: { geoname_id: uint32(2635167), iso_code: 'GB', names: names('United Kingdom') },
  location: { accuracy_radius: uint16(10), latitude: double(51.5142), longitude: double(-0.0931), time_zone: 'Europe/London' },
  registered_country: { geoname_id: uint32(6252001), iso_code: 'US', names: names('United States') },
  subdivisions: [{ geoname_id: uint32(6269131), iso_code: 'ENG', names: names('England') }],
} as const satisfies MmdbValue;

export const LONDON_NETWORK = '81.2.69.192/28';

/** A City database (GeoLite2-City unless told otherwise) holding London's network. */
export function cityDatabase(options: { buildEpoch: number; ipVersion?: 4 | 6; databaseType?: string; metadata?: MmdbSpec['metadata'] }): Buffer {
  return writeMmdb({
    ipVersion: options.ipVersion ?? 6,
    databaseType: options.databaseType ?? 'GeoLite2-City',
    buildEpoch: options.buildEpoch,
    languages: ['de', 'en', 'fr'],
    description: { en: 'GeoLite2 City database (fieldstation test data)' },
    networks: [{ network: LONDON_NETWORK, data: LONDON_RECORD }],
    ...(options.metadata ? { metadata: options.metadata } : {}),
  });
}

/** A Country database: the one people download by mistake, which Ichnaea refuses. */
export function countryDatabase(options: { buildEpoch: number; ipVersion?: 4 | 6 }): Buffer {
  const { city: _city, location: _location, subdivisions: _subdivisions, ...country } = LONDON_RECORD;
  return writeMmdb({
    ipVersion: options.ipVersion ?? 6,
    databaseType: 'GeoLite2-Country',
    buildEpoch: options.buildEpoch,
    languages: ['de', 'en', 'fr'],
    description: { en: 'GeoLite2 Country database (fieldstation test data)' },
    networks: [{ network: LONDON_NETWORK, data: country }],
  });
}

/** Seconds since 1970 of `now` minus `days` days: a build `days` old. */
export const epochDaysBefore = (now: Date, days: number): number => Math.floor(now.getTime() / 1000) - days * 86400;

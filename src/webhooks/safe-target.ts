/**
 * SSRF rules for webhook targets (CONTRACT §4). Two checkpoints use them:
 * - `validateWebhookUrl` when a URL is saved: shape rules plus the host as written (no DNS here:
 *   a name's answer can change at any time, so checking it now would prove nothing);
 * - `forbiddenAddressReason` at every connection, against the address actually dialled
 *   (see http-client.ts), which is what makes DNS rebinding useless.
 */

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type UrlValidation = { ok: true } | { ok: false; message: string };

export interface UrlRules {
  /** Development and tests only: allows http:// and loopback/private/internal hosts. */
  allowInsecure: boolean;
}

export function validateWebhookUrl(url: string, { allowInsecure }: UrlRules): UrlValidation {
  if (typeof url !== 'string' || url.length === 0) return fail('must be a non-empty string');
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return fail(`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters long`);
  // The URL parser would silently strip or encode these; the stored string must be what is dialled.
  if (/[\s\p{Cc}]/u.test(url)) return fail('must not contain spaces or control characters (percent-encode them)');

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('must be an absolute URL such as https://example.com/webhooks');
  }
  const schemeOk = parsed.protocol === 'https:' || (allowInsecure && parsed.protocol === 'http:');
  if (!schemeOk) return fail(allowInsecure ? 'must use http:// or https://' : 'must use https://');
  // Credentials in a URL leak into logs and delivery history; receivers verify signatures instead.
  if (parsed.username !== '' || parsed.password !== '') return fail('must not contain a user name or password');
  if (allowInsecure) return { ok: true };

  const reason = forbiddenHostReason(parsed.hostname);
  return reason === null ? { ok: true } : fail(`host ${parsed.hostname} is not allowed: ${reason}; webhooks must target a public internet host`);
}

/**
 * Why a URL host (as normalised by the WHATWG URL parser: IPv4 in any notation becomes dotted
 * decimal, IPv6 is bracketed and compressed, names are lower-case punycode) is not a
 * deliverable public target, or null when it is acceptable.
 */
export function forbiddenHostReason(hostname: string): string | null {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return forbiddenAddressReason(hostname.slice(1, -1));
  if (parseIPv4(hostname) !== null) return forbiddenAddressReason(hostname);
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name === '') return 'the host is empty';
  if (name === 'localhost' || name.endsWith('.localhost')) return 'localhost names always point to the loopback interface';
  const internalSuffix = INTERNAL_NAME_SUFFIXES.find((suffix) => name.endsWith(suffix));
  if (internalSuffix) return `names ending in ${internalSuffix} only resolve inside private networks`;
  // Single-label names ("metadata", "intranet") are completed with the resolver's search domains.
  if (!name.includes('.')) return 'it is not a fully qualified domain name';
  return null;
}

const INTERNAL_NAME_SUFFIXES = ['.internal', '.local', '.localdomain', '.home.arpa', '.intranet', '.corp', '.lan'];

/**
 * Why connecting to this IP address is forbidden, or null when it is a public unicast address.
 * Anything that is not a plain IPv4 dotted quad or IPv6 text is refused: fail closed.
 */
export function forbiddenAddressReason(ip: string): string | null {
  const v4 = parseIPv4(ip);
  if (v4 !== null) return forbiddenIPv4Reason(v4);
  const v6 = parseIPv6(ip);
  if (v6 !== null) return forbiddenIPv6Reason(v6);
  return `${JSON.stringify(ip)} is not an IP address`;
}

// ---------------------------------------------------------------------------------------------
// IPv4

interface Rule4 { base: number; mask: number; reason: string }

function rule4(cidr: string, reason: string): Rule4 {
  const [address, bits] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return { base: (parseIPv4(address)! & mask) >>> 0, mask, reason: `${reason} (${cidr})` };
}

/** First match wins, so the specific entries (metadata endpoints) come before their ranges. */
const IPV4_RULES: readonly Rule4[] = [
  rule4('169.254.169.254/32', 'cloud metadata endpoint'),
  rule4('100.100.100.200/32', 'cloud metadata endpoint'),
  rule4('168.63.129.16/32', 'cloud platform endpoint'),
  rule4('255.255.255.255/32', 'broadcast address'),
  rule4('0.0.0.0/8', 'unspecified ("this network") address'),
  rule4('10.0.0.0/8', 'private address'),
  rule4('100.64.0.0/10', 'carrier-grade NAT (shared) address'),
  rule4('127.0.0.0/8', 'loopback address'),
  rule4('169.254.0.0/16', 'link-local address'),
  rule4('172.16.0.0/12', 'private address'),
  rule4('192.0.0.0/24', 'IETF protocol assignment'),
  rule4('192.0.2.0/24', 'documentation address'),
  rule4('192.88.99.0/24', 'reserved 6to4 relay address'),
  rule4('192.168.0.0/16', 'private address'),
  rule4('198.18.0.0/15', 'benchmarking address'),
  rule4('198.51.100.0/24', 'documentation address'),
  rule4('203.0.113.0/24', 'documentation address'),
  rule4('224.0.0.0/4', 'multicast address'),
  rule4('240.0.0.0/4', 'reserved address'),
];

function forbiddenIPv4Reason(ip: number): string | null {
  for (const rule of IPV4_RULES) {
    if (((ip & rule.mask) >>> 0) === rule.base) return rule.reason;
  }
  return null;
}

/**
 * Strict dotted-quad parser (what DNS answers and the URL parser produce). Leading zeros are
 * rejected because "010" means 8 to some parsers and 10 to others.
 */
function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

function formatIPv4(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

// ---------------------------------------------------------------------------------------------
// IPv6

type Groups = readonly number[]; // eight 16-bit groups

interface Rule6 { prefix: Groups; bits: number; reason: string | ((ip: Groups) => string | null) }

function rule6(cidr: string, reason: Rule6['reason']): Rule6 {
  const [address, bits] = cidr.split('/');
  const label = typeof reason === 'string' ? `${reason} (${cidr})` : reason;
  return { prefix: parseIPv6(address)!, bits: Number(bits), reason: label };
}

const embeddedV4 = (kind: string, at: number) => (ip: Groups): string | null => {
  const v4 = ((ip[at] << 16) | ip[at + 1]) >>> 0;
  const reason = forbiddenIPv4Reason(v4);
  return reason === null ? null : `${kind} embedding ${formatIPv4(v4)}, a ${reason}`;
};

const IPV6_RULES: readonly Rule6[] = [
  rule6('::/128', 'unspecified address'),
  rule6('::1/128', 'loopback address'),
  rule6('::ffff:0:0/96', embeddedV4('IPv4-mapped address', 6)),
  rule6('64:ff9b::/96', embeddedV4('NAT64 address', 6)),
  rule6('2002::/16', embeddedV4('6to4 address', 1)),
  rule6('fd00:ec2::254/128', 'cloud metadata endpoint'),
  rule6('::/96', 'deprecated IPv4-compatible address'),
  rule6('64:ff9b:1::/48', 'local-use NAT64 address'),
  rule6('100::/64', 'discard-only address'),
  rule6('2001::/32', 'Teredo tunnelling address'),
  rule6('2001:db8::/32', 'documentation address'),
  rule6('2001::/23', 'IETF protocol assignment'),
  rule6('3fff::/20', 'documentation address'),
  rule6('fc00::/7', 'unique local (private) address'),
  rule6('fe80::/10', 'link-local address'),
  rule6('fec0::/10', 'deprecated site-local address'),
  rule6('ff00::/8', 'multicast address'),
];

const GLOBAL_UNICAST = parseIPv6('2000::')!;

function forbiddenIPv6Reason(ip: Groups): string | null {
  for (const rule of IPV6_RULES) {
    if (!inPrefix(ip, rule.prefix, rule.bits)) continue;
    // An embedding rule decides alone: a mapped/NAT64/6to4 form of a public IPv4 is public.
    return typeof rule.reason === 'string' ? rule.reason : rule.reason(ip);
  }
  return inPrefix(ip, GLOBAL_UNICAST, 3) ? null : 'reserved address outside global unicast (2000::/3)';
}

function inPrefix(ip: Groups, prefix: Groups, bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = (0xffff << (16 - Math.min(16, bits))) & 0xffff;
    if ((ip[i] & mask) !== (prefix[i] & mask)) return false;
  }
  return true;
}

/** Parses IPv6 text (optionally bracketed, with a zone id or a dotted IPv4 tail) into 8 groups. */
function parseIPv6(text: string): Groups | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  // Only the address's last group may be written as a dotted IPv4 tail.
  const head = parseGroupList(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroupList(halves[1], true) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  if (head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function parseGroupList(text: string, mayEndWithIPv4: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (mayEndWithIPv4 && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (v4 === null) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

function fail(message: string): UrlValidation {
  return { ok: false, message };
}

import { isIPv6 } from 'node:net';
import { around, findAll, type PiiMatch } from './pii-match.js';

export interface IpOptions {
  /** Keep private, loopback, link-local and unique-local addresses (no one's public address), as datatrove's only_remove_public_ips. */
  keep_private: boolean;
  /** Keep documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), the usual examples. */
  keep_documentation: boolean;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
// hex groups and colons; the candidates are then parsed
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3})(?![\w:])/g;
// a dotted quad in these surroundings is a version (`v1.2.3.4`, `==1.2.3.4`, `pkg-1.2.3.4`, `1.2.3.4-rc1`)
const VERSION_BEFORE = /(?:\bv|\bversion\s*|[=<>~^@_-]|\bpython\s*|\brelease\s*)$/i;
const VERSION_AFTER = /^(?:-\w|\+\w|\.[a-z])/i;
const VERSION_LINE = /\b(?:version|release|build|firmware|section|chapter|clause|rfc|§)|__version__|\bver\b/i;

/** IPv4 addresses outside the kept ranges, leaving out version and section numbers. */
export function findIpv4(text: string, options: IpOptions): PiiMatch[] {
  return findAll(text, IPV4, (m, t) => {
    const octets = m[0].split('.').map(Number);
    // 1.2.3.4 or 8.2.4.44 (the first three parts one digit) is a version or a section number far
    // more often than a host (and the few such hosts, 8.8.4.4 and the like, are public resolvers)
    if (octets.slice(0, 3).every((o) => o < 10)) return false;
    const { before, after } = around(t, m, 12);
    if (VERSION_BEFORE.test(before) || VERSION_AFTER.test(after)) return false;
    // the line says what the number is: `__version__ = "5.6.25.2"`, "section 4.10.5.91", "Release 10.2.3.40"
    const lineStart = t.lastIndexOf('\n', m.index!) + 1;
    if (VERSION_LINE.test(t.slice(lineStart, m.index!))) return false;
    return !keptIpv4(octets, options);
  });
}

function keptIpv4([a, b, c]: number[], options: IpOptions): boolean {
  // never anyone's: this-network, multicast, reserved, broadcast
  if (a === 0 || a! >= 224) return true;
  if (
    options.keep_private &&
    (a === 10 ||
      a === 127 ||
      (a === 172 && b! >= 16 && b! <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b! >= 64 && b! <= 127))
  ) {
    return true;
  }
  if (
    options.keep_documentation &&
    ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113))
  )
    return true;
  return false;
}

/** IPv6 addresses outside the kept ranges (validated by node:net; `a[::2]`-like slices and times are not addresses). */
export function findIpv6(text: string, options: IpOptions): PiiMatch[] {
  if (!text.includes(':')) return [];
  return findAll(text, IPV6, (m) => {
    const candidate = m[0];
    if (!isIPv6(candidate)) return false;
    // at least three groups written out: "::1" or "a::b" in code are too short to tell
    if (candidate.split(':').filter((g) => g !== '').length < 3) return false;
    return !keptIpv6(candidate.toLowerCase(), options);
  });
}

function keptIpv6(address: string, options: IpOptions): boolean {
  const first = parseInt(address.startsWith(':') ? '0' : address.split(':')[0]!, 16);
  if (first >= 0xff00) return true; // multicast
  if (options.keep_private && ((first >= 0xfc00 && first <= 0xfdff) || (first >= 0xfe80 && first <= 0xfebf) || address === '::1')) return true;
  if (options.keep_documentation && /^2001:0?db8(:|$)/.test(address)) return true;
  return false;
}

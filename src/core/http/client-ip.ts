import { isIP } from 'node:net';

/**
 * Which proxies to believe about the client address: `false` (none, the default), `true`
 * (all: the client is the left-most X-Forwarded-For entry), or a number of proxy hops.
 *
 * @example
 * const trustProxy: TrustProxy = 1; // one load balancer in front of the app
 */
export type TrustProxy = boolean | number;

/**
 * The client's IP address, or null when no valid one is known.
 *
 * - `false`: the socket's address only; X-Forwarded-For is ignored, since any client can send it.
 * - `true`: the left-most valid address in X-Forwarded-For (everyone in the chain is trusted),
 *   else the socket's address.
 * - a number `n`: `n` proxies in front of the app are trusted. Number the addresses from the
 *   right, the socket being hop 0 and the last X-Forwarded-For entry hop 1; the client is hop
 *   `n`. When the chain is shorter, its left-most address is used. `0` means the socket, like
 *   `false`; this is Express's `trust proxy` hop count.
 *
 * Invalid entries are dropped before counting; IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`)
 * become plain IPv4; ports and IPv6 brackets are removed. Repeated headers (a list) are read
 * in order.
 *
 * @example
 * clientIp('10.0.0.2', '203.0.113.7, 10.0.0.1', false); // '10.0.0.2'
 * clientIp('10.0.0.2', '203.0.113.7, 10.0.0.1', true); // '203.0.113.7'
 * clientIp('10.0.0.2', '198.51.100.9, 203.0.113.7, 10.0.0.1', 2); // '203.0.113.7'
 */
export function clientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: TrustProxy,
): string | null {
  const socket = socketIp(remoteAddress);
  const hops = trustProxy === true ? Number.POSITIVE_INFINITY : Math.floor(Number(trustProxy));
  if (!(hops >= 1)) return socket;
  // Nearest proxy first: forwarded[0] is hop 1, the last entry of X-Forwarded-For.
  const forwarded = forwardedAddresses(forwardedFor).reverse();
  if (forwarded.length === 0) return socket;
  return forwarded[Math.min(hops, forwarded.length) - 1] ?? socket;
}

// Keep-alive connections send many requests from one address: normalise it once per change.
let lastSocketAddress: string | undefined;
let lastSocketIp: string | null = null;

function socketIp(remoteAddress: string | undefined): string | null {
  if (remoteAddress !== lastSocketAddress) {
    lastSocketIp = normaliseIp(remoteAddress);
    lastSocketAddress = remoteAddress;
  }
  return lastSocketIp;
}

function forwardedAddresses(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const joined = Array.isArray(header) ? header.join(',') : header;
  return joined
    .split(',')
    .map(normaliseIp)
    .filter((address): address is string => address !== null);
}

/**
 * A bare, valid IP address from a socket address or a forwarded entry, or null.
 *
 * @example
 * normaliseIp('::ffff:192.0.2.1'); // '192.0.2.1'
 * normaliseIp('[2001:db8::1]:443'); // '2001:db8::1'
 * normaliseIp('192.0.2.1:8080'); // '192.0.2.1'
 * normaliseIp('unknown'); // null
 */
export function normaliseIp(raw: string | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1] !== undefined) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1] !== undefined) address = mapped[1];
  return isIP(address) === 0 ? null : address;
}

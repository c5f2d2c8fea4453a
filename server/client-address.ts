/**
 * Who is asking, behind however many proxies the operator vouches for.
 *
 * `X-Forwarded-For` is a list each proxy appends to; everything left of the
 * entries our own proxies wrote is whatever the client typed. So the client is
 * the right-most address that is not one of our proxies, and the forwarded
 * scheme and host count only when the connection itself comes from one of them.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** No proxy, `hops` proxies in front, or proxies known by address. */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList; text: string };

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
export const plainAddress = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/**
 * `KABAR_TRUST_PROXY`: empty/`off` trusts nothing; `on` is one hop (one proxy
 * on its own address in front); a number is that many hops; otherwise a comma
 * list of proxy addresses and CIDR ranges (`10.0.0.0/8, ::1`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (!text || /^(off|false|no|0)$/i.test(text)) return { kind: 'none' };
  if (/^(on|true|yes)$/i.test(text)) return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Math.min(Number(text), 32) };
  const list = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(plainAddress(address));
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || extra !== undefined || !/^\d+$/.test(prefix ?? '0') || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`KABAR_TRUST_PROXY: "${entry}" is not an address or CIDR range; use off, on, a number of hops or a list such as 10.0.0.0/8,::1`);
    }
    list.addSubnet(plainAddress(address), bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { kind: 'list', list, text };
}

export function isTrustedProxy(trust: TrustProxy, address: string): boolean {
  if (trust.kind !== 'list') return false;
  const plain = plainAddress(address);
  const family = isIP(plain);
  return family !== 0 && trust.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address from the socket's peer and the `X-Forwarded-For` header.
 * `peer` is `undefined` for in-process requests (tests), which have no socket.
 */
export function clientAddress(trust: TrustProxy, peer: string | undefined, forwardedFor: string | undefined): string {
  const socket = peer ? plainAddress(peer) : 'local';
  if (trust.kind === 'none' || !forwardedFor) return socket;
  const chain = [...forwardedFor.split(',').map((a) => plainAddress(a.trim())).filter(Boolean), socket];
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)];
  for (let i = chain.length - 1; i > 0; i--) if (!isTrustedProxy(trust, chain[i])) return chain[i];
  return chain[0];
}

/** Whether the connection itself comes from a proxy we trust (so its forwarded headers count). */
export function peerIsTrusted(trust: TrustProxy, peer: string | undefined): boolean {
  if (trust.kind === 'hops') return trust.hops > 0;
  return peer !== undefined && isTrustedProxy(trust, peer);
}

/** The socket's peer address, or `undefined` in process. */
export function peerOf(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * The key an address is counted under by limits: an IPv4 address as it is, an IPv6 address by
 * its /64, the block one host or one home line is given, so a host cannot take a fresh address
 * for each request.
 */
export function addressKey(address: string): string {
  const plain = plainAddress(address).replace(/%.*$/, '');
  if (isIP(plain) !== 6) return plain;
  const words = (part: string): string[] =>
    part
      ? part.split(':').flatMap((word) => {
          if (!word.includes('.')) return [word];
          const [a, b, c, d] = word.split('.').map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        })
      : [];
  const [head, tail] = plain.split('::');
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  const all = tail === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return `${all
    .slice(0, 4)
    .map((word) => parseInt(word, 16).toString(16))
    .join(':')}::/64`;
}

/** The client of a request, as rate limits should key it (an IPv6 client by its /64). */
export const clientOf = (trust: TrustProxy, c: Context): string => addressKey(clientAddress(trust, peerOf(c), c.req.header('X-Forwarded-For')));

const lastOf = (header: string | undefined): string | undefined => header?.split(',').at(-1)?.trim() || undefined;

/**
 * The origin absolute URLs start with: the configured public URL; else, from a
 * trusted proxy, its `X-Forwarded-Proto`/`X-Forwarded-Host`; else the address the
 * client connected to. Never a `Host` header a client chose.
 */
export function requestOrigin(c: Context, options: { publicUrl?: string; trust: TrustProxy }): string {
  if (options.publicUrl) return options.publicUrl;
  if (peerIsTrusted(options.trust, peerOf(c))) {
    const proto = lastOf(c.req.header('X-Forwarded-Proto'));
    const host = lastOf(c.req.header('X-Forwarded-Host')) ?? c.req.header('Host');
    if (proto && /^https?$/i.test(proto) && host && /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host)) {
      return `${proto.toLowerCase()}://${host.toLowerCase()}`;
    }
  }
  return socketOrigin(c) ?? new URL(c.req.url).origin;
}

/** The address and port the client connected to (undefined in process, where the URL is the test's own). */
function socketOrigin(c: Context): string | undefined {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  if (!socket?.localAddress || !socket.localPort) return undefined;
  const address = plainAddress(socket.localAddress);
  return `http://${isIP(address) === 6 ? `[${address}]` : address}:${socket.localPort}`;
}

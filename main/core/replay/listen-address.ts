// The address a replay server listens on, as users write it and as a URL: loopback hosts (the
// default, reachable from this computer only) and hosts that open it to the network.

import { isIP } from 'node:net';

export const DEFAULT_REPLAY_HOST = '127.0.0.1';

/** Whether only this computer can reach a server bound to `host`. */
export function isLoopbackHost(host: string): boolean {
  const bare = unbracket(host).toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^(0+:){7}0*1$/.test(bare) || /^::ffff:127\./.test(bare);
  return false;
}

/** The host as it is given to listen(): IPv6 without brackets. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** "host:port", with an IPv6 host in brackets. */
export function hostAndPort(host: string, port: number): string {
  const bare = unbracket(host);
  return `${isIP(bare) === 6 ? `[${bare}]` : bare}:${port}`;
}

/** The URL of `path` on a server at host:port. */
export function serverUrl(host: string, port: number, path: string): string {
  return `http://${hostAndPort(host, port)}${path}`;
}

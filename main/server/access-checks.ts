// Who may talk to the browser-mode server: the access token (random, in the printed URL), and the
// Host and Origin headers. The Host check defeats DNS rebinding (a page on evil.example whose name
// now resolves to 127.0.0.1 still sends "Host: evil.example"); the Origin check stops any other
// site's page from opening the WebSocket; the token stops other local users and programs.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time. Both sides are hashed first, so the buffers are always the same
 * length and the comparison does not reveal the token's length either. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** The host names the server answers to; it listens on 127.0.0.1 only. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const;

/** The Host header values allowed for a server on this port. */
export function allowedHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

/** The origins of the pages this server serves (only those may open the WebSocket). */
export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** null when the Host header names this server, else the reason to refuse. */
export function hostProblem(host: string | undefined, port: number): string | null {
  if (host !== undefined && allowedHosts(port).includes(host.toLowerCase())) return null;
  return (
    `SSE Scope browser mode only answers requests addressed to ${allowedHosts(port).join(' or ')} ` +
    `(this request was for ${host === undefined ? 'no host' : JSON.stringify(host.slice(0, 200))}).`
  );
}

/** null when the Origin header is this server's own page, else the reason to refuse. */
export function originProblem(origin: string | undefined, port: number): string | null {
  if (origin !== undefined && allowedOrigins(port).includes(origin.toLowerCase())) return null;
  return (
    `Only the SSE Scope page itself (${allowedOrigins(port).join(' or ')}) may connect ` +
    `(this connection came from ${origin === undefined ? 'no origin' : JSON.stringify(origin.slice(0, 200))}).`
  );
}

export const TOKEN_PROBLEM = 'A valid access token is required: open the URL that `npm run serve` printed, token included.';

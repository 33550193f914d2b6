// The app's own protocol, app://renderer/, which serves the built renderer instead of file://.
// Checklist 18: https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
// A page loaded from file:// may read any file the user can, and every file: page shares one
// opaque origin; app:// serves only the files inside the renderer build folder (renderer-files.ts
// refuses `..` however it is spelled, symlinks out, folders and missing files alike), gives the
// page an origin of its own, and sends the page's Content-Security-Policy as a header too.
// Install with registerAppScheme() before the app is ready and handleAppProtocol() after.

import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { findStaticFile, openRendererFolder } from '../core/renderer-files.ts';

export const APP_SCHEME = 'app';
/** The one host app:// serves; any other is refused. */
export const APP_HOST = 'renderer';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * standard: relative URLs resolve and the page has an origin (app://renderer); secure: it is a
 * secure context, as https would be; supportFetchAPI: the page's module scripts load through
 * fetch. No bypassCSP: the page's policy applies to everything app:// serves.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const satisfies CustomScheme;

/**
 * The handler for protocol.handle: a GET or HEAD of a file inside `rendererDir` gets it, with its
 * content type and the page's policy; anything else gets a 404 (a 405 for another method) that
 * says nothing about what lies outside.
 */
export async function createAppProtocolHandler(rendererDir: string): Promise<(request: Request) => Promise<Response>> {
  const { root, csp } = await openRendererFolder(rendererDir);
  const headers = (contentType: string) => ({
    'content-type': contentType,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Only GET and HEAD are served here.');
    const url = URL.parse(request.url);
    if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'Not found.');
    const file = await findStaticFile(root, url.pathname);
    if (!file) return refuse(404, 'Not found.');
    const body = request.method === 'HEAD' ? null : await readFile(file.path);
    return new Response(body, { status: 200, headers: headers(file.contentType) });
  };
}

/** Before app.whenReady(): app:// is a standard, secure scheme. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** After app.whenReady(): app:// serves the built renderer folder. */
export async function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): Promise<void> {
  const handler = await createAppProtocolHandler(rendererDir);
  protocol.handle(APP_SCHEME, handler);
}

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

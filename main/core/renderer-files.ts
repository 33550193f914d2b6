// The built renderer's files as the shells serve them (browser mode over HTTP, the desktop app
// over its app:// protocol): a URL path resolved inside the renderer folder and nowhere else (no
// `..`, no encoded tricks, no symlinks out, no folders listed), with the content type its
// extension calls for; and the page's Content-Security-Policy, sent as a header as well.

import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** The policy of renderer/index.html's meta tag, for a build whose page has none. */
export const DEFAULT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The page's policy as an HTTP header, plus what only a header can say (a meta tag ignores it). */
export function headerCsp(pageCsp: string): string {
  return /frame-ancestors/.test(pageCsp) ? pageCsp : `${pageCsp}; frame-ancestors 'none'`;
}

/** The renderer has not been built: there is nothing to serve. */
export class RendererMissingError extends Error {
  override name = 'RendererMissingError';
  constructor(dir: string) {
    super(`The built renderer is missing (no index.html in ${dir}): run \`npm run build\` first.`);
  }
}

/** The built renderer folder (its real path) and its page's policy in header form; throws RendererMissingError. */
export async function openRendererFolder(dir: string): Promise<{ root: string; csp: string }> {
  try {
    const root = await realpath(resolve(dir));
    const indexHtml = await readFile(join(root, 'index.html'), 'utf8');
    return { root, csp: headerCsp(metaCspOf(indexHtml) ?? DEFAULT_CSP) };
  } catch {
    throw new RendererMissingError(resolve(dir));
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
}

/**
 * The file a URL path names inside `root` (an absolute, real path), or null when there is none:
 * missing, a folder, outside the root, or a path that does not decode cleanly. `/` is index.html.
 */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed percent-encoding
  }
  // A NUL or a backslash has no place in our file names; a backslash is a separator on Windows.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const candidate = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  if (!isInside(root, candidate)) return null;
  try {
    // The real path too, so a symlink cannot lead out of the folder.
    const real = await realpath(candidate);
    if (!isInside(root, real)) return null;
    const info = await stat(real);
    if (!info.isFile()) return null;
    return { path: real, size: info.size, contentType: contentTypeOf(real) };
  } catch {
    return null;
  }
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The Content-Security-Policy of an HTML page's <meta http-equiv> tag, or null. */
export function metaCspOf(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value) return value.replace(/\s+/g, ' ').trim();
  }
  return null;
}

// Redaction of secrets (auth headers, cookies, API keys, tokens in URLs) before anything leaves
// the app in an export. Shared by the export writers and by anything else that shows or writes
// request metadata (the app may reuse it for logs and the connection view).

/** What a redacted value is replaced with. */
export const REDACTED = '••••';
const ENCODED_REDACTED = encodeURIComponent(REDACTED);

// Header and query parameter names that always carry credentials.
const SECRET_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'auth', 'pwd', 'sig']);

// Words that make a name a credential ("x-api-key", "access_token", "clientSecret",
// "X-Amz-Signature"), including the usual run-together compounds ("apikey"). Whole words, not
// substrings, keep "x-ratelimit-remaining-tokens" and "keep-alive" visible: they are debugging
// information, not secrets.
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'key',
  'password',
  'passwd',
  'credential',
  'credentials',
  'signature',
  'apikey',
  'accesstoken',
  'refreshtoken',
  'authtoken',
  'sessiontoken',
  'idtoken',
  'clientsecret',
  'privatekey',
  'secretkey',
  'accesskey',
]);

/** True when a header or query parameter with this name should not be exported as is. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_NAMES.has(lower)) return true;
  // Words split on separators and on camelCase humps ("apiKey" -> "api", "key").
  const words = name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/);
  return words.some((word) => SECRET_WORDS.has(word.toLowerCase()));
}

/** A copy of the headers with every secret value replaced by REDACTED. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretName(name) ? REDACTED : value;
  return out;
}

/** True when redactHeaders would change something (lets callers skip a copy). */
export function hasSecretHeader(headers: Readonly<Record<string, string>>): boolean {
  return Object.keys(headers).some(isSecretName);
}

/**
 * The URL with its user info (user:password@) and the values of secret query parameters
 * replaced by REDACTED. The marker is written unencoded so a reader sees it; the result is for
 * reading, not for requesting. A string that is not a URL is returned unchanged.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const userInfo = parsed.username !== '' || parsed.password !== '' ? `${REDACTED}@` : '';
  const authority = parsed.host === '' ? '' : `//${userInfo}${parsed.host}`;
  const redacted = `${parsed.protocol}${authority}${parsed.pathname}${redactQuery(parsed.search)}${parsed.hash}`;
  // A marker already in the URL (a secret variable masked before) comes back percent-encoded.
  return redacted.replaceAll(ENCODED_REDACTED, REDACTED);
}

// Works on the raw query text, so parameters that are not secret keep their exact spelling.
function redactQuery(search: string): string {
  if (search.length <= 1) return search;
  const pairs = search
    .slice(1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      if (eq === -1 || !isSecretName(decodeName(rawName))) return pair;
      return `${rawName}=${REDACTED}`;
    });
  return `?${pairs.join('&')}`;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

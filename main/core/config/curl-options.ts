// The curl options a pasted command may use, and what an import does with each: apply it, skip it
// quietly (it only changes curl's own output or transport details), skip it with a warning (it
// changes the request in a way a saved connection cannot), or refuse the import (following it
// would need a file from the machine the command came from). An option not listed here is skipped
// with a warning; curl's manual: https://curl.se/docs/manpage.html

export type OptionEffect =
  | 'url'
  | 'method'
  | 'header'
  | 'data' // -d: "@file" reads a file
  | 'data-raw' // no "@" rule
  | 'data-urlencode'
  | 'json'
  | 'get'
  | 'user'
  | 'bearer'
  | 'cookie'
  | 'user-agent'
  | 'referer'
  | 'insecure'
  | 'cacert'
  | 'connect-timeout'
  | 'ignore'
  | 'warn'
  | 'refuse';

export interface CurlOption {
  takesValue: boolean;
  effect: OptionEffect;
  /** Why it is skipped or refused (for 'warn' and 'refuse'). */
  note?: string;
}

const applied: [string, string | null, boolean, OptionEffect][] = [
  // long name, short letter, takes a value, effect
  ['url', null, true, 'url'],
  ['request', 'X', true, 'method'],
  ['header', 'H', true, 'header'],
  ['data', 'd', true, 'data'],
  ['data-ascii', null, true, 'data'],
  ['data-binary', null, true, 'data'],
  ['data-raw', null, true, 'data-raw'],
  ['data-urlencode', null, true, 'data-urlencode'],
  ['json', null, true, 'json'],
  ['get', 'G', false, 'get'],
  ['user', 'u', true, 'user'],
  ['oauth2-bearer', null, true, 'bearer'],
  ['cookie', 'b', true, 'cookie'],
  ['user-agent', 'A', true, 'user-agent'],
  ['referer', 'e', true, 'referer'],
  ['insecure', 'k', false, 'insecure'],
  ['cacert', null, true, 'cacert'],
  ['connect-timeout', null, true, 'connect-timeout'],
];

/** Harmless: curl's output, progress, protocol version and redirect handling (we follow redirects). */
const quietFlags: [string, string | null][] = [
  ['silent', 's'],
  ['show-error', 'S'],
  ['verbose', 'v'],
  ['include', 'i'],
  ['location', 'L'],
  ['location-trusted', null],
  ['no-buffer', 'N'],
  ['compressed', null],
  ['fail', 'f'],
  ['fail-with-body', null],
  ['fail-early', null],
  ['progress-bar', '#'],
  ['no-progress-meter', null],
  ['http1.0', '0'],
  ['http1.1', null],
  ['http2', null],
  ['http2-prior-knowledge', null],
  ['http3', null],
  ['ipv4', '4'],
  ['ipv6', '6'],
  ['globoff', 'g'],
  ['disable', 'q'],
  ['path-as-is', null],
  ['tcp-nodelay', null],
  ['tr-encoding', null],
  ['raw', null],
  ['no-keepalive', null],
  ['no-sessionid', null],
  ['basic', null],
  ['junk-session-cookies', 'j'],
  ['remote-time', 'R'],
  ['remote-name', 'O'],
  ['remote-header-name', 'J'],
  ['create-dirs', null],
  ['styled-output', null],
];
const quietWithValue: [string, string | null][] = [
  ['output', 'o'],
  ['write-out', 'w'],
  ['dump-header', 'D'],
  ['cookie-jar', 'c'],
  ['max-redirs', null],
  ['retry', null],
  ['retry-delay', null],
  ['retry-max-time', null],
  ['limit-rate', null],
  ['trace', null],
  ['trace-ascii', null],
  ['stderr', null],
  ['speed-limit', 'Y'],
  ['speed-time', 'y'],
  ['keepalive-time', null],
  ['expect100-timeout', null],
  ['dns-servers', null],
  ['resolve', null],
  ['connect-to', null],
  ['interface', null],
];

const noted: [string, string | null, boolean, 'warn' | 'refuse', string][] = [
  ['max-time', 'm', true, 'warn', 'a stream has no total time limit here (the connection has an idle timeout instead)'],
  ['proxy', 'x', true, 'warn', 'a proxy cannot be set per connection'],
  ['proxy-user', 'U', true, 'warn', 'a proxy cannot be set per connection'],
  ['cert', 'E', true, 'warn', 'client certificates are not supported'],
  ['key', null, true, 'warn', 'client certificates are not supported'],
  ['cert-type', null, true, 'warn', 'client certificates are not supported'],
  ['key-type', null, true, 'warn', 'client certificates are not supported'],
  ['pass', null, true, 'warn', 'client certificates are not supported'],
  ['capath', null, true, 'warn', 'a CA directory is not supported (a CA file is)'],
  ['url-query', null, true, 'warn', 'add the parameters to the URL instead'],
  ['digest', null, false, 'warn', 'only Basic and header authentication are imported'],
  ['ntlm', null, false, 'warn', 'only Basic and header authentication are imported'],
  ['negotiate', null, false, 'warn', 'only Basic and header authentication are imported'],
  ['anyauth', null, false, 'warn', 'only Basic and header authentication are imported'],
  ['netrc', 'n', false, 'warn', 'it reads credentials from ~/.netrc, which an import cannot follow'],
  ['head', 'I', false, 'warn', 'a HEAD request has no body, so no event stream; the method was left as it is'],
  ['form', 'F', true, 'refuse', 'sends multipart form data, which a saved connection cannot send'],
  ['form-string', null, true, 'refuse', 'sends multipart form data, which a saved connection cannot send'],
  ['upload-file', 'T', true, 'refuse', 'uploads a file, which an import cannot follow'],
  ['config', 'K', true, 'refuse', 'reads options from a file, which an import cannot follow'],
];

export const LONG_OPTIONS = new Map<string, CurlOption>();
export const SHORT_OPTIONS = new Map<string, string>();

function add(long: string, short: string | null, option: CurlOption): void {
  LONG_OPTIONS.set(long, option);
  if (short) SHORT_OPTIONS.set(short, long);
}
for (const [long, short, takesValue, effect] of applied) add(long, short, { takesValue, effect });
for (const [long, short] of quietFlags) add(long, short, { takesValue: false, effect: 'ignore' });
for (const [long, short] of quietWithValue) add(long, short, { takesValue: true, effect: 'ignore' });
for (const [long, short, takesValue, effect, note] of noted) add(long, short, { takesValue, effect, note });

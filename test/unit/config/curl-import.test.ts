// curl command lines as browsers copy them and as people write them, turned into connections;
// and the commands that cannot be imported, each with a message naming what was wrong.

import { describe, expect, test } from 'vitest';
import { CurlImportError, importCurl } from '../../../main/core/config/curl-import.ts';

// Chrome 130, Network panel, "Copy as cURL (bash)" on a streaming chat request. The body has a
// quote, a JSON "\n" and a "!", so Chrome writes it as a bash $'...' string ("!" as \u0021).
const CHROME_LLM_POST = String.raw`curl 'https://api.openai.com/v1/chat/completions' \
  -H 'accept: text/event-stream' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'authorization: Bearer sk-proj-abc123' \
  -H 'content-type: application/json' \
  -b '__cf_bm=Zk1.abc-1700000000-1.0.1.1-xyz; _cfuvid=QWE.rty-1700000000' \
  -H 'origin: https://chat.example.com' \
  -H 'priority: u=1, i' \
  -H 'referer: https://chat.example.com/' \
  -H 'sec-ch-ua: "Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "macOS"' \
  -H 'sec-fetch-dest: empty' \
  -H 'sec-fetch-mode: cors' \
  -H 'sec-fetch-site: cross-site' \
  -H 'user-agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36' \
  --data-raw $'{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"What\'s new?\\nList 3 things\u0021"}]}'`;

// Firefox 131, "Copy as cURL (POSIX)": one line, --compressed first, an explicit -X POST, and
// non-ASCII text escaped as \xHH / \uHHHH inside $'...'.
const FIREFOX_LLM_POST = String.raw`curl 'https://api.anthropic.com/v1/messages' --compressed -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0' -H 'Accept: text/event-stream' -H 'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'Content-Type: application/json' -H 'x-api-key: sk-ant-api03-secret' -H 'anthropic-version: 2023-06-01' -H 'Origin: http://localhost:5173' -H 'Connection: keep-alive' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: cors' -H 'Sec-Fetch-Site: cross-site' -H 'Priority: u=0' --data-raw $'{"model":"claude-sonnet-4","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"caf\xe9 \ud83d\ude00 \'hi\'"}]}'`;

const header = (result: ReturnType<typeof importCurl>, name: string) =>
  result.connection.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

describe('browser copies', () => {
  test("Chrome's Copy as cURL (bash) of an LLM POST", () => {
    const result = importCurl(CHROME_LLM_POST);
    const { connection } = result;
    expect(result.warnings).toEqual([]);
    expect(connection).toMatchObject({ url: 'https://api.openai.com/v1/chat/completions', method: 'POST', llmFormat: 'openai-chat' });
    expect(connection.name).toBe('api.openai.com/v1/chat/completions');
    expect(JSON.parse(connection.body!)).toEqual({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: "What's new?\nList 3 things!" }],
    });
    // The Bearer header is the Auth section; credentials are secrets; the rest are plain and in
    // the order they were copied.
    expect(connection.auth).toEqual({ type: 'bearer', token: { secret: true, value: 'sk-proj-abc123' } });
    expect(header(result, 'authorization')).toBeUndefined();
    expect(header(result, 'cookie')).toEqual({ secret: true, value: '__cf_bm=Zk1.abc-1700000000-1.0.1.1-xyz; _cfuvid=QWE.rty-1700000000' });
    expect(header(result, 'sec-ch-ua')).toBe('"Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"');
    expect(connection.headers!.map((h) => h.name).slice(0, 3)).toEqual(['accept', 'accept-language', 'content-type']);
    // The copied content-type stands; none is added.
    expect(connection.headers!.filter((h) => h.name.toLowerCase() === 'content-type')).toHaveLength(1);
  });

  test("Firefox's Copy as cURL of an LLM POST", () => {
    const result = importCurl(FIREFOX_LLM_POST);
    expect(result.warnings).toEqual([]);
    expect(result.connection).toMatchObject({ url: 'https://api.anthropic.com/v1/messages', method: 'POST', llmFormat: 'anthropic' });
    expect(JSON.parse(result.connection.body!).messages[0].content).toBe("café 😀 'hi'");
    expect(header(result, 'x-api-key')).toEqual({ secret: true, value: 'sk-ant-api03-secret' });
    expect(header(result, 'anthropic-version')).toBe('2023-06-01');
    expect(header(result, 'Accept-Encoding')).toBe('gzip, deflate, br, zstd');
  });

  test('an EventSource GET: Last-Event-ID becomes the connection setting, not a header', () => {
    const result = importCurl(
      `curl 'https://feeds.test/orders/stream?region=eu' -H 'Accept: text/event-stream' -H 'Cache-Control: no-cache' -H 'Last-Event-ID: 42'`,
    );
    expect(result.connection).toMatchObject({ method: 'GET', lastEventId: '42', url: 'https://feeds.test/orders/stream?region=eu' });
    expect(result.connection.headers!.map((h) => h.name)).toEqual(['Accept', 'Cache-Control']);
    expect(result.connection.body).toBeUndefined();
  });
});

describe('options people write by hand', () => {
  test('-u becomes Basic auth with a secret password; -A, -e, -k and --connect-timeout are kept', () => {
    const result = importCurl(
      `curl -sSN -u ann:s3cret -A 'probe/1.0' -e 'https://ref.test/;auto' -k --connect-timeout 2.5 https://feed.test/events`,
    );
    expect(result.connection.auth).toEqual({ type: 'basic', username: 'ann', password: { secret: true, value: 's3cret' } });
    expect(header(result, 'authorization')).toBeUndefined();
    expect(header(result, 'user-agent')).toBe('probe/1.0');
    expect(header(result, 'referer')).toBe('https://ref.test/');
    expect(result.connection.tls).toEqual({ insecure: true });
    expect(result.connection.timeouts).toEqual({ connectMs: 2500 });
    expect(result.warnings).toEqual([]);
  });

  test('credentials in the URL move to Basic auth', () => {
    const result = importCurl('curl https://bob:p%40ss@feed.test/events');
    expect(result.connection.url).toBe('https://feed.test/events');
    expect(result.connection.auth).toEqual({ type: 'basic', username: 'bob', password: { secret: true, value: 'p@ss' } });
  });

  test('--oauth2-bearer is Bearer auth; an Authorization header of another kind stays a header, and -u yields to it', () => {
    expect(importCurl('curl --oauth2-bearer tok-7 https://feed.test/events').connection.auth).toEqual({
      type: 'bearer',
      token: { secret: true, value: 'tok-7' },
    });
    const digest = importCurl(`curl -u ann:s3cret -H 'Authorization: Digest username="ann"' https://feed.test/events`);
    expect(digest.connection.auth).toBeUndefined();
    expect(header(digest, 'Authorization')).toEqual({ secret: true, value: 'Digest username="ann"' });
  });

  test('-d makes a form POST; several are joined with &; -XPUT sticks to its value', () => {
    const post = importCurl(`curl localhost:8080/events -d a=1 --data 'b=2' --data-urlencode 'q=hello world'`);
    expect(post.connection).toMatchObject({ url: 'http://localhost:8080/events', method: 'POST', body: 'a=1&b=2&q=hello%20world' });
    expect(header(post, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(importCurl(`curl -XPUT https://x.test -d x`).connection.method).toBe('PUT');
  });

  test('--json sets a JSON content type; -G moves the data into the query', () => {
    const json = importCurl(`curl --json '{"stream":true}' https://x.test/chat`);
    expect(json.connection).toMatchObject({ method: 'POST', body: '{"stream":true}' });
    expect(header(json, 'content-type')).toBe('application/json');
    const get = importCurl(`curl -G https://x.test/search?a=1 -d since=5 -d topic=orders`);
    expect(get.connection).toMatchObject({ method: 'GET', url: 'https://x.test/search?a=1&since=5&topic=orders' });
    expect(get.connection.body).toBeUndefined();
  });

  test('headers that look like credentials are secret; "Name;" sends an empty header; "Name:" is dropped', () => {
    const result = importCurl(`curl https://x.test -H 'X-CSRF-Token: t1' -H 'X-Empty;' -H 'Accept:' -H 'X-Plain: v'`);
    expect(result.connection.headers).toEqual([
      { name: 'X-CSRF-Token', value: { secret: true, value: 't1' }, enabled: true },
      { name: 'X-Empty', value: '', enabled: true },
      { name: 'X-Plain', value: 'v', enabled: true },
    ]);
  });

  test('skipped options are reported as warnings; harmless ones are not', () => {
    const result = importCurl(
      `curl -L --compressed -o out.txt -m 30 --proxy http://proxy:3128 --frobnicate https://x.test/events?key=abc extra | jq .`,
    );
    expect(result.connection.url).toBe('https://x.test/events?key=abc');
    expect(result.warnings).toEqual([
      '-m was ignored: a stream has no total time limit here (the connection has an idle timeout instead).',
      '--proxy was ignored: a proxy cannot be set per connection.',
      'Unknown option --frobnicate was ignored.',
      'Everything after "|" was ignored: only the curl command itself is imported.',
      'The extra argument "extra" was ignored (only one URL is imported).',
      'The URL parameter "key" looks like a secret and is saved as plain text; consider a secret variable (key={{key}}).',
    ]);
  });
});

describe('commands that cannot be imported', () => {
  const cases: [string, string, RegExp][] = [
    ['empty', '   ', /The curl command is empty/],
    ['not curl', `wget https://x.test`, /This is not a curl command: it starts with "wget"/],
    ['PowerShell', `Invoke-WebRequest -Uri "https://x.test"`, /not a curl command: it starts with "Invoke-WebRequest"/],
    ['no URL', `curl -H 'Accept: text/event-stream'`, /No URL found in the curl command/],
    ['body from a file', `curl https://x.test -d @body.json`, /-d @body\.json reads the body from a file, which an import cannot follow/],
    ['binary body from a file', `curl https://x.test --data-binary @req.bin`, /reads the body from a file/],
    ['headers from a file', `curl https://x.test -H @headers.txt`, /reads headers from a file/],
    ['multipart form', `curl https://x.test -F file=@a.png`, /-F sends multipart form data/],
    ['Windows cmd copy', 'curl ^"https://x.test/^" ^\n  -H ^"accept: */*^"', /Windows cmd.*copy it as cURL \(bash\)/],
    [
      'header without colon',
      `curl https://x.test -H 'Authorization Bearer sk-1'`,
      /^The header "Authorization…" has no colon \(expected "Name: value"\)\.$/,
    ],
    ['option without value', `curl https://x.test -H`, /The option -H needs a value/],
    ['not http', `curl ftp://files.test/a`, /not an http:\/\/ or https:\/\/ address/],
    [
      'bad header name',
      `curl https://x.test -H 'Bad Name: x'`,
      /A header name cannot contain spaces or colons\n {2}→ at headers\[0\]\.name/,
    ],
  ];
  test.each(cases)('%s', (_label, command, message) => {
    expect(() => importCurl(command)).toThrow(CurlImportError);
    expect(() => importCurl(command)).toThrow(message);
  });
});

describe('shell variables', () => {
  test('$NAME and ${NAME} become {{variables}} the user is asked to define; a credential in one stays readable', () => {
    const result = importCurl(
      `curl "https://$HOST/v1/chat/completions?model=\${MODEL}" -H "Authorization: Bearer $OPENAI_API_KEY" -H "X-Org: $ORG" --json '{"note": "$NOT_A_VARIABLE"}'`,
    );
    expect(result.connection.url).toBe('https://{{HOST}}/v1/chat/completions?model={{MODEL}}');
    // The secret lives in the variable, so the Auth section shows which variable it uses.
    expect(result.connection.auth).toEqual({ type: 'bearer', token: '{{OPENAI_API_KEY}}' });
    expect(result.connection.headers).toEqual([
      { name: 'X-Org', value: '{{ORG}}', enabled: true },
      { name: 'Content-Type', value: 'application/json', enabled: true },
    ]);
    // Inside single quotes bash expands nothing.
    expect(result.connection.body).toBe('{"note": "$NOT_A_VARIABLE"}');
    expect(result.variables).toEqual([
      { name: 'HOST', secret: false },
      { name: 'MODEL', secret: false },
      { name: 'OPENAI_API_KEY', secret: true },
      { name: 'ORG', secret: false },
    ]);
    expect(result.warnings).toEqual([
      'The command uses {{HOST}}, {{MODEL}}, {{OPENAI_API_KEY}} and {{ORG}}: define them in an environment before connecting.',
    ]);
  });

  test('a URL that starts with a variable, -G data, and -u made of variables', () => {
    const result = importCurl(`curl -G "$BASE_URL/events" -d since=5 -u "$USER:$PASS"`);
    expect(result.connection.url).toBe('{{BASE_URL}}/events?since=5');
    expect(result.connection.headers).toEqual([]);
    // Basic is encoded when the connection starts, once the variables are filled in.
    expect(result.connection.auth).toEqual({ type: 'basic', username: '{{USER}}', password: '{{PASS}}' });
    expect(result.variables).toEqual([
      { name: 'BASE_URL', secret: false },
      { name: 'USER', secret: false },
      { name: 'PASS', secret: true },
    ]);
    // A literal credential next to a variable is still a secret.
    expect(importCurl(`curl https://x.test -H "X-Api-Key: k-$SUFFIX"`).connection.headers![0]!.value).toEqual({
      secret: true,
      value: 'k-{{SUFFIX}}',
    });
  });

  test('positional and special parameters stay as written', () => {
    const result = importCurl(`curl "https://x.test/\${1}/$2" -H "X-Pid: $$"`);
    expect(result.connection.url).toBe('https://x.test/$1/$2');
    expect(result.variables).toEqual([]);
  });
});

describe('quotes', () => {
  const unclosed: [string, string][] = [
    [`curl 'https://x.test/stream' -H 'Accept: text/event-stream`, "'"],
    [`curl "https://x.test/stream -H 'Accept: text/event-stream'`, '"'],
    [`curl https://x.test --data-raw $'{"a": "it\\'s`, "'"],
  ];
  test.each(unclosed)('%s has an unclosed %s quote', (command, quote) => {
    expect(() => importCurl(command)).toThrow(CurlImportError);
    expect(() => importCurl(command)).toThrow(`The command has an unclosed ${quote} quote: check that the whole command was copied.`);
  });

  test('escaped and nested quotes, and a quote inside a comment, are balanced', () => {
    expect(importCurl(`curl https://x.test -H "X-A: say \\"hi\\"" -H 'X-B: "q"' # it's fine`).connection.headers).toEqual([
      { name: 'X-A', value: 'say "hi"', enabled: true },
      { name: 'X-B', value: '"q"', enabled: true },
    ]);
    expect(importCurl(`curl https://x.test -H $'X-C: it\\'s'`).connection.headers![0]!.value).toBe("it's");
  });
});

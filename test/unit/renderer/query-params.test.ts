// The Params table and the URL kept in step both ways: the table reads the query string as
// written, an edit in the table writes it again and leaves the rest of the URL alone, disabled
// rows stay in the table but leave the URL, and a saved connection's disabled params come back.

import { describe, expect, it } from 'vitest';
import { ConnectionInputSchema, SavedConnectionSchema } from '../../../main/common/config-schema.ts';
import {
  formFromConnection,
  inputFromForm,
  paramRow,
  syncParamsFromUrl,
  syncUrlFromParams,
} from '../../../renderer/src/lib/connection-form.ts';
import { paramsOfUrl, urlWithParams } from '../../../renderer/src/lib/query-params.ts';

describe('paramsOfUrl', () => {
  it('reads the query string in order, as written, with {{variables}} and percent-escapes kept', () => {
    expect(paramsOfUrl('{{baseUrl}}/s?since={{since}}&q=a%20b&flag&empty=#top')).toEqual([
      { name: 'since', value: '{{since}}' },
      { name: 'q', value: 'a%20b' },
      { name: 'flag', value: '' },
      { name: 'empty', value: '' },
    ]);
    expect(paramsOfUrl('https://x.test/s')).toEqual([]);
    expect(paramsOfUrl('https://x.test/s#a?b=1')).toEqual([]);
    expect(paramsOfUrl('https://x.test/s?a=1=2&&b')).toEqual([
      { name: 'a', value: '1=2' },
      { name: 'b', value: '' },
    ]);
  });
});

describe('urlWithParams', () => {
  it('writes the query string and keeps the scheme, host, path and fragment as they were', () => {
    expect(urlWithParams('{{baseUrl}}/s?old=1#top', [{ name: 'since', value: '{{since}}' }])).toBe('{{baseUrl}}/s?since={{since}}#top');
    expect(urlWithParams('https://x.test/s?old=1', [])).toBe('https://x.test/s');
    expect(
      urlWithParams('https://x.test/s', [
        { name: 'flag', value: '' },
        { name: '', value: '' },
      ]),
    ).toBe('https://x.test/s?flag');
  });

  it('encodes what would change the query’s shape, so the server reads back the cell as typed', () => {
    const url = urlWithParams('https://x.test/s', [
      { name: 'a b=c', value: 'x&y #1=2' },
      { name: 'n', value: '50%25' },
    ]);
    expect(url).toBe('https://x.test/s?a%20b%3Dc=x%26y%20%231=2&n=50%25');
    expect([...new URL(url).searchParams]).toEqual([
      ['a b=c', 'x&y #1=2'],
      ['n', '50%'],
    ]);
  });

  it('gives back the URL it read, whatever the table did not change', () => {
    for (const url of ['https://x.test/s?a=1&b=%2F&c={{v}}#f', '{{base}}?x=1', 'http://h/p?q=hello+world']) {
      expect(urlWithParams(url, paramsOfUrl(url))).toBe(url);
    }
  });
});

describe('the editor’s table and URL', () => {
  it('typing the URL redraws the enabled rows, keeping the disabled ones', () => {
    const form = formFromConnection(null);
    form.params = [paramRow('debug', '1', false)];
    form.url = 'https://x.test/s?since=5&limit=50';
    syncParamsFromUrl(form);
    expect(form.params.map((row) => [row.name, row.value, row.enabled])).toEqual([
      ['since', '5', true],
      ['limit', '50', true],
      ['debug', '1', false],
    ]);
  });

  it('an edit in the table writes the URL; a disabled row leaves it and is saved beside it', () => {
    const form = formFromConnection(null);
    form.name = 'Feed';
    form.url = 'https://x.test/s?since=5&limit=50';
    syncParamsFromUrl(form);
    form.params[1]!.value = '{{pageSize}}';
    syncUrlFromParams(form);
    expect(form.url).toBe('https://x.test/s?since=5&limit={{pageSize}}');
    form.params[0]!.enabled = false;
    syncUrlFromParams(form);
    expect(form.url).toBe('https://x.test/s?limit={{pageSize}}');

    const input = ConnectionInputSchema.parse(inputFromForm(form, null));
    expect(input.url).toBe('https://x.test/s?limit={{pageSize}}');
    expect(input.disabledParams).toEqual([{ name: 'since', value: '5' }]);
  });

  it('a saved connection’s enabled params come from its URL and its disabled ones after them', () => {
    const saved = SavedConnectionSchema.parse({
      id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10',
      kind: 'feed',
      name: 'Feed',
      url: 'https://x.test/s?a=1',
      disabledParams: [{ name: 'b', value: '2' }],
    });
    expect(formFromConnection(saved).params.map((row) => [row.name, row.value, row.enabled])).toEqual([
      ['a', '1', true],
      ['b', '2', false],
    ]);
  });
});

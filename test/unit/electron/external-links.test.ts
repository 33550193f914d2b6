// Opening links in the user's browser (main/electron/external-links.ts): the question shown,
// what is opened, and what never is.

import { describe, expect, it } from 'vitest';
import { confirmOpenOptions, createExternalLinkOpener, externalWebUrl } from '../../../main/electron/external-links.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('externalWebUrl', () => {
  it('accepts http and https, in the form that will be shown and opened', () => {
    expect(externalWebUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(externalWebUrl('HTTP://EXAMPLE.com')).toBe('http://example.com/');
    // An internationalised host is shown as punycode, so a look-alike cannot hide.
    expect(externalWebUrl('https://exаmple.com/')).toBe('https://xn--exmple-4nf.com/');
  });

  it('refuses everything else', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'ftp://x/', 'vscode://x', '', 'example.com']) {
      expect(externalWebUrl(url), url).toBeUndefined();
    }
  });
});

describe('the confirmation', () => {
  it('shows the URL and defaults to Cancel', () => {
    const options = confirmOpenOptions('https://example.com/');
    expect(options.detail).toBe('https://example.com/');
    expect(options.buttons?.[options.defaultId ?? -1]).toBe('Cancel');
    expect(options.buttons?.[options.cancelId ?? -1]).toBe('Cancel');
  });
});

describe('createExternalLinkOpener', () => {
  it('opens only after the user chooses Open', async () => {
    const opened: string[] = [];
    const open = createExternalLinkOpener({
      showMessageBox: async () => ({ response: 0 }),
      openExternal: async (url) => void opened.push(url),
    });
    expect(await open('https://example.com/x')).toBe('opened');
    expect(opened).toEqual(['https://example.com/x']);
  });

  it('reports a refused scheme without asking', async () => {
    let asked = 0;
    const open = createExternalLinkOpener({
      showMessageBox: async () => {
        asked += 1;
        return { response: 0 };
      },
      openExternal: async () => {},
    });
    expect(await open('file:///etc/passwd')).toBe('refused');
    expect(asked).toBe(0);
  });

  it('asks one question at a time', async () => {
    const answers = [deferred<{ response: number }>(), deferred<{ response: number }>()];
    let asked = 0;
    const opened: string[] = [];
    const open = createExternalLinkOpener({
      showMessageBox: () => answers[asked++]!.promise,
      openExternal: async (url) => void opened.push(url),
    });
    const first = open('https://example.com/1');
    expect(await open('https://example.com/2')).toBe('busy');
    answers[0]!.resolve({ response: 0 });
    expect(await first).toBe('opened');
    // Once answered, the next link gets its own question.
    const third = open('https://example.com/3');
    answers[1]!.resolve({ response: 1 });
    expect(await third).toBe('declined');
    expect(asked).toBe(2);
    expect(opened).toEqual(['https://example.com/1']);
  });

  it('asks again after a failed dialog', async () => {
    let calls = 0;
    const open = createExternalLinkOpener({
      showMessageBox: async () => {
        calls += 1;
        if (calls === 1) throw new Error('no display');
        return { response: 1 };
      },
      openExternal: async () => {},
    });
    await expect(open('https://example.com/')).rejects.toThrow('no display');
    expect(await open('https://example.com/')).toBe('declined');
  });
});

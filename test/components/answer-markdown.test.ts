// The one place the renderer inserts HTML: an LLM answer's Markdown, parsed by marked and
// sanitised by DOMPurify (renderer/src/components/llm/markdown.ts). A model's answer is untrusted:
// whatever it writes, nothing active survives — no script, no event handler, no URL that loads or
// navigates, no style, no SVG, iframe, form or comment — raw HTML shows as the text it is, and
// no request leaves the page.

import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import AnswerMarkdown from '../../renderer/src/components/llm/AnswerMarkdown.svelte';
import { answerHtml, sanitizeAnswerHtml } from '../../renderer/src/components/llm/markdown.ts';

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src="http://evil.test/pixel.png" onerror="window.__pwned = 2">',
  '![tracking pixel](http://evil.test/image.png)',
  '[click me](javascript:window.__pwned=3)',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="http://evil.test/" onclick="window.__pwned = 4">raw link</a>',
  '<svg onload="window.__pwned = 5"><circle r="4"/></svg>',
  '<iframe src="http://evil.test/frame"></iframe>',
  '<!-- a comment that hides <script>window.__pwned = 6</script> -->',
  '<style>body { display: none }</style>',
  '<div style="background: url(http://evil.test/bg.png)">styled</div>',
  '<form action="http://evil.test/"><input name="q"><button>go</button></form>',
  '<details open ontoggle="window.__pwned = 7"><summary>x</summary></details>',
  '<object data="http://evil.test/x.swf"></object><embed src="http://evil.test/y">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 8">',
  '<p class="primary" id="app" data-x="1" aria-hidden="true">attributes</p>',
  '`<b>code span</b>` and\n\n```html\n<script>window.__pwned = 9</script>\n```',
  '- [x] done\n- [ ] not yet',
  '<https://autolink.evil.test/path>',
].join('\n\n');

afterEach(() => {
  document.body.replaceChildren();
});

function walk(root: Node): Node[] {
  const nodes: Node[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

describe('An answer rendered as Markdown', () => {
  it('keeps nothing active from hostile Markdown and HTML', async () => {
    const screen = await render(AnswerMarkdown, { source: HOSTILE });
    const root = screen.container.querySelector('.markdown')!;
    await expect.element(page.getByText('attributes')).toBeVisible();
    // Let anything that could have loaded or run do so.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const elements = walk(root).filter((node): node is Element => node instanceof Element);
    const tags = new Set(elements.map((element) => element.localName));
    for (const tag of [
      'script',
      'img',
      'svg',
      'iframe',
      'style',
      'form',
      'input',
      'button',
      'a',
      'object',
      'embed',
      'math',
      'details',
      'div',
    ]) {
      expect(tags.has(tag), `<${tag}> in the output`).toBe(false);
    }
    for (const element of elements) {
      for (const { name, value } of element.attributes) {
        expect(['class', 'title', 'start', 'align'], `${element.localName}[${name}]`).toContain(name);
        if (name === 'class') expect(value).toMatch(/^(language-[\w+#.-]+|md-link|md-image)$/);
      }
    }
    expect(walk(root).some((node) => node.nodeType === Node.COMMENT_NODE)).toBe(false);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    const requested = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('evil.test') || entry.name.endsWith('/x'));
    expect(requested).toEqual([]);
  });

  it('shows raw HTML as the text it is, and links and images as inert text', async () => {
    await render(AnswerMarkdown, { source: HOSTILE });
    // The script tag is visible as written, not run.
    await expect.element(page.getByText('<script>window.__pwned = 1</script>')).toBeVisible();
    await expect.element(page.getByText('[image: tracking pixel]')).toHaveAttribute('title', 'http://evil.test/image.png');
    const link = page.getByText('click me');
    await expect.element(link).toHaveAttribute('title', 'javascript:window.__pwned=3');
    expect(link.element().closest('a')).toBeNull();
    // Code shows its markup as code, monospaced.
    const code = page.getByText('<b>code span</b>');
    expect(code.element().localName).toBe('code');
    expect(
      page
        .getByText('<script>window.__pwned = 9</script>', { exact: false })
        .elements()
        .some((e) => e.closest('pre')),
    ).toBe(true);
    await expect.element(page.getByText('☑ done')).toBeVisible();
  });

  it('escapes raw HTML in the Markdown (the first lock)', () => {
    // The tag is text: escaped by marked's renderer, so the page shows it as written.
    expect(answerHtml('*a* <b onclick="x()">b</b>')).toBe('<p><em>a</em> &lt;b onclick="x()"&gt;b&lt;/b&gt;</p>\n');
  });

  it('takes everything active out of HTML that reached it (the second lock, on its own)', () => {
    const raw = [
      '<p style="color: red" onclick="x()" id="app">text</p>',
      '<a href="javascript:x()">link</a><img src="http://evil.test/i.png" onerror="x()">',
      '<svg><script>x()</script></svg><iframe src="http://evil.test/"></iframe>',
      '<span class="primary">fake button</span><code class="language-js">ok</code>',
      '<!-- note --><table><tr><td align="left" onmouseover="x()">cell</td></tr></table>',
    ].join('');
    expect(sanitizeAnswerHtml(raw)).toBe(
      '<p>text</p>link<span>fake button</span><code class="language-js">ok</code><table><tbody><tr><td align="left">cell</td></tr></tbody></table>',
    );
  });
});

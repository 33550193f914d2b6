// An LLM answer's Markdown as HTML that is safe to put into the page: the one place untrusted
// text becomes markup (AnswerMarkdown.svelte shows it). Two locks, either one enough on its own:
//   1. marked (a well-kept CommonMark + GFM parser) renders with our own rules for what could be
//      active: raw HTML in the answer is shown as text (escaped, never parsed), an image is text
//      ("[image: alt]") so nothing is fetched, a link is its text with the address as a tooltip
//      (nothing navigates), a task-list checkbox is a character, not an input;
//   2. DOMPurify then keeps only the handful of inert tags that Markdown makes, with no attribute
//      but class (code languages and our own md- classes), title, start (an ordered list's first
//      number) and align (table cells): no scripts, no event handlers, no URLs, no styles (the
//      strict CSP allows no inline styles either), no SVG or MathML, no forms, no comments.

import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    image({ href, text }: Tokens.Image): string {
      return `<span class="md-image" title="${escapeHtml(href)}">[image: ${escapeHtml(text)}]</span>`;
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { href, tokens }: Tokens.Link): string {
      return `<span class="md-link" title="${escapeHtml(href)}">${this.parser.parseInline(tokens)}</span>`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
];
const ALLOWED_ATTR = ['class', 'title', 'start', 'align'];
/** The classes the renderer above (and marked's code blocks) give; any other class is dropped. */
const ALLOWED_CLASS = /^(language-[\w+#.-]{1,40}|md-link|md-image)$/;

/** An instance of our own, so its hook applies here only. */
const purify = DOMPurify(window);
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class' && !ALLOWED_CLASS.test(data.attrValue)) data.keepAttr = false;
});

/** The second lock on its own: HTML with everything but inert Markdown tags taken out. */
export function sanitizeAnswerHtml(html: string): string {
  return purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    SAFE_FOR_TEMPLATES: false,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });
}

/** The answer's Markdown as sanitised HTML (see the top of this module for what that means). */
export function answerHtml(source: string): string {
  return sanitizeAnswerHtml(markdown.parse(source, { async: false }));
}

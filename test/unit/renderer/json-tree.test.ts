// Which branches of the detail pane's JSON tree are open when a record is selected: a small tree
// (an LLM chat chunk) completely, so `choices[0].delta.content` is in view without a click; a
// larger one its first levels and every single-child chain down to its leaf, with wide branches
// left closed. "Expand all" opens everything.

import { describe, expect, it } from 'vitest';
import { countNodes, expandAll, initiallyExpanded, parseJsonTree, SMALL_TREE_NODES } from '../../../renderer/src/lib/json/json-tree.ts';

/** An OpenAI-style streaming chunk, as the demo chat and the real API send it. */
const CHUNK = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1_735_000_000,
  model: 'small-1',
  choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }],
});

function tree(data: string) {
  const root = parseJsonTree(data);
  if (root === null) throw new Error('not JSON');
  return root;
}

describe('the JSON tree at first', () => {
  it('opens an LLM chat chunk completely, down to choices[0].delta', () => {
    const open = initiallyExpanded(tree(CHUNK));
    expect(open).toEqual(new Set(['$', '$."choices"', '$."choices"[0]', '$."choices"[0]."delta"']));
  });

  it('in a large chunk, still unfolds the single-child chain to the text, leaving wide branches closed', () => {
    // Log probabilities make the same chunk large; they are a wide branch, the delta a chain.
    const logprobs = Array.from({ length: 30 }, (_, i) => ({ token: `t${i}`, logprob: -i / 10 }));
    const large = JSON.parse(CHUNK);
    large.choices[0].delta = { message: { content: 'Hello' } };
    large.choices[0].logprobs = { content: logprobs };
    const root = tree(JSON.stringify(large));
    expect(countNodes(root, 1_000)).toBeGreaterThanOrEqual(SMALL_TREE_NODES);

    const open = initiallyExpanded(root);
    expect(open).toContain('$."choices"[0]');
    // delta -> message -> content: each has one child, so each opens, three levels past the first two.
    expect(open).toContain('$."choices"[0]."delta"');
    expect(open).toContain('$."choices"[0]."delta"."message"');
    // logprobs has one child too, but that child is an array of 30: it stays closed.
    expect(open).toContain('$."choices"[0]."logprobs"');
    expect(open).not.toContain('$."choices"[0]."logprobs"."content"');
    expect(open).not.toContain('$."choices"[0]."logprobs"."content"[0]');
  });

  it('opens only the first two levels of a large tree without chains', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: i, tags: ['a', 'b'], owner: { name: `n${i}`, team: 'x' } }));
    const root = tree(JSON.stringify({ page: { rows } }));
    const open = initiallyExpanded(root);
    expect(open).toContain('$."page"."rows"');
    expect(open).not.toContain('$."page"."rows"[0]');
  });

  it('"Expand all" opens every branch', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: i, owner: { name: `n${i}`, team: 'x' } }));
    const open = expandAll(tree(JSON.stringify({ rows })));
    expect(open).toContain('$."rows"[19]."owner"');
    expect(open.size).toBe(1 + 1 + 20 + 20);
  });

  it('counts nodes only up to the limit asked for', () => {
    const huge = tree(JSON.stringify(Array.from({ length: 100_000 }, (_, i) => i)));
    expect(countNodes(huge, SMALL_TREE_NODES)).toBe(SMALL_TREE_NODES);
    expect(countNodes(tree(CHUNK), 1_000)).toBe(11); // the root, 5 keys, the choice, its 3 keys, content
  });
});

// The JSON paths a user's rule may name, what they pick from a value, and the words for a path
// that cannot be read.

import { expect, test } from 'vitest';
import { compileJsonPath, evaluateJsonPath } from '../../../main/common/json-path.ts';
import { parseLlmFormat } from '../../../main/common/llm-format.ts';

const chunk = {
  choices: [{ message: { content: 'Hi' }, delta: { 'odd.key': 'dotted' } }, { message: { content: 'second' } }],
  token: 'tok',
};

function pick(path: string, value: unknown = chunk): unknown {
  const compiled = compileJsonPath(path);
  if (!compiled.ok) throw new Error(compiled.problem);
  return evaluateJsonPath(compiled.steps, value);
}

test.each([
  ['$.choices[0].message.content', 'Hi'],
  ['$.token', 'tok'],
  ['$["token"]', 'tok'],
  ["$.choices[0].delta['odd.key']", 'dotted'],
  ['$.choices[-1].message.content', 'second'],
  ['choices.1.message.content', 'second'],
  ['choices[0].message.content', 'Hi'],
  ['$.choices[2].message', undefined],
  ['$.token.length', undefined],
  ['$.missing.deeper', undefined],
  ['$.choices.x', undefined],
])('%s picks %j', (path, expected) => {
  expect(pick(path)).toEqual(expected);
});

test('$ alone is the whole value', () => {
  expect(pick('$', 'text')).toBe('text');
});

test('names are own properties only', () => {
  expect(pick('$.constructor', {})).toBeUndefined();
  expect(pick('$.__proto__', {})).toBeUndefined();
});

test.each([
  ['', 'the JSON path is empty (for example $.choices[0].delta.content)'],
  ['$.', 'the JSON path "$." needs a name after "." at character 2'],
  ['$.a[', 'the JSON path "$.a[" needs an index or a quoted name in [ ], closed by ] at character 4'],
  ['$.a[x]', 'the JSON path "$.a[x]" needs an index or a quoted name in [ ], closed by ] at character 4'],
  ["$['a]", `the JSON path "$['a]" needs an index or a quoted name in [ ], closed by ] at character 2`],
  ['$x', 'the JSON path "$x" needs "." or "[" at character 2'],
  ['$.a[?(@.b)]', 'the JSON path "$.a[?(@.b)]" needs an index or a quoted name in [ ], closed by ] at character 4'],
])('%j is refused: %s', (path, problem) => {
  expect(compileJsonPath(path)).toEqual({ ok: false, problem });
});

test('the format setting: names, jsonpath:EXPR, and what is wrong', () => {
  expect(parseLlmFormat('auto')).toEqual({ ok: true, format: { kind: 'auto' } });
  expect(parseLlmFormat('anthropic')).toEqual({ ok: true, format: { kind: 'shape', name: 'anthropic' } });
  expect(parseLlmFormat('jsonpath:$.token')).toEqual({
    ok: true,
    format: { kind: 'jsonpath', expression: '$.token', steps: [{ key: 'token' }] },
  });
  expect(parseLlmFormat('jsonpath')).toEqual({
    ok: false,
    problem:
      '"jsonpath" is not a stream format; use one of auto, openai-chat, openai-responses, anthropic, gemini, ollama, text, jsonpath:EXPR',
  });
  expect(parseLlmFormat('jsonpath:$.')).toEqual({ ok: false, problem: 'the JSON path "$." needs a name after "." at character 2' });
});

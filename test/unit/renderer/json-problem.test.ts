// The connection editor's JSON check: the user reads why the body is not JSON and on which line,
// whichever way the JS engine words its error.

import { describe, expect, it } from 'vitest';
import { jsonProblem, looksLikeJson } from '../../../renderer/src/lib/json-problem.ts';

describe('jsonProblem', () => {
  it('accepts valid JSON', () => {
    expect(jsonProblem('{"a": [1, 2, {"b": null}]}')).toBeNull();
  });

  it('names the line of a missing comma', () => {
    const text = '{\n  "model": "m1",\n  "stream": true\n  "prompt": "hi"\n}';
    expect(jsonProblem(text)).toMatch(/^Body is not valid JSON: .+ \(line 4\)$/);
  });

  it('finds the line of an unexpected token when the engine gives no position', () => {
    // V8 words this one as `Unexpected token '}', "..." is not valid JSON`, without a position.
    const problem = jsonProblem('{\n  "a": 1,\n  "b": \n}');
    expect(problem).toMatch(/\(line 4\)$/);
    expect(problem).not.toMatch(/is not valid JSON$/);
    expect(problem).not.toContain('"a"');
  });

  it('reports a body cut short on its last line', () => {
    expect(jsonProblem('{\n  "a": 1,\n  "b": [1, 2')).toMatch(/\(line 3\)$/);
  });

  it('reports trailing text after the JSON', () => {
    expect(jsonProblem('{"a": 1}\n}')).toMatch(/^Body is not valid JSON: .+ \(line 2\)$/);
  });

  it('leaves out the position and the copy of the text from the reason', () => {
    const problem = jsonProblem('{x}')!;
    expect(problem).not.toMatch(/position \d+/);
    expect(problem).not.toMatch(/column \d+/);
  });
});

describe('looksLikeJson', () => {
  it('is true for a JSON Content-Type or a body starting with { or [', () => {
    expect(looksLikeJson('hello', 'application/json; charset=utf-8')).toBe(true);
    expect(looksLikeJson('hello', 'application/vnd.api+json')).toBe(true);
    expect(looksLikeJson('  {"a": 1}', null)).toBe(true);
    expect(looksLikeJson('[1]', 'text/plain')).toBe(true);
  });

  it('is false for other bodies, and for an empty body whatever the Content-Type', () => {
    expect(looksLikeJson('a=1&b=2', 'application/x-www-form-urlencoded')).toBe(false);
    expect(looksLikeJson('plain text', null)).toBe(false);
    expect(looksLikeJson('', 'application/json')).toBe(false);
  });
});

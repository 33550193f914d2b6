// What the editor says a {{variable}} stands for in the active environment: its value, '••••' for
// a secret (the view never has it), or a plain sentence when it is not defined.

import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../main/contract.ts';
import { hintText, variableHints } from '../../../renderer/src/lib/variable-hints.ts';

const staging: Environment = {
  id: 'e1',
  name: 'Staging',
  variables: [
    { name: 'baseUrl', value: 'https://staging.test' },
    { name: 'token', value: { secret: true, enc: 'c2VjcmV0' } },
  ],
};

describe('variable hints', () => {
  it('names each variable once, in order, with its value, a mask, or what is wrong', () => {
    const hints = variableHints(['{{baseUrl}}/s?t={{ token }}', 'Bearer {{token}} {{missing}}'], staging);
    expect(hints.map(hintText)).toEqual([
      '{{baseUrl}} = https://staging.test',
      '{{token}} = ••••',
      "{{missing}} is not defined in 'Staging'",
    ]);
    expect(JSON.stringify(hints)).not.toContain('c2VjcmV0');
  });

  it('says so when no environment is active', () => {
    expect(variableHints(['{{baseUrl}}'], null).map(hintText)).toEqual(['{{baseUrl}} is not defined: no environment is active']);
  });
});

// The one way in: what it recognises from the content alone, what it says about what it does not,
// and our own collection and curl commands through the same preview.

import { describe, expect, test } from 'vitest';
import { previewImport } from '../../../main/core/config/importers/preview-import.ts';
import { ImportError } from '../../../main/core/config/importers/import-error.ts';
import { fixtureFiles, fixtureText } from './import-fixtures.ts';

const LIST = 'a Postman collection, Insomnia export, Bruno collection, HAR file, .http file, curl command or SSE Scope collection';

describe('what is not recognised', () => {
  const cases: [string, Parameters<typeof previewImport>[0], string | RegExp][] = [
    ['plain prose', { kind: 'text', text: 'hello, these are my notes' }, `This text is not ${LIST}.`],
    [
      'a JSON object of another kind',
      { kind: 'files', files: [{ path: 'package.json', text: '{"name": "x"}' }] },
      `This file is not ${LIST}.`,
    ],
    [
      'a YAML file of another kind',
      { kind: 'files', files: [{ path: 'ci.yaml', text: 'jobs:\n  test: {}\n' }] },
      `This file is not ${LIST}.`,
    ],
    ['broken JSON', { kind: 'files', files: [{ path: 'a.json', text: '{"info": ' }] }, 'This file is not valid JSON: '],
    [
      'a Postman v1 collection',
      { kind: 'text', text: JSON.stringify({ id: '1', name: 'Old', order: [], requests: [] }) },
      'This text is a Postman collection in an older format: in Postman, export it again as "Collection v2.1".',
    ],
    [
      'an Insomnia v3 export',
      { kind: 'text', text: JSON.stringify({ _type: 'export', __export_format: 3, resources: [] }) },
      'This text is an Insomnia export in an older format: in Insomnia, export it again (format v4 or v5).',
    ],
    [
      'a Postman collection whose items are not a list',
      {
        kind: 'text',
        text: JSON.stringify({
          info: { name: 'X', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          item: 'x',
        }),
      },
      /^This text cannot be imported as a Postman collection:\n✖ .*\n {2}→ at item$/,
    ],
    ['empty text', { kind: 'text', text: '  \n' }, 'There is nothing to import: the text is empty.'],
    [
      'a curl command with an unclosed quote',
      { kind: 'text', text: "curl 'https://x.test/stream' -H 'Accept: text/event-stream" },
      "The curl command cannot be imported: The command has an unclosed ' quote",
    ],
  ];
  test.each(cases)('%s', async (_label, source, message) => {
    const attempt = previewImport(source);
    await expect(attempt).rejects.toThrow(ImportError);
    await expect(attempt).rejects.toThrow(message);
  });

  test('among several files, one that is not recognised is left out with a warning', async () => {
    const preview = await previewImport({
      kind: 'files',
      files: [...fixtureFiles('har/proxy-capture.har'), { path: 'notes.txt', text: 'todo' }],
    });
    expect(preview.connections).toHaveLength(2);
    expect(preview.warnings).toContain(`notes.txt is not ${LIST}; it was left out.`);
    await expect(
      previewImport({
        kind: 'files',
        files: [
          { path: 'a.txt', text: 'a' },
          { path: 'b.txt', text: 'b' },
        ],
      }),
    ).rejects.toThrow(`None of these files is ${LIST}.`);
  });
});

test('each format is recognised from pasted text alone', async () => {
  const formats = await Promise.all(
    [
      'postman/sse-demo.postman_collection.json',
      'postman/staging.postman_environment.json',
      'insomnia/insomnia-v4.json',
      'insomnia/insomnia-v5.yaml',
      'har/proxy-capture.har',
    ].map(async (path) => (await previewImport({ kind: 'text', text: fixtureText(path) })).sources[0]!.format),
  );
  expect(formats).toEqual(['postman-collection', 'postman-environment', 'insomnia', 'insomnia', 'har']);
});

test('a curl command: shell variables become variables to define, with their secret flag', async () => {
  const preview = await previewImport({
    kind: 'text',
    text: `curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -H 'Content-Type: application/json' -d '{"model": "gpt-4o-mini", "stream": true}'`,
  });
  expect(preview.sources).toEqual([{ name: 'Pasted text', format: 'curl' }]);
  expect(preview.connections[0]!.auth).toEqual({ type: 'bearer', token: '{{OPENAI_API_KEY}}' });
  expect(preview.neededVariables).toEqual([{ name: 'OPENAI_API_KEY', secret: true }]);
  expect(preview.warnings).toEqual(['The command uses {{OPENAI_API_KEY}}: define it in an environment before connecting.']);
});

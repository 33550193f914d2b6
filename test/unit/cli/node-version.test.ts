// The CLI on a Node older than package.json promises: one line saying what to install (Node 20
// otherwise dies on a TypeError from module.enableCompileCache), nothing on a supported one.

import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { OLDEST_NODE, unsupportedNodeMessage } from '../../../main/cli/node-version.ts';

test.each(['20.20.2', '22.11.0', '22.18.0', '18.19.1'])('Node %s is refused with what to install', (version) => {
  expect(unsupportedNodeMessage(version)).toBe(
    `sse-scope needs Node 22.19 or newer; this is Node ${version}. Install Node 22 or 24 from https://nodejs.org and run it again.`,
  );
});

test.each(['22.19.0', '22.23.5', '24.1.0', '25.0.0'])('Node %s runs', (version) => {
  expect(unsupportedNodeMessage(version)).toBeNull();
});

test('the oldest Node is the one package.json promises', () => {
  const { engines } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
  expect(engines.node).toBe(`>=${OLDEST_NODE.join('.')}`);
});

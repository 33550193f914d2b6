// The saved connections a first launch adds so the app opens on something live: the demo feed's
// stream (connected at once) and its chat endpoint (a request: POST with a JSON body, sent when the
// user presses Send, its answer merged from OpenAI chat-completion chunks, recognised as they come).

import type { ConnectionInput } from '../../common/config-schema.ts';
import type { DemoFeed } from './demo-feed.ts';

export const DEMO_FEED_NAME = 'Demo feed';
export const DEMO_CHAT_NAME = 'Demo chat (POST)';

export function demoConnections(feed: Pick<DemoFeed, 'url' | 'chatUrl'>): ConnectionInput[] {
  return [
    { name: DEMO_FEED_NAME, url: feed.url, autoConnect: true, folder: 'Demo', tags: ['demo'] },
    {
      name: DEMO_CHAT_NAME,
      url: feed.chatUrl,
      method: 'POST',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: JSON.stringify({ prompt: 'Say hello to the timeline' }),
      kind: 'request',
      folder: 'Demo',
      tags: ['demo'],
    },
  ];
}

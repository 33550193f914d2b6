// The saved connections a first launch adds so the app opens on something live: the demo feed's
// stream (connected at once) and its chat endpoint (POST with a JSON body, merged as OpenAI).

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
      // One answer per request: a finished reply is not a dropped stream.
      reconnect: { enabled: false },
      llmFormat: 'openai',
      folder: 'Demo',
      tags: ['demo'],
    },
  ];
}

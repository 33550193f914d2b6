// The demo connections in the saved configuration: added on the first launch (no connections and
// never added before, remembered in settings.demoSeeded), and on every launch pointed at the demo
// feed as it runs now, since the feed takes a free port each time. They are recognised by the
// 'demo' tag that demoConnections() gives them and a loopback URL on one of the feed's paths, so
// the user's own connections (even ones tagged 'demo') are never rewritten.

import type { ConfigStore } from '../config/config-store.ts';
import { demoConnections } from '../demo/demo-connections.ts';

/** The tag demoConnections() puts on each demo connection. */
export const DEMO_TAG = 'demo';
const DEMO_PATHS = new Set(['/demo/stream', '/demo/chat']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Adds the demo connections on a first launch; true when it did. */
export async function seedDemoConnections(config: ConfigStore, demoFeedUrl: string | null): Promise<boolean> {
  if (config.getSettings().demoSeeded) return false;
  if (config.listConnections().length > 0) {
    await config.updateSettings({ demoSeeded: true }); // not a first launch: never add them later
    return false;
  }
  if (demoFeedUrl === null) return false; // try again on a launch where the feed runs
  for (const connection of demoConnections(demoFeedUrls(demoFeedUrl))) await config.createConnection(connection);
  await config.updateSettings({ demoSeeded: true });
  return true;
}

/** Points the demo connections at the running feed; returns how many changed. */
export async function pointDemoConnections(config: ConfigStore, demoFeedUrl: string | null): Promise<number> {
  if (demoFeedUrl === null) return 0;
  const origin = new URL(demoFeedUrl).origin;
  let changed = 0;
  for (const connection of config.listConnections()) {
    if (!isDemoConnection(connection)) continue;
    const url = new URL(connection.url);
    const next = `${origin}${url.pathname}${url.search}`;
    if (next === connection.url) continue;
    await config.updateConnection(connection.id, { url: next });
    changed++;
  }
  return changed;
}

export function isDemoConnection(connection: { url: string; tags: string[] }): boolean {
  if (!connection.tags.includes(DEMO_TAG)) return false;
  let url: URL;
  try {
    url = new URL(connection.url);
  } catch {
    return false; // a {{variable}} URL is the user's
  }
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && DEMO_PATHS.has(url.pathname);
}

/** The feed's URLs, from its stream URL (http://127.0.0.1:PORT/demo/stream). */
function demoFeedUrls(streamUrl: string): { url: string; chatUrl: string } {
  return { url: streamUrl, chatUrl: new URL('/demo/chat', streamUrl).href };
}

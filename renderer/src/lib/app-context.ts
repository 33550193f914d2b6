// The app's shared objects in Svelte context: the api client (every component that talks to the
// main process gets it from here, so a test can mount a component with a fake one) and whether
// the main process can be reached right now. main.ts fills the context when it mounts App.

import { getContext, setContext } from 'svelte';
import { alwaysOpen, type ApiClient, type ConnectionWatch } from './api/index.ts';

const API_KEY = Symbol('sse-scope-api');
const CONNECTION_KEY = Symbol('sse-scope-connection');

/** The context map to mount the app with: `mount(App, { target, context: appContext(...) })`. */
export function appContext(api: ApiClient, connection: ConnectionWatch = alwaysOpen()): Map<symbol, unknown> {
  return new Map<symbol, unknown>([
    [API_KEY, api],
    [CONNECTION_KEY, connection],
  ]);
}

/** Sets the api for this component and its children (tests, or a component that mounts others). */
export function setApi(api: ApiClient): ApiClient {
  return setContext(API_KEY, api);
}

/** The api client; call during component initialisation. */
export function getApi(): ApiClient {
  const api = getContext<ApiClient | undefined>(API_KEY);
  if (!api) throw new Error('No api in context: mount the app with appContext(api), or call setApi(api) in a parent.');
  return api;
}

export function setConnectionWatch(connection: ConnectionWatch): ConnectionWatch {
  return setContext(CONNECTION_KEY, connection);
}

/** Whether the main process can be reached (always open under Electron, and when none was set). */
export function getConnectionWatch(): ConnectionWatch {
  return getContext<ConnectionWatch | undefined>(CONNECTION_KEY) ?? alwaysOpen();
}

// The HTTP client a Session is given: the part of the Fetch API it uses. Node's fetch, undici's
// fetch and the Electron app's adapter over net.request (main/electron/net-fetch.ts) all satisfy
// it, so the engine never knows which one it has.

export interface FetchRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Redirects are followed by the Session itself, so it can report a missing Location. */
  redirect: 'manual';
}

export interface FetchResponseLike {
  status: number;
  statusText: string;
  url: string;
  type?: string;
  headers: {
    get(name: string): string | null;
    forEach(callback: (value: string, name: string) => void): void;
  };
  body: ReadableStream<Uint8Array> | null;
}

export type FetchFunction = (url: string, init: FetchRequestInit) => Promise<FetchResponseLike>;

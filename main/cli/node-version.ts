// The oldest Node the CLI runs on (package.json's `engines`), and the line it prints on an older one.

/** 22.19: the HTTP client, undici 8, needs it. */
export const OLDEST_NODE = [22, 19] as const;

/** Null when `version` (as process.versions.node gives it) is supported, else what to tell the user. */
export function unsupportedNodeMessage(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [oldestMajor, oldestMinor] = OLDEST_NODE;
  if (major > oldestMajor || (major === oldestMajor && minor >= oldestMinor)) return null;
  return `sse-scope needs Node ${oldestMajor}.${oldestMinor} or newer; this is Node ${version}. Install Node 22 or 24 from https://nodejs.org and run it again.`;
}

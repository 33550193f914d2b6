// The settings of a connection that weaken what protects the user, in plain words: TLS
// certificate verification off, a private certificate authority trusted, line or event limits
// raised above the defaults (a server can then make the app hold that much memory), connecting on
// its own at every start. An import lists them and applies them only once the user has agreed.
// (Redirects are not a setting: every connection follows at most 20, and credentials never follow
// one to another origin.)

import { DEFAULT_LIMIT_BYTES } from '../../common/engine-defaults.ts';
import { formatBytes } from '../../common/number-format.ts';
import type { SavedConnection } from '../../common/config-schema.ts';

type Checked = Pick<SavedConnection, 'url' | 'tls' | 'limits' | 'autoConnect'>;

export function safetyChanges(connection: Checked): string[] {
  const changes: string[] = [];
  if (connection.tls.insecure) {
    changes.push(`Turns TLS certificate verification off: any server can pose as ${hostOf(connection.url)} and read what is sent to it`);
  }
  if (connection.tls.caFile) {
    changes.push(`Trusts the certificate authorities in ${connection.tls.caFile} for this connection`);
  }
  if (connection.limits.maxLineBytes > DEFAULT_LIMIT_BYTES) {
    changes.push(
      `Raises the line limit to ${formatBytes(connection.limits.maxLineBytes)} (the default is ${formatBytes(DEFAULT_LIMIT_BYTES)}): the server can make SSE Scope hold that much memory for one line`,
    );
  }
  if (connection.limits.maxEventBytes > DEFAULT_LIMIT_BYTES) {
    changes.push(
      `Raises the event size limit to ${formatBytes(connection.limits.maxEventBytes)} (the default is ${formatBytes(DEFAULT_LIMIT_BYTES)}): the server can make SSE Scope hold that much memory for one event`,
    );
  }
  if (connection.autoConnect) changes.push('Auto-connect is on: it connects on its own each time SSE Scope starts');
  return changes;
}

function hostOf(url: string): string {
  return URL.parse(url)?.host || 'its server';
}

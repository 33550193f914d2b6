// A connection's kind and the rule that picks it when the user did not, without zod, so the
// renderer can use it (the config schema re-exports both; the editor follows the rule live).

/**
 * A `request` is sent once (a normal end of its stream ends the session; sending again is a new
 * run with its own capture): how a model endpoint is called. A `feed` is a subscription that
 * reconnects as the spec says.
 */
export const CONNECTION_KINDS = ['request', 'feed'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/**
 * The kind a connection gets when none is chosen: a body or a method other than GET makes a
 * request (a POST to a model endpoint must never be sent again by a reconnect); a GET is a feed.
 * New connections, imports and the version 2 migration all follow it.
 */
export function defaultConnectionKind(method: string | undefined, body: string | undefined): ConnectionKind {
  const verb = (method ?? 'GET').trim().toUpperCase() || 'GET';
  return verb !== 'GET' || (body !== undefined && body !== '') ? 'request' : 'feed';
}

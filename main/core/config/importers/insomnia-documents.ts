// Insomnia's two export formats read into one tree per workspace (insomnia.ts maps the tree):
// - v4 (Insomnia 2020-2024, "Insomnia v4" in its export menu; JSON, or the same in YAML): a flat
//   list of resources ({_type: "request" | "request_group" | "environment" | "workspace" ...})
//   linked by parentId, ordered within a parent by metaSortKey;
// - v5 (Insomnia 10 and later; YAML): `type: collection.insomnia.rest/5.0` with a nested
//   `collection` of folders (children) and requests, and `environments` with subEnvironments.

import { z } from 'zod';
import { describeProblems } from '../../../common/validation-problems.ts';
import { ImportError } from './import-error.ts';
import { itemFields, type InsomniaNode, type InsomniaWorkspace, type ItemFields } from './insomnia.ts';
import { LooseText as Text } from './loose-text.ts';

const Data = z.record(z.string(), z.unknown()).nullish();

const V4Resource = z.looseObject({
  ...itemFields,
  _id: z.string(),
  _type: z.string(),
  parentId: z.string().nullish(),
  metaSortKey: z.number().optional(),
  preRequestScript: Text.optional(),
  afterResponseScript: Text.optional(),
  data: Data,
  isPrivate: z.boolean().optional(),
});
type V4Resource = z.infer<typeof V4Resource>;

export const InsomniaV4Schema = z.looseObject({
  _type: z.literal('export'),
  __export_format: z.literal(4),
  resources: z.array(V4Resource),
});

const V5Scripts = z.looseObject({ preRequest: Text.optional(), afterResponse: Text.optional() }).nullish();
interface V5Item extends ItemFields {
  meta?: { sortKey?: number } | null;
  children?: V5Item[] | null;
  scripts?: z.infer<typeof V5Scripts>;
  reflectionApi?: unknown;
}
const V5Item: z.ZodType<V5Item> = z.looseObject({
  ...itemFields,
  meta: z.looseObject({ sortKey: z.number().optional() }).nullish(),
  scripts: V5Scripts,
  get children() {
    return z.array(V5Item).nullish();
  },
});
const V5Environment = z.looseObject({ name: Text.optional(), data: Data, isPrivate: z.boolean().optional() });

export const InsomniaV5Schema = z.looseObject({
  type: z.enum(['collection.insomnia.rest/5.0', 'spec.insomnia.rest/5.0', 'environment.insomnia.rest/5.0']),
  name: Text.optional(),
  collection: z.array(V5Item).nullish(),
  environments: V5Environment.extend({ subEnvironments: z.array(V5Environment).nullish() }).nullish(),
});

/** The workspaces of a parsed v4 or v5 document; throws ImportError naming what is wrong. */
export function insomniaWorkspaces(document: unknown, fileName: string): InsomniaWorkspace[] {
  const v5 = InsomniaV5Schema.safeParse(document);
  if (v5.success) return [v5Workspace(v5.data)];
  const v4 = InsomniaV4Schema.safeParse(document);
  if (v4.success) return v4Workspaces(v4.data.resources);
  const isV5 = typeof document === 'object' && document !== null && 'type' in document;
  throw new ImportError(`${fileName} cannot be imported as an Insomnia export:\n${describeProblems((isV5 ? v5 : v4).error)}`);
}

function v5Workspace(file: z.infer<typeof InsomniaV5Schema>): InsomniaWorkspace {
  const node = (item: V5Item): InsomniaNode => {
    const scripts = { preRequest: item.scripts?.preRequest ?? '', afterResponse: item.scripts?.afterResponse ?? '' };
    if (item.method) return { kind: 'request', fields: item, scripts };
    // [insomnia] an item with neither a method nor a URL is a folder; one with only a URL is a WebSocket.
    if (item.url === undefined && item.reflectionApi === undefined) {
      return { kind: 'folder', fields: item, scripts, children: bySortKey(item.children ?? [], (child) => child.meta?.sortKey).map(node) };
    }
    return { kind: 'other', name: item.name ?? '' };
  };
  const environments = file.environments;
  return {
    name: file.name?.trim() || 'Insomnia collection',
    children: bySortKey(file.collection ?? [], (item) => item.meta?.sortKey).map(node),
    baseEnvironment: environments?.data ?? {},
    subEnvironments: (environments?.subEnvironments ?? []).map((sub, index) => ({
      name: sub.name?.trim() || `Environment ${index + 1}`,
      data: sub.data ?? {},
      isPrivate: sub.isPrivate ?? false,
    })),
  };
}

const OTHER_REQUESTS = new Set(['websocket_request', 'grpc_request', 'socketio_request', 'mcp_request']);

function v4Workspaces(resources: V4Resource[]): InsomniaWorkspace[] {
  const childrenOf = new Map<string, V4Resource[]>();
  for (const resource of resources) {
    const siblings = childrenOf.get(resource.parentId ?? '') ?? [];
    siblings.push(resource);
    childrenOf.set(resource.parentId ?? '', siblings);
  }
  const node = (resource: V4Resource): InsomniaNode | null => {
    const scripts = { preRequest: resource.preRequestScript ?? '', afterResponse: resource.afterResponseScript ?? '' };
    if (resource._type === 'request') return { kind: 'request', fields: resource, scripts };
    if (resource._type === 'request_group') return { kind: 'folder', fields: resource, scripts, children: nodesUnder(resource._id) };
    if (OTHER_REQUESTS.has(resource._type)) return { kind: 'other', name: resource.name ?? '' };
    return null; // environments, cookie jars, API specs, tests
  };
  const nodesUnder = (id: string): InsomniaNode[] =>
    bySortKey(childrenOf.get(id) ?? [], (resource) => resource.metaSortKey)
      .map(node)
      .filter((found) => found !== null);

  return resources
    .filter((resource) => resource._type === 'workspace')
    .map((workspace) => {
      const environments = (childrenOf.get(workspace._id) ?? []).filter((resource) => resource._type === 'environment');
      const base = environments[0];
      const subs = base ? (childrenOf.get(base._id) ?? []).filter((resource) => resource._type === 'environment') : [];
      return {
        name: workspace.name?.trim() || 'Insomnia workspace',
        children: nodesUnder(workspace._id),
        baseEnvironment: base?.data ?? {},
        subEnvironments: bySortKey(subs, (sub) => sub.metaSortKey).map((sub, index) => ({
          name: sub.name?.trim() || `Environment ${index + 1}`,
          data: sub.data ?? {},
          isPrivate: sub.isPrivate ?? false,
        })),
      };
    });
}

/** Ascending sort keys, as Insomnia lists items; items without one keep their place at the end. */
function bySortKey<T>(items: readonly T[], key: (item: T) => number | undefined): T[] {
  return items
    .map((item, index) => ({ item, index, key: key(item) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ item }) => item);
}

// What one importer makes of its files, before the preview puts every importer's parts together:
// connections ready to save, environments still as drafts (their secrets are settled once all
// connections are known), and the event streams a file held.

import type { ConnectionInput } from '../../../common/config-schema.ts';
import type { CaptureDraft } from '../../../common/import-preview.ts';
import type { EnvironmentDraft } from './environment-draft.ts';

export class ImportParts {
  readonly connections: ConnectionInput[] = [];
  readonly environments: EnvironmentDraft[] = [];
  readonly captures: CaptureDraft[] = [];
}

// The object verbs, kubectl's way: apply, get, describe, delete and `create namespace`, each in
// its own file (get-command.ts, ...; what they share in object-common.ts). This module gathers
// them and keeps the names it has always exported.
import { applyCommand } from './apply-command.js';
import type { LeafCommand } from './command.js';
import { deleteCommand } from './delete-command.js';
import { describeCommand } from './describe-command.js';
import { getCommand } from './get-command.js';

export { createGroup } from './create-command.js';
export { DEFAULT_CHUNK_SIZE, kindArg, listDocument, parseTargets } from './object-common.js';
export type { TargetGroup } from './object-common.js';

/** The object verbs, each a top-level command. */
export const objectCommands: readonly LeafCommand[] = [applyCommand, getCommand, describeCommand, deleteCommand];

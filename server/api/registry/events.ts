// Recording Events: what a control-plane component did and why, as Kubernetes Event objects
// that `berth get events` and `describe` show. Recording is best effort: a failed write is logged
// and never fails the work it describes.
import { randomBytes } from 'node:crypto';
import { resolveKind } from '../../../client/index.js';
import type { KubeObject } from '../../../client/index.js';
import type { ObjectRegistry } from './registry.js';
import { timestamp } from './options.js';

const EVENT = resolveKind('Event');
/** Events of cluster-scoped objects (Nodes) go here, as in Kubernetes. */
const CLUSTER_EVENTS_NAMESPACE = 'default';
/** Longest message kept; the rest is cut, so that an event never nears the object size limit. */
const MAX_EVENT_MESSAGE_CHARS = 1024;

export interface EventRecord {
  /** The object the event is about. */
  readonly object: KubeObject;
  readonly reason: string;
  readonly message: string;
  readonly type?: 'Normal' | 'Warning';
  /** e.g. "node-lifecycle". */
  readonly component: string;
}

/** Writes one Event; resolves to its name, or undefined when the write failed. */
export async function recordEvent(reg: ObjectRegistry, rec: EventRecord): Promise<string | undefined> {
  const now = timestamp(reg.opts.now());
  const md = rec.object.metadata;
  const namespace = md.namespace ?? CLUSTER_EVENTS_NAMESPACE;
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${String(md.name)}.${randomBytes(8).toString('hex')}`, namespace },
    involvedObject: {
      apiVersion: rec.object.apiVersion,
      kind: rec.object.kind,
      name: md.name,
      ...(md.namespace !== undefined ? { namespace: md.namespace } : {}),
      ...(md.uid !== undefined ? { uid: md.uid } : {}),
    },
    reason: rec.reason,
    message: rec.message.length > MAX_EVENT_MESSAGE_CHARS ? `${rec.message.slice(0, MAX_EVENT_MESSAGE_CHARS)}…` : rec.message,
    type: rec.type ?? 'Normal',
    source: { component: rec.component },
    reportingComponent: rec.component,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
  try {
    await reg.create(event);
    return String(event.metadata.name);
  } catch (err) {
    reg.opts.logger.debug({ component: rec.component, err, reason: rec.reason, kind: EVENT.kind }, 'recording an event failed');
    return undefined;
  }
}

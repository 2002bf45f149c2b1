// The object codec: a Kubernetes-shaped JSON object <-> berth.objects.v1.ApiObject. The SDK
// encodes what users write; the server decodes what it stores and sends back. Both directions
// walk the same reflection of objects.proto (codec-schema.ts), so that JSON names (json_name),
// IntOrString, bytes and quantities are treated one way everywhere.
import { InvalidError, invalidObject } from '../errors.js';
import type { FieldCause } from '../errors.js';
import { loadSchema, messageShapeByName } from './codec-schema.js';
import { messageFromWire } from './codec-from-wire.js';
import { WireWalk, messageToWire } from './codec-to-wire.js';
import { describe, isObject, own } from './codec-values.js';
import { KINDS, findKind, kindByWireField } from './kinds.js';
import type { KindInfo } from './kinds.js';
import type { KubeObject } from './types.js';

export interface ToWireOptions {
  /** Fields berth does not know are causes instead of warnings. @default false */
  strict?: boolean;
}

export interface ToWireResult {
  kind: KindInfo;
  wire: Record<string, unknown>;
  /** `path: unknown field, ignored`, one per unknown field (none with strict). */
  warnings: string[];
}

/** The field causes name when the object itself is at fault. */
const ROOT_FIELD = '<object>';

/** JSON (Kubernetes shape) -> an ApiObject input message ({[kind.wireField]: {...}}), ready for grpc-js to serialize. */
export function objectToWire(obj: unknown, options: ToWireOptions = {}): ToWireResult {
  loadSchema();
  return guarded(() => {
    const walk = new WireWalk(options.strict ?? false);
    const kind = manifestKind(obj, walk);
    if (kind === undefined || !isObject(obj)) throw invalidObject(walk.allCauses());
    if (own(obj, 'apiVersion') == null) walk.cause('apiVersion', `must be set (${kind.kind} is served as ${kind.apiVersion})`);
    const message = walkObject(kind, obj, walk);
    const causes = walk.allCauses();
    if (causes.length > 0 || message === undefined) throw invalidObject(causes, subjectOf(kind, obj));
    return { kind, wire: { [kind.wireField]: message }, warnings: walk.allWarnings() };
  });
}

/** The same JSON -> message check, for one object, without the ApiObject wrapper (used by the server's fuzz tests). */
export function checkShape(kind: KindInfo, obj: unknown, options: ToWireOptions = {}): { warnings: string[]; causes: FieldCause[] } {
  loadSchema();
  try {
    const walk = new WireWalk(options.strict ?? false);
    walkObject(kind, obj, walk);
    return { warnings: walk.allWarnings(), causes: walk.allCauses() };
  } catch (err) {
    return { warnings: [], causes: [...unreadable(err).causes] };
  }
}

/** A decoded ApiObject (as @grpc/grpc-js + proto-loader with PROTO_LOADER_OPTIONS delivers it) -> JSON in Kubernetes shape. */
export function objectFromWire(wire: unknown): KubeObject {
  const kind = isObject(wire) ? wireKind(wire) : undefined;
  const message = kind === undefined || !isObject(wire) ? undefined : own(wire, kind.wireField);
  if (kind === undefined || !isObject(message)) {
    throw invalidObject([{ field: 'object', message: `an ApiObject must carry one of ${KINDS.map((k) => k.wireField).join(', ')}` }]);
  }
  const { apiVersion, kind: kindName, metadata, ...rest } = messageFromWire(messageShapeByName(kind.message), message);
  // apiVersion and kind first, as Kubernetes prints them; the kinds table fills them when unset.
  return {
    apiVersion: typeof apiVersion === 'string' ? apiVersion : kind.apiVersion,
    kind: typeof kindName === 'string' ? kindName : kind.kind,
    metadata: isObject(metadata) ? metadata : {},
    ...rest,
  };
}

/**
 * The message walk plus the checks that tie apiVersion and kind to the kind being walked: a
 * manifest's apiVersion must be the one berth serves the kind as, since berth converts none.
 */
function walkObject(kind: KindInfo, obj: unknown, walk: WireWalk): Record<string, unknown> | undefined {
  if (!isObject(obj)) {
    walk.cause(ROOT_FIELD, `must be a JSON object (got ${describe(obj)})`);
    return undefined;
  }
  const message = messageToWire(messageShapeByName(kind.message), obj, '', walk);
  if (message === undefined) return undefined;
  const apiVersion = message['apiVersion'];
  if (apiVersion !== undefined && apiVersion !== kind.apiVersion) {
    walk.cause('apiVersion', `${kind.kind} is served as ${kind.apiVersion} (got ${describe(apiVersion)})`);
  }
  const kindName = message['kind'];
  if (kindName !== undefined && findKind(String(kindName)) !== kind) {
    walk.cause('kind', `must be ${kind.kind} (got ${describe(kindName)})`);
  }
  // Any spelling findKind accepts ("deployment") travels as the kind's own name.
  message['kind'] = kind.kind;
  return message;
}

/** The kind a manifest names; records a cause and returns undefined when it names none. */
function manifestKind(obj: unknown, walk: WireWalk): KindInfo | undefined {
  if (!isObject(obj)) {
    walk.cause(ROOT_FIELD, `must be a JSON object (got ${describe(obj)})`);
    return undefined;
  }
  const name = own(obj, 'kind');
  if (typeof name !== 'string') {
    walk.cause('kind', name === undefined || name === null ? 'required' : `must be a string (got ${describe(name)})`);
    return undefined;
  }
  const kind = findKind(name);
  if (kind === undefined) walk.cause('kind', `unknown kind ${describe(name)}; berth serves ${KINDS.map((k) => k.kind).join(', ')}`);
  return kind;
}

/** `Deployment "web"` for messages; undefined when the object has no usable name. */
function subjectOf(kind: KindInfo, obj: Record<string, unknown>): string | undefined {
  const metadata = own(obj, 'metadata');
  if (!isObject(metadata)) return undefined;
  const name = own(metadata, 'name') ?? own(metadata, 'generateName');
  return typeof name === 'string' && name !== '' ? `${kind.kind} ${describe(name)}` : undefined;
}

/** The kind of a wire ApiObject: by the oneof's virtual field when set, else by the member present. */
function wireKind(wire: Record<string, unknown>): KindInfo | undefined {
  const member = own(wire, 'object');
  if (typeof member === 'string') return kindByWireField(member);
  return KINDS.find((k) => isObject(own(wire, k.wireField)));
}

/**
 * Runs a conversion so that it throws nothing but InvalidError: JSON cannot make the walk fail
 * otherwise, but a value with a throwing getter or a hostile Proxy can.
 */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof InvalidError) throw err;
    throw unreadable(err);
  }
}

function unreadable(err: unknown): InvalidError {
  const reason = err instanceof Error ? err.message : typeof err;
  return invalidObject([{ field: ROOT_FIELD, message: `cannot be read as JSON: ${reason}` }]);
}

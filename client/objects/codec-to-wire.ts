// JSON (Kubernetes shape) -> wire message, by walking the JSON against the schema's reflection.
// The walk never stops at the first problem: every cause is collected, so that one apply names
// everything wrong with a manifest. Only own enumerable keys are read, unknown keys are never
// walked into, and output objects get only schema names or checked map keys as keys.
import type { FieldCause } from '../errors.js';
import { messageShape } from './codec-schema.js';
import type { FieldShape, MessageShape, ValueShape } from './codec-schema.js';
import { childPath, describe, enumToWire, hasLoneSurrogate, indexPath, intOrStringToWire, isObject, NOT_UNICODE, scalarToWire } from './codec-values.js';
import type { Converted } from './codec-values.js';

/** Most causes one object reports; a generated list of a million bad values stays one message. */
export const MAX_CAUSES = 100;
/** Most unknown-field warnings one object reports. */
export const MAX_WARNINGS = 100;

/** What a walk collects. */
export class WireWalk {
  readonly causes: FieldCause[] = [];
  readonly warnings: string[] = [];
  private causesLeftOut = 0;
  private warningsLeftOut = 0;

  constructor(readonly strict: boolean) {}

  cause(field: string, message: string): void {
    if (this.causes.length < MAX_CAUSES) this.causes.push({ field, message });
    else this.causesLeftOut++;
  }

  unknownField(field: string): void {
    if (this.strict) this.cause(field, 'unknown field');
    else if (this.warnings.length < MAX_WARNINGS) this.warnings.push(`${field}: unknown field, ignored`);
    else this.warningsLeftOut++;
  }

  /** The causes, with a last one saying how many were left out. */
  allCauses(): FieldCause[] {
    if (this.causesLeftOut === 0) return this.causes;
    return [...this.causes, { field: '(more)', message: `${this.causesLeftOut} more causes not listed` }];
  }

  allWarnings(): string[] {
    if (this.warningsLeftOut === 0) return this.warnings;
    return [...this.warnings, `${this.warningsLeftOut} more unknown fields not listed`];
  }
}

/**
 * One message. Returns undefined (after recording a cause) when the value is not an object.
 * JSON null and undefined members mean "unset" and are skipped.
 */
export function messageToWire(shape: MessageShape, value: unknown, path: string, walk: WireWalk): Record<string, unknown> | undefined {
  if (!isObject(value)) {
    walk.cause(path, `must be an object (got ${describe(value)})`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const at = childPath(path, key);
    const field = shape.byJson.get(key);
    if (field === undefined) {
      walk.unknownField(at);
      continue;
    }
    const member = value[key];
    if (member === null || member === undefined) continue;
    const converted = fieldToWire(field, member, at, walk);
    // wireName comes from the schema, so this write cannot reach a prototype.
    if (converted !== undefined) out[field.wireName] = converted;
  }
  return out;
}

function fieldToWire(field: FieldShape, value: unknown, path: string, walk: WireWalk): unknown {
  if (field.map) return mapToWire(field.value, value, path, walk);
  if (field.repeated) return listToWire(field.value, value, path, walk);
  return valueToWire(field.value, value, path, walk);
}

function listToWire(shape: ValueShape, value: unknown, path: string, walk: WireWalk): unknown[] | undefined {
  if (!Array.isArray(value)) {
    walk.cause(path, `must be a list (got ${describe(value)})`);
    return undefined;
  }
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const at = indexPath(path, i);
    // A list element has no "unset": protobuf cannot carry a hole in a repeated field.
    if (item === null || item === undefined) walk.cause(at, `must not be ${describe(item)}`);
    else out.push(valueToWire(shape, item, at, walk));
  }
  return out;
}

function mapToWire(shape: ValueShape, value: unknown, path: string, walk: WireWalk): Record<string, unknown> | undefined {
  if (!isObject(value)) {
    walk.cause(path, `must be an object (got ${describe(value)})`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const at = childPath(path, key);
    const item = value[key];
    if (item === null || item === undefined) continue;
    if (hasLoneSurrogate(key)) {
      walk.cause(at, NOT_UNICODE);
      continue;
    }
    if (key === '__proto__') {
      // protobufjs builds maps as plain objects, where this key would be swallowed by the prototype setter.
      walk.cause(at, 'the key "__proto__" cannot be stored');
      continue;
    }
    const converted = valueToWire(shape, item, at, walk);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

function valueToWire(shape: ValueShape, value: unknown, path: string, walk: WireWalk): unknown {
  if (shape.kind === 'message') return messageToWire(messageShape(shape.type), value, path, walk);
  return report(convertLeaf(shape, value), path, walk);
}

function convertLeaf(shape: Exclude<ValueShape, { kind: 'message' }>, value: unknown): Converted {
  switch (shape.kind) {
    case 'intOrString':
      return intOrStringToWire(value);
    case 'enum':
      return enumToWire(shape.values, value);
    case 'scalar':
      return scalarToWire(shape.scalar, shape.quantity, value);
  }
}

function report(converted: Converted, path: string, walk: WireWalk): unknown {
  if (converted.ok) return converted.value;
  walk.cause(path, converted.message);
  return undefined;
}

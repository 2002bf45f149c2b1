// Wire message -> JSON (Kubernetes shape), by walking the schema's reflection over a decoded
// message. proto-loader decodes with defaults, so every absent list is [] and every absent map
// {}; those are dropped here, as Kubernetes omits them. Absent messages decode as null and are
// dropped too, but a message that is present stays even when empty: `emptyDir: {}` means a
// scratch volume, and dropping it would leave a volume with no source.
import { messageShape } from './codec-schema.js';
import type { FieldShape, MessageShape, ValueShape } from './codec-schema.js';
import { isObject, own } from './codec-values.js';

export function messageFromWire(shape: MessageShape, message: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const value = own(message, field.wireName);
    if (value === null || value === undefined) continue;
    const converted = fieldFromWire(field, value);
    if (converted !== undefined) out[field.jsonName] = converted;
  }
  return out;
}

function fieldFromWire(field: FieldShape, value: unknown): unknown {
  if (field.map) return mapFromWire(field.value, value);
  if (field.repeated) return listFromWire(field.value, value);
  return valueFromWire(field.value, value);
}

function listFromWire(shape: ValueShape, value: unknown): unknown[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out: unknown[] = [];
  for (const item of value as unknown[]) {
    const converted = valueFromWire(shape, item);
    if (converted !== undefined) out.push(converted);
  }
  return out.length === 0 ? undefined : out;
}

function mapFromWire(shape: ValueShape, value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  let size = 0;
  for (const key of Object.keys(value)) {
    const converted = valueFromWire(shape, own(value, key));
    if (converted === undefined) continue;
    setOwn(out, key, converted);
    size++;
  }
  return size === 0 ? undefined : out;
}

/** Map keys come from the data: "__proto__" must become a key, not a new prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function valueFromWire(shape: ValueShape, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.kind) {
    case 'message':
      return isObject(value) ? messageFromWire(messageShape(shape.type), value) : undefined;
    case 'intOrString':
      return isObject(value) ? intOrStringFromWire(value) : undefined;
    case 'enum':
      return value;
    case 'scalar':
      return scalarFromWire(value);
  }
}

/** The oneof's virtual field (`value: "intVal"`) says which member is set; without it, whichever is. */
function intOrStringFromWire(value: Record<string, unknown>): number | string | undefined {
  const which = own(value, 'value');
  const int = longToNumber(own(value, 'intVal'));
  const str = own(value, 'strVal');
  if (which === 'strVal' && typeof str === 'string') return str;
  if (which === 'intVal' && typeof int === 'number') return int;
  if (typeof int === 'number') return int;
  return typeof str === 'string' ? str : undefined;
}

/** bytes become base64, as in Kubernetes' JSON; 64-bit values that arrive as Long become numbers. */
function scalarFromWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return longToNumber(value);
}

function longToNumber(value: unknown): unknown {
  if (isObject(value) && typeof value['toNumber'] === 'function') return (value['toNumber'] as () => unknown)();
  return value;
}

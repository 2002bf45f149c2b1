// The object schema as the codec walks it: objects.proto loaded once with protobufjs reflection
// and turned into per-message tables keyed by Kubernetes JSON name and by wire (camelCase) name.
// Reading the .proto at run time, rather than a hand-written table, means a field added to the
// schema is carried by the SDK and the server without touching the codec.
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { protoRoot } from '../../proto/load.js';

/** The file that declares berth.objects.v1, relative to protoRoot(). */
const OBJECTS_PROTO = join('berth', 'objects', 'v1', 'objects.proto');
const PACKAGE = 'berth.objects.v1';
const INT_OR_STRING = `.${PACKAGE}.IntOrString`;

/**
 * Fields that hold Kubernetes quantities ("500m", "1Gi"): strings on the wire, but manifests
 * may write them as bare numbers (cpu: 2), which become the number's decimal string. A proto
 * custom option would say the same in the schema, but protoc and proto-loader-gen-types would
 * then need google/protobuf/descriptor.proto; a table checked by the unit tests is simpler.
 * Keys are `Message.wireName`.
 */
export const QUANTITY_FIELDS: ReadonlySet<string> = new Set([
  'ResourceRequirements.limits',
  'ResourceRequirements.requests',
  'VolumeResourceRequirements.limits',
  'VolumeResourceRequirements.requests',
  'PersistentVolumeClaimStatus.capacity',
  'NodeStatus.capacity',
  'NodeStatus.allocatable',
  'PodSpec.overhead',
  'EmptyDirVolumeSource.sizeLimit',
  'ResourceFieldSelector.divisor',
  'MetricTarget.value',
  'MetricTarget.averageValue',
  'MetricValueStatus.value',
  'MetricValueStatus.averageValue',
]);

export type ScalarType = 'int32' | 'uint32' | 'int64' | 'uint64' | 'double' | 'bool' | 'string' | 'bytes';

/** What one value of a field (a list element or map value for repeated and map fields) is. */
export type ValueShape =
  | { readonly kind: 'scalar'; readonly scalar: ScalarType; readonly quantity: boolean }
  | { readonly kind: 'enum'; readonly values: ReadonlySet<string> }
  | { readonly kind: 'intOrString' }
  | { readonly kind: 'message'; readonly type: protobuf.Type };

export interface FieldShape {
  /** The Kubernetes JSON name: json_name when the .proto sets one ("clusterIP"), else camelCase. */
  readonly jsonName: string;
  /** The name protobufjs and proto-loader use with keepCase false ("clusterIp"). */
  readonly wireName: string;
  readonly repeated: boolean;
  /** A map<string, V>; `value` describes V. */
  readonly map: boolean;
  readonly value: ValueShape;
}

export interface MessageShape {
  /** The short message name: "DeploymentSpec". */
  readonly name: string;
  /** In declaration order, which the .proto keeps in Kubernetes' JSON order. */
  readonly fields: readonly FieldShape[];
  readonly byJson: ReadonlyMap<string, FieldShape>;
}

let root: protobuf.Root | undefined;
const shapes = new Map<protobuf.Type, MessageShape>();

/**
 * Loads objects.proto and builds the shape of every message, once per process. The codec calls
 * it before it reads any input, so that a schema the codec cannot handle fails loudly as what it
 * is rather than as a cause about the input.
 */
export function loadSchema(): protobuf.Root {
  if (root === undefined) {
    const loaded = new protobuf.Root();
    loaded.loadSync(join(protoRoot(), OBJECTS_PROTO), { keepCase: false });
    loaded.resolveAll();
    const pkg = loaded.lookup(PACKAGE);
    if (!(pkg instanceof protobuf.Namespace)) throw new Error(`${OBJECTS_PROTO} does not declare package ${PACKAGE}`);
    for (const nested of pkg.nestedArray) if (nested instanceof protobuf.Type) messageShape(nested);
    root = loaded;
  }
  return root;
}

/** The shape of a message of berth.objects.v1 by short name ("Deployment"). */
export function messageShapeByName(name: string): MessageShape {
  let shape = shapesByName.get(name);
  if (shape === undefined) {
    shape = messageShape(loadSchema().lookupType(`${PACKAGE}.${name}`));
    shapesByName.set(name, shape);
  }
  return shape;
}

/** Looked up by name per object converted: cached, as a lookup walks the namespace. */
const shapesByName = new Map<string, MessageShape>();

export function messageShape(type: protobuf.Type): MessageShape {
  let shape = shapes.get(type);
  if (shape === undefined) {
    const fields = type.fieldsArray.map((f) => fieldShape(type.name, f.resolve()));
    shape = { name: type.name, fields, byJson: new Map(fields.map((f) => [f.jsonName, f])) };
    shapes.set(type, shape);
  }
  return shape;
}

function fieldShape(messageName: string, field: protobuf.Field): FieldShape {
  const jsonName: unknown = field.options?.['json_name'];
  const map = field instanceof protobuf.MapField;
  if (map && field.keyType !== 'string') {
    // The codec turns JSON object keys into map keys unchanged; other key types would need parsing.
    throw new Error(`${messageName}.${field.name}: only map<string, V> is supported (got ${field.keyType} keys)`);
  }
  return {
    jsonName: typeof jsonName === 'string' ? jsonName : field.name,
    wireName: field.name,
    repeated: field.repeated,
    map,
    value: valueShape(field, QUANTITY_FIELDS.has(`${messageName}.${field.name}`)),
  };
}

function valueShape(field: protobuf.Field, quantity: boolean): ValueShape {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    return resolved.fullName === INT_OR_STRING ? { kind: 'intOrString' } : { kind: 'message', type: resolved };
  }
  if (resolved instanceof protobuf.Enum) return { kind: 'enum', values: new Set(Object.keys(resolved.values)) };
  return { kind: 'scalar', scalar: scalarType(field.type), quantity };
}

/** Folds protobuf's wire encodings of one JSON type together (sint32, fixed32 and int32 check alike). */
function scalarType(type: string): ScalarType {
  switch (type) {
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return 'int32';
    case 'uint32':
    case 'fixed32':
      return 'uint32';
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return 'int64';
    case 'uint64':
    case 'fixed64':
      return 'uint64';
    case 'double':
    case 'float':
      return 'double';
    case 'bool':
    case 'string':
    case 'bytes':
      return type;
    default:
      throw new Error(`unsupported protobuf type ${type}`);
  }
}

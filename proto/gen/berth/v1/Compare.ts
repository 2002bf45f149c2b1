// Original file: proto/berth/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

// Original file: proto/berth/v1/kv.proto

export const _berth_v1_Compare_Operator = {
  OPERATOR_UNSPECIFIED: 'OPERATOR_UNSPECIFIED',
  EQUAL: 'EQUAL',
  NOT_EQUAL: 'NOT_EQUAL',
  LESS: 'LESS',
  GREATER: 'GREATER',
} as const;

export type _berth_v1_Compare_Operator =
  | 'OPERATOR_UNSPECIFIED'
  | 0
  | 'EQUAL'
  | 1
  | 'NOT_EQUAL'
  | 2
  | 'LESS'
  | 3
  | 'GREATER'
  | 4

export type _berth_v1_Compare_Operator__Output = typeof _berth_v1_Compare_Operator[keyof typeof _berth_v1_Compare_Operator]

// Original file: proto/berth/v1/kv.proto

export const _berth_v1_Compare_Target = {
  TARGET_UNSPECIFIED: 'TARGET_UNSPECIFIED',
  VALUE: 'VALUE',
  MOD_REVISION: 'MOD_REVISION',
  CREATE_REVISION: 'CREATE_REVISION',
  VERSION: 'VERSION',
  /**
   * Whether the key exists; the only operator is EQUAL.
   */
  EXISTS: 'EXISTS',
} as const;

export type _berth_v1_Compare_Target =
  | 'TARGET_UNSPECIFIED'
  | 0
  | 'VALUE'
  | 1
  | 'MOD_REVISION'
  | 2
  | 'CREATE_REVISION'
  | 3
  | 'VERSION'
  | 4
  /**
   * Whether the key exists; the only operator is EQUAL.
   */
  | 'EXISTS'
  | 5

export type _berth_v1_Compare_Target__Output = typeof _berth_v1_Compare_Target[keyof typeof _berth_v1_Compare_Target]

/**
 * A condition of a txn. A key that does not exist has create_revision, mod_revision and version
 * 0, and a VALUE compare on it is false whatever the operator.
 */
export interface Compare {
  'key'?: (string);
  'target'?: (_berth_v1_Compare_Target);
  'op'?: (_berth_v1_Compare_Operator);
  'value'?: (Buffer | Uint8Array | string);
  'number'?: (number | string | Long);
  'exists'?: (boolean);
  /**
   * The operand, matching the target: bytes for VALUE, a number for the revisions and VERSION,
   * a bool for EXISTS.
   */
  'operand'?: "value"|"number"|"exists";
}

/**
 * A condition of a txn. A key that does not exist has create_revision, mod_revision and version
 * 0, and a VALUE compare on it is false whatever the operator.
 */
export interface Compare__Output {
  'key': (string);
  'target': (_berth_v1_Compare_Target__Output);
  'op': (_berth_v1_Compare_Operator__Output);
  'value'?: (Buffer);
  'number'?: (number);
  'exists'?: (boolean);
  /**
   * The operand, matching the target: bytes for VALUE, a number for the revisions and VERSION,
   * a bool for EXISTS.
   */
  'operand'?: "value"|"number"|"exists";
}

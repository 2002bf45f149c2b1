// Original file: proto/berth/v1/raft.proto

export const RaftEntryType = {
  RAFT_ENTRY_TYPE_UNSPECIFIED: 'RAFT_ENTRY_TYPE_UNSPECIFIED',
  RAFT_ENTRY_TYPE_NORMAL: 'RAFT_ENTRY_TYPE_NORMAL',
  RAFT_ENTRY_TYPE_CONF: 'RAFT_ENTRY_TYPE_CONF',
} as const;

export type RaftEntryType =
  | 'RAFT_ENTRY_TYPE_UNSPECIFIED'
  | 0
  | 'RAFT_ENTRY_TYPE_NORMAL'
  | 1
  | 'RAFT_ENTRY_TYPE_CONF'
  | 2

export type RaftEntryType__Output = typeof RaftEntryType[keyof typeof RaftEntryType]

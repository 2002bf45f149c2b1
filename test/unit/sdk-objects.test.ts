// Proves the pure parts of the SDK's object and cluster calls: which namespace a request carries,
// which arguments are refused before any call, the List shape of list(), and how cluster.status()
// turns the member list and each member's own answer (or silence) into one overview.
import { describe, expect, it } from 'vitest';
import { InvalidError, resolveKind } from '../../client/index.js';
import type { ClusterStatus, Member } from '../../client/index.js';
import { clusterOverview } from '../../client/cluster.js';
import {
  checkLimit,
  checkResourceVersion,
  mergePatchText,
  namespaceFor,
  selectionNamespace,
  withDefaultNamespace,
} from '../../client/objects/object-requests.js';

const pod = resolveKind('po');
const node = resolveKind('nodes');

describe('object requests', () => {
  it('sends "default" for a namespaced Get/Delete/Patch without one, "" for cluster-scoped kinds', () => {
    expect(namespaceFor(pod, undefined)).toBe('default');
    expect(namespaceFor(pod, '')).toBe('default');
    expect(namespaceFor(pod, 'web')).toBe('web');
    expect(namespaceFor(node, 'web')).toBe('');
  });

  it('lists and watches every namespace unless one is named', () => {
    expect(selectionNamespace(pod, undefined)).toBe('');
    expect(selectionNamespace(pod, 'web')).toBe('web');
    expect(selectionNamespace(node, 'web')).toBe('');
  });

  it('gives a namespaced object without a namespace "default", and leaves everything else alone', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };
    expect(withDefaultNamespace(cm)).toEqual({ ...cm, metadata: { name: 'a', namespace: 'default' } });
    expect(cm.metadata).toEqual({ name: 'a' });
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };
    expect(withDefaultNamespace(ns)).toBe(ns);
    const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } };
    expect(withDefaultNamespace(other)).toBe(other);
    expect(withDefaultNamespace('junk')).toBe('junk');
  });

  it('refuses bad arguments with InvalidError before any call', () => {
    expect(checkResourceVersion(undefined)).toBe('');
    expect(checkResourceVersion('0')).toBe('');
    expect(checkResourceVersion('42')).toBe('42');
    expect(() => checkResourceVersion('latest')).toThrow(InvalidError);
    expect(checkLimit(undefined)).toBe(0);
    expect(() => checkLimit(-1)).toThrow('limit: must be an integer from 0 to 4294967295 (got -1)');
    expect(mergePatchText({ spec: { replicas: null } })).toBe('{"spec":{"replicas":null}}');
    expect(() => mergePatchText([1] as unknown as Record<string, unknown>)).toThrow('patch: must be a JSON object (a merge patch) (got [1])');
  });
});

function status(id: string, term: number, role: ClusterStatus['role'], leader: string, commit = 10): ClusterStatus {
  return {
    clusterId: 'c',
    id,
    leader,
    term,
    role,
    commit,
    applied: commit - 1,
    lastIndex: commit,
    firstIndex: 1,
    revision: commit,
    compactedRevision: 0,
    voters: [],
    learners: [],
    progress: [],
    leadTransferee: '',
  };
}

describe('clusterOverview', () => {
  const members: Member[] = [
    { id: 'r1', address: 'h:1', role: 'voter' },
    { id: 'r2', address: 'h:2', role: 'voter' },
    { id: 'r3', address: 'h:3', role: 'voter' },
    { id: 'r4', address: 'h:4', role: 'learner' },
  ];

  it('takes leader and term from the highest-term answer and each role from the member itself', () => {
    const o = clusterOverview(members, [status('r1', 3, 'leader', 'r1'), status('r2', 4, 'candidate', ''), status('r3', 4, 'follower', 'r3'), undefined]);
    expect(o.leader).toBe('r3');
    expect(o.term).toBe(4);
    expect(o.members.map((m) => [m.id, m.role, m.healthy])).toEqual([
      ['r1', 'leader', true],
      ['r2', 'candidate', true],
      ['r3', 'follower', true],
      ['r4', 'unknown', false],
    ]);
    expect(o.members[0]).toMatchObject({ address: 'h:1', commitIndex: 10, appliedIndex: 9 });
    expect(o.members[3]).toMatchObject({ commitIndex: 0, appliedIndex: 0 });
  });

  it('reports learners per the member list, and no leader when nobody answers', () => {
    const o = clusterOverview(members, [undefined, undefined, undefined, status('r4', 2, 'follower', 'r1')]);
    expect(o.members[3]?.role).toBe('learner');
    expect(clusterOverview(members, [undefined, undefined, undefined, undefined])).toMatchObject({ leader: '', term: 0 });
  });
});

// The scheduling queue, after kube-scheduler's: an active queue ordered by priority (highest
// first) then age; a back-off queue of pods whose last attempt failed, each waiting
// initial * 2^(attempts - 1) up to a maximum; and the unschedulable pods, which wait for a cluster
// change that may help them (moveAll) or for their periodic retry. A pod is in one place at a time,
// or "in flight" while it is being decided and bound. The queue holds at most `maxPendingPods`
// pods: beyond that it refuses new ones and remembers that it did (`overflowed`), and the
// scheduler finds them again in the informer once there is room.
import type { KubeObject } from '../../client/index.js';
import { Heap } from './heap.js';
import type { PodInfo } from './pod-info.js';

export type QueueState = 'active' | 'backoff' | 'unschedulable' | 'inflight';

/** What a failed attempt failed on, so that only the cluster changes that may help move it. */
export const FAILED_ON_RESOURCES = 1;
export const FAILED_ON_AFFINITY = 2;
export const FAILED_ON_NODE = 4;
export const FAILED_ON_ANY = FAILED_ON_RESOURCES | FAILED_ON_AFFINITY | FAILED_ON_NODE;

export interface QueuedPod {
  readonly key: string;
  uid: string;
  /** The pod's latest version from the informer. */
  obj: KubeObject;
  info: PodInfo;
  priority: number;
  /** Attempts made so far. */
  attempts: number;
  /** When a failed pod may be tried again (ms since the epoch). */
  backoffUntil: number;
  state: QueueState;
  /** When it became unschedulable. */
  since: number;
  failedOn: number;
  /** The FailedScheduling message last written to its status, not yet seen back. */
  lastMessage: string | undefined;
  /** Identifies the current active-heap item; older items of this pod are stale. */
  seq: number;
  /** Arrival order, for equal priority and age. */
  readonly order: number;
}

export interface QueueOptions {
  readonly maxPendingPods: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly unschedulableRetryMs: number;
}

interface HeapItem {
  readonly pod: QueuedPod;
  readonly seq: number;
}

function activeBefore(a: HeapItem, b: HeapItem): boolean {
  const x = a.pod;
  const y = b.pod;
  if (x.priority !== y.priority) return x.priority > y.priority;
  if (x.info.creationMs !== y.info.creationMs) return x.info.creationMs < y.info.creationMs;
  return x.order < y.order;
}

export class SchedulingQueue {
  private readonly pods = new Map<string, QueuedPod>();
  private active = new Heap<HeapItem>(activeBefore);
  private readonly backoff = new Heap<HeapItem>((a, b) => a.pod.backoffUntil < b.pod.backoffUntil);
  /** In the order they became unschedulable: the oldest first. */
  private readonly unschedulable = new Map<string, QueuedPod>();
  private activeCount = 0;
  /** Unschedulable pods whose failure an inter-pod change may undo (so that other moves can skip the scan). */
  private waitingOnAffinity = 0;
  private nextSeq = 0;
  private nextOrder = 0;
  /** Set when a pod was refused for want of room. */
  overflowed = false;

  constructor(private readonly opts: QueueOptions) {}

  get size(): number {
    return this.pods.size;
  }

  get activeLength(): number {
    return this.activeCount;
  }

  get unschedulableLength(): number {
    return this.unschedulable.size;
  }

  get(key: string): QueuedPod | undefined {
    return this.pods.get(key);
  }

  /**
   * Adds a pending pod or takes its new version. A new version of an unschedulable pod whose spec
   * or labels changed (a new info) may now fit: it goes back to be tried. False when full.
   */
  upsert(obj: KubeObject, info: PodInfo, priority: number, now: number): boolean {
    const key = info.key;
    const had = this.pods.get(key);
    if (had !== undefined && had.uid !== info.uid) this.remove(key);
    const cur = this.pods.get(key);
    if (cur === undefined) {
      if (this.pods.size >= this.opts.maxPendingPods) {
        this.overflowed = true;
        return false;
      }
      const pod: QueuedPod = { key, uid: info.uid, obj, info, priority, attempts: 0, backoffUntil: 0, state: 'inflight', since: 0, failedOn: 0, lastMessage: undefined, seq: 0, order: this.nextOrder++ };
      this.pods.set(key, pod);
      this.toActive(pod);
      return true;
    }
    const changed = cur.info !== info;
    const reprioritized = cur.priority !== priority;
    cur.obj = obj;
    cur.info = info;
    cur.priority = priority;
    if (cur.state === 'unschedulable' && changed) this.release(cur, now);
    else if (cur.state === 'active' && (reprioritized || changed)) this.toActive(cur);
    return true;
  }

  /** Forgets the pod (bound, deleted, or no longer ours); with `uid`, only that incarnation. */
  remove(key: string, uid?: string): void {
    const pod = this.pods.get(key);
    if (pod === undefined || (uid !== undefined && pod.uid !== uid)) return;
    this.pods.delete(key);
    if (pod.state === 'active') this.activeCount--;
    this.leaveUnschedulable(pod);
    pod.state = 'inflight';
    pod.seq = -1;
  }

  /** The next pod to try (it is then in flight), or undefined. */
  pop(): QueuedPod | undefined {
    for (;;) {
      const item = this.active.pop();
      if (item === undefined) return undefined;
      const pod = item.pod;
      if (pod.state !== 'active' || pod.seq !== item.seq || this.pods.get(pod.key) !== pod) continue;
      this.activeCount--;
      pod.state = 'inflight';
      pod.attempts++;
      return pod;
    }
  }

  private backoffMs(attempts: number): number {
    const exp = Math.min(Math.max(attempts - 1, 0), 30);
    return Math.min(this.opts.initialBackoffMs * 2 ** exp, this.opts.maxBackoffMs);
  }

  /** After an attempt found no node: wait for a cluster change or the periodic retry. */
  unschedulableAfter(pod: QueuedPod, now: number, failedOn: number): void {
    if (this.pods.get(pod.key) !== pod) return;
    this.leaveUnschedulable(pod);
    pod.state = 'unschedulable';
    pod.since = now;
    pod.failedOn = failedOn;
    pod.backoffUntil = now + this.backoffMs(pod.attempts);
    this.unschedulable.set(pod.key, pod);
    if ((failedOn & FAILED_ON_AFFINITY) !== 0) this.waitingOnAffinity++;
  }

  private leaveUnschedulable(pod: QueuedPod): void {
    if (this.unschedulable.get(pod.key) !== pod) return;
    this.unschedulable.delete(pod.key);
    if ((pod.failedOn & FAILED_ON_AFFINITY) !== 0) this.waitingOnAffinity--;
  }

  /** After an error (a failed bind): try again after the back-off. */
  backoffAfter(pod: QueuedPod, now: number): void {
    if (this.pods.get(pod.key) !== pod) return;
    pod.backoffUntil = now + this.backoffMs(pod.attempts);
    this.toBackoff(pod);
  }

  /** The pod was bound. */
  done(pod: QueuedPod): void {
    if (this.pods.get(pod.key) === pod) this.remove(pod.key);
  }

  private toActive(pod: QueuedPod): void {
    if (pod.state !== 'active') this.activeCount++;
    this.leaveUnschedulable(pod);
    pod.state = 'active';
    pod.seq = ++this.nextSeq;
    this.active.push({ pod, seq: pod.seq });
    if (this.active.size > 2 * this.activeCount + 1024) this.compact();
  }

  private toBackoff(pod: QueuedPod): void {
    if (pod.state === 'active') this.activeCount--;
    this.leaveUnschedulable(pod);
    pod.state = 'backoff';
    pod.seq = ++this.nextSeq;
    this.backoff.push({ pod, seq: pod.seq });
  }

  /** To active, or to back-off while its back-off lasts. */
  private release(pod: QueuedPod, now: number): void {
    if (pod.backoffUntil > now) this.toBackoff(pod);
    else this.toActive(pod);
  }

  /**
   * A cluster change that may help: unschedulable pods that failed on what `mask` covers go back
   * (through the back-off while theirs lasts). Returns how many moved.
   */
  moveAll(now: number, mask = FAILED_ON_ANY): number {
    if (this.unschedulable.size === 0 || (mask === FAILED_ON_AFFINITY && this.waitingOnAffinity === 0)) return 0;
    let moved = 0;
    // Deleting the entry being visited is safe in a Map's iteration; nothing is added meanwhile.
    for (const pod of this.unschedulable.values()) {
      if ((pod.failedOn & mask) === 0) continue;
      this.release(pod, now);
      moved++;
    }
    return moved;
  }

  /** Moves pods whose back-off ended, and unschedulable pods due for their periodic retry. Returns how many became active. */
  flush(now: number): number {
    let moved = 0;
    for (;;) {
      const top = this.backoff.peek();
      if (top === undefined || top.pod.backoffUntil > now) break;
      this.backoff.pop();
      const pod = top.pod;
      if (pod.state !== 'backoff' || pod.seq !== top.seq || this.pods.get(pod.key) !== pod) continue;
      this.toActive(pod);
      moved++;
    }
    for (const pod of this.unschedulable.values()) {
      if (pod.since + this.opts.unschedulableRetryMs > now) break;
      this.release(pod, now);
      if (pod.state === 'active') moved++;
    }
    return moved;
  }

  /** New priorities for every pod (a PriorityClass changed). */
  reprioritize(priorityOf: (info: PodInfo) => number): void {
    for (const pod of this.pods.values()) pod.priority = priorityOf(pod.info);
    this.compact();
  }

  /** Rebuilds the active heap from the active pods, dropping stale items. */
  private compact(): void {
    this.active = new Heap<HeapItem>(activeBefore);
    for (const pod of this.pods.values()) {
      if (pod.state !== 'active') continue;
      pod.seq = ++this.nextSeq;
      this.active.push({ pod, seq: pod.seq });
    }
  }
}

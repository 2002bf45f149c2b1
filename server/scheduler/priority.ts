// Pod priority, resolved as Kubernetes' Priority admission would have: spec.priority when set,
// else the value of the PriorityClass that spec.priorityClassName names, else that of the global
// default class (the lowest, should several claim it), else 0. A name that matches no class is
// treated as 0 and reported. The preemption policy comes from the pod, else from its class.
import type { KubeObject } from '../../client/index.js';
import type { PodInfo } from './pod-info.js';

export const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority';

export interface PriorityClassInfo {
  readonly name: string;
  readonly value: number;
  readonly globalDefault: boolean;
  readonly preemptionPolicy: string;
}

/** Kubernetes' built-in classes, which exist without being stored. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClassInfo[] = [
  { name: 'system-cluster-critical', value: 2_000_000_000, globalDefault: false, preemptionPolicy: DEFAULT_PREEMPTION_POLICY },
  { name: 'system-node-critical', value: 2_000_001_000, globalDefault: false, preemptionPolicy: DEFAULT_PREEMPTION_POLICY },
];

export interface ResolvedPriority {
  readonly priority: number;
  readonly preemptionPolicy: string;
  /** The priorityClassName that named no class, if so. */
  readonly missingClass: string | undefined;
}

export function priorityClassInfo(obj: KubeObject): PriorityClassInfo {
  const value = obj['value'];
  const policy = obj['preemptionPolicy'];
  return {
    name: String(obj.metadata.name ?? ''),
    value: typeof value === 'number' ? value : 0,
    globalDefault: obj['globalDefault'] === true,
    preemptionPolicy: typeof policy === 'string' && policy !== '' ? policy : DEFAULT_PREEMPTION_POLICY,
  };
}

export class PriorityClasses {
  private readonly byName = new Map<string, PriorityClassInfo>();
  private globalDefault: PriorityClassInfo | undefined;

  constructor() {
    for (const c of SYSTEM_PRIORITY_CLASSES) this.byName.set(c.name, c);
  }

  set(obj: KubeObject): void {
    const c = priorityClassInfo(obj);
    this.byName.set(c.name, c);
    this.pickDefault();
  }

  delete(name: string): void {
    if (SYSTEM_PRIORITY_CLASSES.some((c) => c.name === name)) return;
    this.byName.delete(name);
    this.pickDefault();
  }

  private pickDefault(): void {
    this.globalDefault = undefined;
    for (const c of this.byName.values()) {
      if (c.globalDefault && (this.globalDefault === undefined || c.value < this.globalDefault.value)) this.globalDefault = c;
    }
  }

  resolve(p: Pick<PodInfo, 'specPriority' | 'priorityClassName' | 'preemptionPolicy'>): ResolvedPriority {
    const named = p.priorityClassName !== '' ? this.byName.get(p.priorityClassName) : undefined;
    const missingClass = p.specPriority === undefined && p.priorityClassName !== '' && named === undefined ? p.priorityClassName : undefined;
    const cls = p.priorityClassName !== '' ? named : this.globalDefault;
    const priority = p.specPriority ?? cls?.value ?? 0;
    return { priority, preemptionPolicy: p.preemptionPolicy ?? cls?.preemptionPolicy ?? DEFAULT_PREEMPTION_POLICY, missingClass };
  }

  priorityOf(p: Pick<PodInfo, 'specPriority' | 'priorityClassName' | 'preemptionPolicy'>): number {
    return this.resolve(p).priority;
  }
}

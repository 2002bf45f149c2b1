// Node selectors and node affinity, compiled once per pod: spec.nodeSelector (every label equal),
// requiredDuringScheduling nodeSelectorTerms (ORed; within a term, every requirement), and the
// preferred terms that scoring weighs. Kubernetes' meaning: NotIn and DoesNotExist match a node
// without the label; Gt and Lt compare the label as an integer; a term with no requirements, or
// with one that cannot be understood, matches no node; matchFields knows metadata.name.

/** What node affinity looks at. */
export interface NodeFacts {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export type NodeMatcher = (node: NodeFacts) => boolean;

export function labelOf(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  const v: unknown = Object.hasOwn(labels, key) ? labels[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

const INTEGER = /^[+-]?\d+$/;

interface RequirementLike {
  readonly key?: unknown;
  readonly operator?: unknown;
  readonly values?: unknown;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** One requirement on a value that may be absent; undefined when the requirement is not understood. */
function valueTest(r: RequirementLike): ((v: string | undefined) => boolean) | undefined {
  const values = strings(r.values);
  switch (r.operator) {
    case 'In':
      return (v) => v !== undefined && values.includes(v);
    case 'NotIn':
      return (v) => v === undefined || !values.includes(v);
    case 'Exists':
      return (v) => v !== undefined;
    case 'DoesNotExist':
      return (v) => v === undefined;
    case 'Gt':
    case 'Lt': {
      const bound = values.length === 1 && INTEGER.test(values[0] ?? '') ? Number(values[0]) : undefined;
      if (bound === undefined) return undefined;
      const gt = r.operator === 'Gt';
      return (v) => v !== undefined && INTEGER.test(v) && (gt ? Number(v) > bound : Number(v) < bound);
    }
    default:
      return undefined;
  }
}

const NOTHING: NodeMatcher = () => false;

export interface NodeSelectorTermLike {
  readonly matchExpressions?: readonly RequirementLike[];
  readonly matchFields?: readonly RequirementLike[];
}

/** One nodeSelectorTerm: every label expression and every field requirement holds. */
export function compileNodeSelectorTerm(term: NodeSelectorTermLike | undefined): NodeMatcher {
  const exprs = Array.isArray(term?.matchExpressions) ? term.matchExpressions : [];
  const flds = Array.isArray(term?.matchFields) ? term.matchFields : [];
  if (exprs.length === 0 && flds.length === 0) return NOTHING;
  const labelTests: [string, (v: string | undefined) => boolean][] = [];
  for (const e of exprs) {
    const test = valueTest(e);
    if (test === undefined || typeof e.key !== 'string') return NOTHING;
    labelTests.push([e.key, test]);
  }
  const nameTests: ((v: string | undefined) => boolean)[] = [];
  for (const f of flds) {
    const test = f.key === 'metadata.name' && (f.operator === 'In' || f.operator === 'NotIn') ? valueTest(f) : undefined;
    if (test === undefined) return NOTHING;
    nameTests.push(test);
  }
  return (node) => {
    for (const [key, test] of labelTests) if (!test(labelOf(node.labels, key))) return false;
    for (const test of nameTests) if (!test(node.name)) return false;
    return true;
  };
}

/** nodeSelectorTerms, ORed. No terms matches no node. */
export function compileNodeSelector(terms: readonly NodeSelectorTermLike[] | undefined): NodeMatcher {
  const matchers = (Array.isArray(terms) ? terms : []).map(compileNodeSelectorTerm).filter((m) => m !== NOTHING);
  if (matchers.length === 0) return NOTHING;
  if (matchers.length === 1) return matchers[0] ?? NOTHING;
  return (node) => matchers.some((m) => m(node));
}

/** spec.nodeSelector: every label present and equal. */
export function compileNodeSelectorMap(sel: Readonly<Record<string, unknown>> | undefined): NodeMatcher | undefined {
  if (sel === undefined || sel === null || typeof sel !== 'object') return undefined;
  const pairs = Object.entries(sel).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)] as const);
  if (pairs.length === 0) return undefined;
  return (node) => {
    for (const [k, v] of pairs) if (labelOf(node.labels, k) !== v) return false;
    return true;
  };
}

export interface PreferredNodeTerm {
  readonly weight: number;
  readonly matches: NodeMatcher;
}

interface PreferredLike {
  readonly weight?: unknown;
  readonly preference?: NodeSelectorTermLike;
}

export function compilePreferredNodeTerms(terms: readonly PreferredLike[] | undefined): PreferredNodeTerm[] {
  const out: PreferredNodeTerm[] = [];
  for (const t of Array.isArray(terms) ? terms : []) {
    const weight = typeof t.weight === 'number' ? t.weight : 0;
    if (weight === 0) continue;
    out.push({ weight, matches: compileNodeSelectorTerm(t.preference) });
  }
  return out;
}

/** The sum of the weights of the preferred terms `node` matches. */
export function preferredNodeAffinityScore(terms: readonly PreferredNodeTerm[], node: NodeFacts): number {
  let sum = 0;
  for (const t of terms) if (t.matches(node)) sum += t.weight;
  return sum;
}

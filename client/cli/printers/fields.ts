// Reading objects that are plain JSON: every field may be missing or of another type, so each
// reader returns a value of its type or undefined instead of trusting the shape.

/** The value at `path` under `root`, or undefined when any step is missing. */
export function at(root: unknown, ...path: readonly (string | number)[]): unknown {
  let v = root;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A map of strings (labels, annotations, a selector's matchLabels); other values are dropped. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(record(v) ?? {})) if (typeof x === 'string') out[k] = x;
  return out;
}

/** `a=1,b=2`, or `fallback` when empty. */
export function formatMap(m: Record<string, string>, fallback = '<none>'): string {
  const pairs = Object.entries(m).map(([k, v]) => `${k}=${v}`);
  return pairs.length > 0 ? pairs.join(',') : fallback;
}

/** A LabelSelector as kubectl writes it: `app=web,tier in (fe,be),!canary`. */
export function formatSelector(selector: unknown): string {
  const parts = Object.entries(stringMap(at(selector, 'matchLabels'))).map(([k, v]) => `${k}=${v}`);
  for (const e of list(at(selector, 'matchExpressions'))) {
    const key = str(at(e, 'key')) ?? '';
    const values = list(at(e, 'values')).map(String).join(',');
    switch (str(at(e, 'operator'))) {
      case 'In':
        parts.push(`${key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
      default:
        parts.push(`${key} ?`);
    }
  }
  return parts.length > 0 ? parts.join(',') : '<none>';
}

/** The containers of a pod spec (or a template's). */
export function containers(podSpec: unknown): unknown[] {
  return list(at(podSpec, 'containers'));
}

/** CONTAINERS and IMAGES cells of a workload's pod template. */
export function containerCells(podSpec: unknown): [string, string] {
  const cs = containers(podSpec);
  const names = cs.map((c) => str(at(c, 'name')) ?? '').join(',');
  const images = cs.map((c) => str(at(c, 'image')) ?? '').join(',');
  return [names || '<none>', images || '<none>'];
}

/** The status ("True", "False", "Unknown") of the condition of `type`, if there is one. */
export function conditionStatus(obj: unknown, type: string): string | undefined {
  const c = list(at(obj, 'status', 'conditions')).find((x) => at(x, 'type') === type);
  return str(at(c, 'status'));
}

/** An int-or-string field (a port, a percentage) as text. */
export function intOrString(v: unknown): string | undefined {
  return str(v);
}

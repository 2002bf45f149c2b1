// Ages and durations the way kubectl shows them: two units at most, fewer as time grows
// (45s, 3m12s, 15m, 5h10m, 20h, 2d3h, 30d, 2y10d).

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

/** A duration in ms as kubectl prints ages. */
export function formatDuration(ms: number): string {
  if (ms < -S) return '<invalid>';
  if (ms < 0) return '0s';
  const s = Math.floor(ms / S);
  if (s < 120) return `${s}s`;
  const m = Math.floor(ms / M);
  if (m < 10) return two(m, 'm', s % 60, 's');
  if (m < 180) return `${m}m`;
  const h = Math.floor(ms / H);
  if (h < 8) return two(h, 'h', m % 60, 'm');
  if (h < 48) return `${h}h`;
  const d = Math.floor(ms / D);
  if (d < 8) return two(d, 'd', h % 24, 'h');
  if (d < 2 * 365) return `${d}d`;
  const y = Math.floor(ms / Y);
  if (y < 8) return two(y, 'y', d % 365, 'd');
  return `${y}y`;
}

function two(a: number, unitA: string, b: number, unitB: string): string {
  return b === 0 ? `${a}${unitA}` : `${a}${unitA}${b}${unitB}`;
}

/** The age of an RFC 3339 timestamp at `now`, or "<unknown>" when missing or unreadable. */
export function age(timestamp: unknown, now: number): string {
  const t = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  return Number.isNaN(t) ? '<unknown>' : formatDuration(now - t);
}

/** The ms since the epoch of a timestamp, or undefined. */
export function timeOf(timestamp: unknown): number | undefined {
  const t = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: S, m: M, h: H };

/**
 * A duration as kubectl's flags take it, in ms: Go's form (`90s`, `5m`, `1h30m`, `500ms`), or a
 * bare number of seconds. undefined when it is neither.
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * S;
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
  return Math.round(total);
}

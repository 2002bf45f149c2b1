// CronJob schedules: the five-field cron syntax Kubernetes accepts (minute hour day-of-month month
// day-of-week; `*`, `?`, lists, ranges, steps, month and weekday names) and the @yearly..@hourly
// shorthands; and the next time a schedule fires after a given instant in an IANA time zone.
//
// berth also accepts `@every <N>s|m|h` (at least 1s), for periods shorter than cron's minute. Such
// a schedule fires at the multiples of its interval since the Unix epoch, whatever the time zone,
// so that every replica computes the same instants (and so the same Job names) with no state.
//
// As in Kubernetes' cron library, when both day fields are restricted a day matches if either
// does; when one of them is `*` (or `?`), both must match.

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELD_SPECS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 6, names: DAY_NAMES },
];

const SHORTHANDS = new Map<string, string>([
  ['@yearly', '0 0 1 1 *'],
  ['@annually', '0 0 1 1 *'],
  ['@monthly', '0 0 1 * *'],
  ['@weekly', '0 0 * * 0'],
  ['@daily', '0 0 * * *'],
  ['@midnight', '0 0 * * *'],
  ['@hourly', '0 * * * *'],
]);

/** A parsed five-field schedule: for each field, which values fire. */
export interface CronSchedule {
  readonly minutes: readonly boolean[];
  readonly hours: readonly boolean[];
  readonly daysOfMonth: readonly boolean[];
  readonly months: readonly boolean[];
  readonly daysOfWeek: readonly boolean[];
  /** Whether either day field is `*`/`?` (then both day fields must match). */
  readonly dayStar: boolean;
}

/** A parsed `@every` schedule: fires at each multiple of `everyMs` since the Unix epoch. */
export interface IntervalSchedule {
  readonly everyMs: number;
}

export type Schedule = CronSchedule | IntervalSchedule;

export type CronParse = { readonly ok: true; readonly schedule: Schedule } | { readonly ok: false; readonly problem: string };

/** Longest `@every` interval: a year (anything longer is better said in cron). */
export const MAX_EVERY_SECONDS = 366 * 86_400;
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

export function isIntervalSchedule(s: Schedule): s is IntervalSchedule {
  return 'everyMs' in s;
}

/** `@every <N>s|m|h`, or what is wrong with it. */
function parseEvery(text: string): CronParse {
  const arg = text.slice('@every'.length).trim();
  const m = /^(\d{1,12})([smh])$/.exec(arg);
  if (m === null) return { ok: false, problem: `@every: ${JSON.stringify(arg)} is not a whole number of seconds (s), minutes (m) or hours (h), such as 30s, 5m or 1h` };
  const seconds = Number(m[1]) * (UNIT_SECONDS[m[2] ?? 's'] ?? 1);
  if (seconds < 1) return { ok: false, problem: `@every: the interval must be at least 1s (got ${arg})` };
  if (seconds > MAX_EVERY_SECONDS) return { ok: false, problem: `@every: the interval must be at most ${MAX_EVERY_SECONDS / 3600}h (got ${arg})` };
  return { ok: true, schedule: { everyMs: seconds * 1000 } };
}

interface ParsedField {
  readonly bits: boolean[];
  readonly star: boolean;
}

function fieldValue(text: string, spec: FieldSpec): number | string {
  const byName = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (byName >= 0) return byName + spec.min;
  if (!/^\d{1,4}$/.test(text)) return `${spec.name}: ${JSON.stringify(text)} is not a number${spec.names ? ' or name' : ''}`;
  const v = Number(text);
  return v < spec.min || v > spec.max ? `${spec.name}: ${v} is out of range ${spec.min}-${spec.max}` : v;
}

/** One element of a field's list: `*`, `?`, `a`, `a-b`, each with an optional `/step`. */
function parsePart(part: string, spec: FieldSpec, bits: boolean[]): string | boolean {
  const [range = '', stepText, extra] = part.split('/');
  if (extra !== undefined || range === '') return `${spec.name}: ${JSON.stringify(part)} is not a value, range or step`;
  const step = stepText === undefined ? 1 : /^\d{1,4}$/.test(stepText) ? Number(stepText) : 0;
  if (step < 1) return `${spec.name}: step ${JSON.stringify(stepText)} must be a positive integer`;
  let lo = spec.min;
  let hi = spec.max;
  if (range !== '*' && range !== '?') {
    const [a = '', b, more] = range.split('-');
    if (more !== undefined) return `${spec.name}: ${JSON.stringify(range)} is not a range`;
    const start = fieldValue(a, spec);
    if (typeof start === 'string') return start;
    const end = b === undefined ? (stepText === undefined ? start : spec.max) : fieldValue(b, spec);
    if (typeof end === 'string') return end;
    if (start > end) return `${spec.name}: range ${range} starts after it ends`;
    lo = start;
    hi = end;
  }
  for (let v = lo; v <= hi; v += step) bits[v] = true;
  return (range === '*' || range === '?') && step === 1;
}

function parseField(text: string, spec: FieldSpec): ParsedField | string {
  const bits: boolean[] = new Array<boolean>(spec.max + 1).fill(false);
  let star = false;
  for (const part of text.split(',')) {
    const r = parsePart(part, spec, bits);
    if (typeof r === 'string') return r;
    star ||= r;
  }
  return { bits, star };
}

/** Parses a schedule; `problem` says what is wrong with a bad one. */
export function parseCron(text: string): CronParse {
  if (typeof text !== 'string') return { ok: false, problem: 'must be a string' };
  const trimmed = text.trim();
  if (/^(CRON_)?TZ=/i.test(trimmed)) return { ok: false, problem: 'must not set a time zone (TZ= or CRON_TZ=): use spec.timeZone' };
  if (/^@every(\s|$)/.test(trimmed)) return parseEvery(trimmed);
  const expanded = trimmed.startsWith('@') ? SHORTHANDS.get(trimmed) : trimmed;
  if (expanded === undefined) {
    return { ok: false, problem: `unknown shorthand ${JSON.stringify(trimmed)}: use one of ${[...SHORTHANDS.keys()].join(', ')}, or @every <N>s|m|h` };
  }
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) {
    return { ok: false, problem: `must have 5 fields (minute hour day-of-month month day-of-week), not ${parts.length}` };
  }
  const parsed: ParsedField[] = [];
  for (const [i, spec] of FIELD_SPECS.entries()) {
    const f = parseField(parts[i] ?? '', spec);
    if (typeof f === 'string') return { ok: false, problem: f };
    parsed.push(f);
  }
  const [minutes, hours, dom, months, dow] = parsed as [ParsedField, ParsedField, ParsedField, ParsedField, ParsedField];
  return {
    ok: true,
    schedule: {
      minutes: minutes.bits,
      hours: hours.bits,
      daysOfMonth: dom.bits,
      months: months.bits,
      daysOfWeek: dow.bits,
      dayStar: dom.star || dow.star,
    },
  };
}

/** What is wrong with a schedule, worded for a field cause; undefined if it is valid. */
export function cronProblem(text: string): string | undefined {
  const r = parseCron(text);
  return r.ok ? undefined : `must be a valid cron schedule: ${r.problem}`;
}

// ---- Time zones ----

/** Most time zones whose formatters are kept (there are about 600 IANA zones). */
export const MAX_CACHED_TIME_ZONES = 1024;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(timeZone);
  if (f !== undefined) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  if (formatters.size < MAX_CACHED_TIME_ZONES) formatters.set(timeZone, f);
  return f;
}

/** An IANA zone name ("Europe/Berlin", "UTC"); not "Local", not an offset. */
export function isValidTimeZone(timeZone: string): boolean {
  return typeof timeZone === 'string' && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone) && timeZone.toLowerCase() !== 'local' && formatter(timeZone) !== undefined;
}

// ---- Next firing time ----

/** How far ahead nextAfter looks before deciding a schedule never fires (e.g. "0 0 30 2 *"). */
export const CRON_SEARCH_YEARS = 5;
const MINUTE_MS = 60_000;

/** The wall-clock time at `ms` in the zone, as if it were UTC, to the second. */
function wallOf(ms: number, f: Intl.DateTimeFormat): number {
  const parts = new Map<string, number>(f.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  const part = (t: string): number => parts.get(t) ?? 0;
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'), part('second'));
}

const DAY_MS = 86_400_000;

/**
 * The earliest instant after `afterMs` whose wall-clock time is `wall`. A clock change makes a
 * wall time happen twice (both are candidates) or not at all (undefined). The offsets a day either
 * side are the ones in force before and after any change near `wall`.
 */
function instantOf(wall: number, f: Intl.DateTimeFormat, afterMs: number): number | undefined {
  const offsets = new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => wallOf(t, f) - t));
  let best: number | undefined;
  for (const offset of offsets) {
    const t = wall - offset;
    if (t > afterMs && wallOf(t, f) === wall && (best === undefined || t < best)) best = t;
  }
  return best;
}

/** The next wall time at or after `wall` that the schedule's fields allow. */
function nextWall(s: CronSchedule, wall: number, lastYear: number): number | undefined {
  let t = wall;
  for (;;) {
    const d = new Date(t);
    const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
    if (y > lastYear) return undefined;
    if (s.months[mo + 1] !== true) t = Date.UTC(y, mo + 1, 1);
    else if (!dayMatches(s, day, d.getUTCDay())) t = Date.UTC(y, mo, day + 1);
    else if (s.hours[h] !== true) t = Date.UTC(y, mo, day, h + 1);
    else if (s.minutes[mi] !== true) t += MINUTE_MS;
    else return t;
  }
}

function dayMatches(s: CronSchedule, dom: number, dow: number): boolean {
  const a = s.daysOfMonth[dom] === true;
  const b = s.daysOfWeek[dow] === true;
  return s.dayStar ? a && b : a || b;
}

/**
 * The first time after `after` (strictly) at which `schedule` fires in `timeZone` (default UTC);
 * undefined if the schedule or zone is invalid or it never fires within CRON_SEARCH_YEARS.
 * A wall time a clock change skips does not fire that day; one it repeats fires at its first
 * occurrence after `after`. An `@every` schedule ignores the zone (see the top of this file).
 */
export function nextAfter(schedule: string | Schedule, after: Date, timeZone?: string): Date | undefined {
  const parsed = typeof schedule === 'string' ? parseCron(schedule) : { ok: true as const, schedule };
  const f = formatter(timeZone ?? 'UTC');
  const afterMs = after.getTime();
  if (!parsed.ok || f === undefined || !Number.isFinite(afterMs)) return undefined;
  if (isIntervalSchedule(parsed.schedule)) {
    const every = parsed.schedule.everyMs;
    return new Date(Math.floor(afterMs / every) * every + every);
  }
  const startWall = wallOf(afterMs, f);
  const lastYear = new Date(startWall).getUTCFullYear() + CRON_SEARCH_YEARS;
  let wall: number | undefined = Math.floor(startWall / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (;;) {
    wall = nextWall(parsed.schedule, wall, lastYear);
    if (wall === undefined) return undefined;
    const instant = instantOf(wall, f, afterMs);
    if (instant !== undefined) return new Date(instant);
    wall += MINUTE_MS;
  }
}

// A linearizability checker for histories of a key-value register (read, write, compare-and-set).
//
// The search is Wing & Gong's, with the three improvements from Gavin Lowe's "Testing for
// linearizability" (2017):
//   - P-compositionality: keys are independent registers, so each key's sub-history is checked
//     on its own. This turns one search exponential in the whole history into many small ones.
//   - A memo cache of configurations. A configuration is the set of operations already
//     linearized plus the register value they leave behind; the future of the search depends on
//     nothing else, so a configuration reached a second time (through a different order of the
//     same operations) is pruned. The cache goes one step further for unknown-outcome
//     operations, which are optional: a configuration is also pruned when one already explored
//     has the same completed operations and value but only a subset of its unknown operations
//     linearized, because every way to finish from the new one also finishes from the old one.
//     Without this, each subset of pending unknown writes (each can be dropped just before any
//     completed write) is a distinct configuration, and a failing history with a few dozen
//     unknown writes on one key takes the search exponentially long to exhaust.
//   - Just-in-time linearization. Operations are linearized only when the search reaches the
//     return of a completed operation that is not linearized yet; only then must it take effect,
//     possibly after some operations concurrent with it. An operation whose outcome is unknown
//     (`ret === null`) never returns, so it is only ever linearized to make a later observation
//     possible, and an unknown write that nobody observes forces nothing.
//
// Three smaller reductions keep failing searches (which must be exhaustive) short; each is
// argued where it is made: a legal read or failed cas is taken as the only move (KeySearch
// .observesNow), values nobody observes are one register state (UNOBSERVED), and of the unknown
// writes of such values only the one invoked last is tried (KeySearch.distinctMoves).
//
// Two operations are ordered in real time only if the first returned strictly before the second
// was invoked (`a.ret < b.call`). Equal times count as concurrent, which can only make the checker
// more lenient, never report a correct history as broken.
//
// The search uses an explicit stack, so a history of any depth cannot overflow the JS stack.

export type Op =
  | { readonly kind: 'read'; readonly key: string }
  | { readonly kind: 'write'; readonly key: string; readonly value: string }
  | { readonly kind: 'cas'; readonly key: string; readonly expected: string | null; readonly value: string };
// outputs: read -> string | null (null = key absent); write -> true; cas -> boolean (true = swapped)

export interface HistoryEvent {
  readonly client: number;
  readonly op: Op;
  /** Logical time the client invoked the operation. */
  readonly call: number;
  /**
   * Logical time it returned; null = unknown outcome (timed out / crashed): it may have taken
   * effect at any point after `call`, or never.
   */
  readonly ret: number | null;
  /** Absent when ret === null. */
  readonly output?: string | null | boolean;
}

export type CheckResult =
  | { readonly ok: true; readonly statesExplored: number }
  | { readonly ok: false; readonly key: string; readonly explanation: string }
  | { readonly ok: 'unknown'; readonly key: string; readonly reason: string };

export interface CheckOptions {
  /**
   * Configurations the search may visit for one key before it gives up and answers 'unknown'.
   * Each visited configuration is kept in the memo cache, so this also bounds its memory.
   * @default 2_000_000
   */
  readonly maxStatesPerKey?: number;
}

const DEFAULT_MAX_STATES_PER_KEY = 2_000_000;
const HISTORY_JSON_VERSION = 1;
/** Interned id of the absent value; every register starts absent. */
const ABSENT = 0;
/**
 * Interned id shared by every value that no read returns and no cas expects. No operation can
 * tell such values apart, so the search treats them as one register state.
 */
const UNOBSERVED = 1;
/** What applyOp returns when an operation cannot (or need not) take effect in a state. */
const ILLEGAL = -1;
/** Register values listed in a failure explanation; more would bury the useful part. */
const MAX_FRONTIER_STATES = 16;
/** Operations listed per category in a failure explanation. */
const MAX_LISTED_OPS = 6;

/** One operation of a key's sub-history, with its values interned to small integers. */
interface RegisterOp {
  readonly event: HistoryEvent;
  readonly kind: Op['kind'];
  readonly unknown: boolean;
  readonly call: number;
  /** +Infinity when the outcome is unknown: such an operation never has to take effect. */
  readonly ret: number;
  /** read: the value it returned; write and cas: the value it stores. */
  readonly value: number;
  /** cas only: the value it compared against. */
  readonly expected: number;
  /** cas only: whether it reported a swap. */
  readonly swapped: boolean;
  /** Unknown-outcome ops only: this op's bit in a configuration's set of linearized unknown ops. */
  readonly unknownBit: number;
  /**
   * An unknown-outcome write of an unobserved value. All of these have the same effect, so they
   * differ only in when they were invoked (see KeySearch.makeFrame).
   */
  readonly interchangeable: boolean;
}

/** One key's sub-history, prepared for the search. */
interface KeyProblem {
  readonly key: string;
  /** The operations in order of invocation. */
  readonly ops: readonly RegisterOp[];
  /** Indices into ops of the completed operations, in order of return. */
  readonly returns: readonly number[];
  /** For each op, its position in returns; +Infinity when it never returns. */
  readonly returnPos: readonly number[];
  /** upTo[r]: how many ops (a prefix of ops) were invoked no later than returns[r] returned. */
  readonly upTo: readonly number[];
  /** Interned values: id -> value, with ABSENT -> null; UNOBSERVED stands for many values. */
  readonly values: readonly (string | null)[];
  /** How many of ops have an unknown outcome. */
  readonly unknownCount: number;
}

/** The furthest point the search reached, kept to explain a failure. */
interface Frontier {
  readonly r: number;
  readonly states: ReadonlySet<number>;
}

type KeyOutcome =
  | { readonly kind: 'ok'; readonly statesExplored: number }
  | { readonly kind: 'fail' | 'budget'; readonly statesExplored: number; readonly frontier: Frontier };

/** One configuration on the search stack, and which of its moves have been tried. */
interface Frame {
  /** Position in returns of the first completed operation not yet linearized. */
  readonly r: number;
  readonly state: number;
  /** Completed operations linearized ahead of their return (which lies beyond r), ascending. */
  readonly early: readonly number[];
  /** Bitset over unknownBit of the unknown-outcome operations linearized so far; never mutated. */
  readonly unknowns: Uint32Array;
  /** Every operation that may be linearized next: invoked before returns[r] returned, not yet linearized. */
  readonly open: readonly number[];
  /** The subset of open worth trying, in order; the op returning at r comes first. */
  readonly moves: readonly number[];
  /** The operation linearized to reach this configuration; -1 at the root. */
  readonly via: number;
  cursor: number;
}

export function checkLinearizable(history: readonly HistoryEvent[], options: CheckOptions = {}): CheckResult {
  const maxStatesPerKey = compileMaxStates(options);
  history.forEach((event, i) => validateEvent(event, `history[${i}]`));
  const byKey = new Map<string, HistoryEvent[]>();
  for (const event of history) {
    const events = byKey.get(event.op.key) ?? [];
    events.push(event);
    byKey.set(event.op.key, events);
  }
  // Every key is checked even after one runs out of budget, because a definite failure on a
  // later key is a more useful answer than 'unknown'.
  let statesExplored = 0;
  let gaveUp: CheckResult | undefined;
  for (const key of [...byKey.keys()].sort()) {
    const problem = buildProblem(key, byKey.get(key) ?? []);
    const outcome = new KeySearch(problem, maxStatesPerKey).run();
    statesExplored += outcome.statesExplored;
    if (outcome.kind === 'fail') {
      return { ok: false, key, explanation: explainFailure(problem, outcome.frontier) };
    }
    if (outcome.kind === 'budget' && gaveUp === undefined) {
      gaveUp = { ok: 'unknown', key, reason: explainBudget(problem, outcome.frontier, maxStatesPerKey) };
    }
  }
  return gaveUp ?? { ok: true, statesExplored };
}

function compileMaxStates(options: CheckOptions): number {
  const max = options.maxStatesPerKey ?? DEFAULT_MAX_STATES_PER_KEY;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new Error(`maxStatesPerKey: must be a positive integer (got ${String(max)})`);
  }
  return max;
}

// ---------------------------------------------------------------------------------------------
// Preparing one key's sub-history

function buildProblem(key: string, events: readonly HistoryEvent[]): KeyProblem {
  const seen = observe(events);
  const { values, intern } = valueTable(seen.observed);
  // A stable sort by invocation keeps the problem (and so the explanation) deterministic.
  let unknownCount = 0;
  const ops = events
    .filter((event) => mayMatter(event, seen))
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.call - b.event.call || a.index - b.index)
    .map(({ event }) => toRegisterOp(event, intern, event.ret === null ? unknownCount++ : -1));
  const returns = ops
    .map((op, index) => ({ op, index }))
    .filter(({ op }) => !op.unknown)
    .sort((a, b) => a.op.ret - b.op.ret || a.index - b.index)
    .map(({ index }) => index);
  const returnPos = ops.map(() => Infinity);
  returns.forEach((opIndex, position) => (returnPos[opIndex] = position));
  const upTo: number[] = [];
  let invoked = 0;
  for (const opIndex of returns) {
    const returnedAt = ops[opIndex]?.ret ?? Infinity;
    while (invoked < ops.length && (ops[invoked]?.call ?? Infinity) <= returnedAt) invoked += 1;
    upTo.push(invoked);
  }
  return { key, ops, returns, returnPos, upTo, values, unknownCount };
}

interface Observations {
  /** Values some completed read returned or some cas expected. */
  readonly observed: ReadonlySet<string>;
  readonly anyFailedCas: boolean;
}

function observe(events: readonly HistoryEvent[]): Observations {
  const observed = new Set<string>();
  let anyFailedCas = false;
  for (const event of events) {
    if (event.op.kind === 'read' && event.ret !== null && typeof event.output === 'string') {
      observed.add(event.output);
    }
    if (event.op.kind === 'cas') {
      if (event.op.expected !== null) observed.add(event.op.expected);
      if (event.ret !== null && event.output === false) anyFailedCas = true;
    }
  }
  return { observed, anyFailedCas };
}

function valueTable(observed: ReadonlySet<string>): { values: (string | null)[]; intern: (value: string | null) => number } {
  const values: (string | null)[] = [null, null];
  const ids = new Map<string, number>();
  const intern = (value: string | null): number => {
    if (value === null) return ABSENT;
    if (!observed.has(value)) return UNOBSERVED;
    let id = ids.get(value);
    if (id === undefined) {
      id = values.length;
      values.push(value);
      ids.set(value, id);
    }
    return id;
  };
  return { values, intern };
}

/**
 * Drops operations of unknown outcome that cannot change whether the history is linearizable,
 * so the search never spends time placing them. An unknown read observed nothing. An unknown
 * write (or cas) of a value v is useless unless something can tell v apart: a completed read
 * returning v, any cas expecting v, or a completed cas that failed (it needs the register to hold
 * anything other than what it expected). Without one of those, the register holding v is a dead
 * end until the next write, so leaving the operation out is always at least as good.
 */
function mayMatter(event: HistoryEvent, seen: Observations): boolean {
  if (event.ret !== null) return true;
  if (event.op.kind === 'read') return false;
  return seen.anyFailedCas || seen.observed.has(event.op.value);
}

function toRegisterOp(event: HistoryEvent, intern: (value: string | null) => number, unknownBit: number): RegisterOp {
  const { op } = event;
  const unknown = event.ret === null;
  // One object literal of one shape for every kind keeps the search's hot loop monomorphic.
  let value = ABSENT;
  if (op.kind !== 'read') value = intern(op.value);
  else if (!unknown && typeof event.output === 'string') value = intern(event.output);
  return {
    event,
    kind: op.kind,
    unknown,
    call: event.call,
    ret: event.ret ?? Infinity,
    value,
    expected: op.kind === 'cas' ? intern(op.expected) : ABSENT,
    swapped: op.kind === 'cas' && event.output === true,
    unknownBit,
    interchangeable: unknown && op.kind === 'write' && value === UNOBSERVED,
  };
}

/**
 * The register's sequential specification: the state after op takes effect in state, or
 * ILLEGAL when its reported output is impossible there. An unknown-outcome operation that would
 * not change the state is also ILLEGAL: taking effect as a no-op is the same as never taking
 * effect, and the search already covers that by leaving it out.
 */
function applyOp(op: RegisterOp, state: number): number {
  switch (op.kind) {
    case 'read':
      return op.value === state ? state : ILLEGAL;
    case 'write':
      return op.unknown && op.value === state ? ILLEGAL : op.value;
    case 'cas':
      if (op.unknown) return state === op.expected && op.value !== state ? op.value : ILLEGAL;
      if (op.swapped) return state === op.expected ? op.value : ILLEGAL;
      return state !== op.expected ? state : ILLEGAL;
  }
}

// ---------------------------------------------------------------------------------------------
// The search over one key

class KeySearch {
  private readonly linearized: Uint8Array;
  /**
   * The memo cache: for each (r, value, early ops), the sets of linearized unknown ops already
   * explored, none a superset of another (a superset is dominated, so it is dropped).
   */
  private readonly seen = new Map<string, Uint32Array[]>();
  private statesExplored = 0;
  private frontier: { r: number; states: Set<number> } = { r: -1, states: new Set() };

  constructor(
    private readonly problem: KeyProblem,
    private readonly maxStates: number,
  ) {
    this.linearized = new Uint8Array(problem.ops.length);
  }

  run(): KeyOutcome {
    if (this.problem.returns.length === 0) return { kind: 'ok', statesExplored: 0 };
    const noUnknowns = new Uint32Array(Math.ceil(this.problem.unknownCount / 32));
    const stack: Frame[] = [this.makeFrame(0, ABSENT, [], noUnknowns, [], 0, -1)];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const candidate = frame?.moves[frame.cursor];
      if (frame === undefined || candidate === undefined) {
        // Every move from this configuration failed: undo the move that led here.
        stack.pop();
        if (frame !== undefined && frame.via >= 0) this.linearized[frame.via] = 0;
        continue;
      }
      frame.cursor += 1;
      const next = this.tryLinearize(frame, candidate);
      if (next === 'complete') return { kind: 'ok', statesExplored: this.statesExplored };
      if (next === 'budget') return { kind: 'budget', statesExplored: this.statesExplored, frontier: this.frontier };
      if (next !== undefined) stack.push(next);
    }
    return { kind: 'fail', statesExplored: this.statesExplored, frontier: this.frontier };
  }

  /** Linearizes op next from frame's configuration; undefined when illegal or already covered. */
  private tryLinearize(frame: Frame, opIndex: number): Frame | 'complete' | 'budget' | undefined {
    const { ops, returns, returnPos, upTo } = this.problem;
    const op = ops[opIndex];
    const state = op === undefined ? ILLEGAL : applyOp(op, frame.state);
    if (op === undefined || state === ILLEGAL) return undefined;
    this.linearized[opIndex] = 1;
    let { r, early, unknowns } = frame;
    if (op.unknown) {
      // An unknown op never returns, so r stays where it is.
      unknowns = withBit(unknowns, op.unknownBit);
    } else {
      r = this.firstUnlinearizedReturn(frame.r);
      const stillEarly = early.filter((i) => (returnPos[i] ?? Infinity) >= r);
      if ((returnPos[opIndex] ?? Infinity) >= r) insertSorted(stillEarly, opIndex);
      early = stillEarly;
    }
    // The completed operations returning before r are all linearized, so r, the early ops and
    // the unknown set name the set of linearized operations exactly.
    if (!this.remember(`${r} ${state} ${early.join(',')}`, unknowns)) {
      this.linearized[opIndex] = 0;
      return undefined;
    }
    if (this.statesExplored > this.maxStates) return 'budget';
    if (r === returns.length) return 'complete';
    return this.makeFrame(r, state, early, unknowns, frame.open, upTo[frame.r] ?? 0, opIndex);
  }

  /** Records a configuration; false when one already explored covers it. */
  private remember(key: string, unknowns: Uint32Array): boolean {
    const explored = this.seen.get(key);
    if (explored === undefined) {
      this.seen.set(key, [unknowns]);
    } else {
      if (explored.some((other) => isSubset(other, unknowns))) return false;
      const kept = explored.filter((other) => !isSubset(unknowns, other));
      kept.push(unknowns);
      this.seen.set(key, kept);
    }
    this.statesExplored += 1;
    return true;
  }

  private firstUnlinearizedReturn(from: number): number {
    const { returns } = this.problem;
    let r = from;
    while (r < returns.length && this.linearized[returns[r] ?? 0] === 1) r += 1;
    return r;
  }

  /**
   * The moves from a configuration: the operation that returns next, then every other
   * operation invoked before that return and not yet linearized. The parent's open ops that
   * are still unlinearized plus the ops invoked since the parent's return are exactly that set,
   * which avoids rescanning the whole history at every step.
   */
  private makeFrame(
    r: number,
    state: number,
    early: readonly number[],
    unknowns: Uint32Array,
    inherited: readonly number[],
    invokedBefore: number,
    via: number,
  ): Frame {
    const target = this.problem.returns[r] ?? -1;
    const open = [target];
    for (const i of inherited) if (i !== target && this.linearized[i] === 0) open.push(i);
    const invoked = this.problem.upTo[r] ?? 0;
    for (let i = invokedBefore; i < invoked; i += 1) if (i !== target) open.push(i);
    this.noteFrontier(r, state);
    const observer = open.find((i) => this.observesNow(i, state));
    const moves = observer === undefined ? this.distinctMoves(open) : [observer];
    return { r, state, early, unknowns, open, moves, via, cursor: 0 };
  }

  /**
   * Drops all interchangeable unknown writes but the one invoked last. Taking the latest now and
   * keeping the earlier ones is never worse than the reverse, because an earlier-invoked one can
   * stand in anywhere the latest could have been used later; trying each would only repeat the
   * same search.
   */
  private distinctMoves(open: readonly number[]): readonly number[] {
    const { ops } = this.problem;
    let latest = -1;
    for (const i of open) if (ops[i]?.interchangeable === true && i > latest) latest = i;
    const completed = open.filter((i) => ops[i]?.unknown === false);
    const unknown = open.filter((i) => ops[i]?.unknown === true && (i === latest || ops[i]?.interchangeable !== true));
    return completed.concat(unknown);
  }

  /**
   * Whether op i is a completed read or failed cas that is legal in state. Such an op never
   * changes the register, and every op that must precede it has returned and so is linearized
   * already; any way to finish can therefore be reordered to take it first. Taking it as the
   * only move loses nothing and stops the search from trying it at every later point too.
   */
  private observesNow(i: number, state: number): boolean {
    const op = this.problem.ops[i];
    if (op === undefined || op.unknown || op.kind === 'write' || (op.kind === 'cas' && op.swapped)) return false;
    return applyOp(op, state) === state;
  }

  private noteFrontier(r: number, state: number): void {
    if (r > this.frontier.r) this.frontier = { r, states: new Set([state]) };
    else if (r === this.frontier.r && this.frontier.states.size < MAX_FRONTIER_STATES) this.frontier.states.add(state);
  }
}

/** A copy of bits with one more bit set; frames share bitsets, so they are never mutated. */
function withBit(bits: Uint32Array, bit: number): Uint32Array {
  const copy = bits.slice();
  const word = bit >>> 5;
  copy[word] = (copy[word] ?? 0) | (1 << (bit & 31));
  return copy;
}

function isSubset(small: Uint32Array, large: Uint32Array): boolean {
  for (let i = 0; i < small.length; i += 1) {
    if (((small[i] ?? 0) & ~(large[i] ?? 0)) !== 0) return false;
  }
  return true;
}

function insertSorted(sorted: number[], value: number): void {
  let i = sorted.length;
  while (i > 0 && (sorted[i - 1] ?? -1) > value) i -= 1;
  sorted.splice(i, 0, value);
}

// ---------------------------------------------------------------------------------------------
// Explaining an answer

function explainFailure(problem: KeyProblem, frontier: Frontier): string {
  const target = problem.ops[problem.returns[frontier.r] ?? -1];
  if (target === undefined) throw new Error('linearizability: a failed search must stop at a completed operation');
  const key = JSON.stringify(problem.key);
  const shown = [...frontier.states].map((id) => describeValue(problem, id));
  const states = shown.join(', ') + (shown.length >= MAX_FRONTIER_STATES ? ', ...' : '');
  // Unknown-outcome ops never return, so they overlap everything after their call; they get a
  // list of their own, latest first, so that they do not bury the ops that truly overlap it.
  const overlapping = problem.ops.filter((op) => op !== target && !op.unknown && op.call <= target.ret && op.ret >= target.call);
  const unknown = problem.ops.filter((op) => op.unknown && op.call <= target.ret).sort((a, b) => b.call - a.call);
  const before = problem.ops
    .filter((op) => op.ret < target.call)
    .sort((a, b) => b.ret - a.ret)
    .slice(0, 3);
  return [
    `key ${key} is not linearizable: no order of its operations can place ${describeEvent(target.event)}.`,
    `Every legal order of the operations before it leaves ${key} holding one of {${states}} while it is pending.`,
    `Completed operations overlapping it: ${listEvents(overlapping)}.`,
    `Unknown-outcome operations invoked before it returned, latest first: ${listEvents(unknown)}.`,
    `Latest operations that returned before it was invoked: ${listEvents(before)}.`,
  ].join(' ');
}

function describeValue(problem: KeyProblem, id: number): string {
  return id === UNOBSERVED ? 'a value no operation observed' : JSON.stringify(problem.values[id] ?? null);
}

function explainBudget(problem: KeyProblem, frontier: Frontier, maxStates: number): string {
  const target = problem.ops[problem.returns[frontier.r] ?? -1];
  const where = target === undefined ? '' : ` while trying to place ${describeEvent(target.event)}`;
  return (
    `key ${JSON.stringify(problem.key)}: the search gave up after ${maxStates} states (maxStatesPerKey)${where}; ` +
    'raise maxStatesPerKey or check a shorter history.'
  );
}

function listEvents(ops: readonly RegisterOp[]): string {
  if (ops.length === 0) return 'none';
  const listed = ops.slice(0, MAX_LISTED_OPS).map((op) => describeEvent(op.event));
  const more = ops.length > MAX_LISTED_OPS ? ` (and ${ops.length - MAX_LISTED_OPS} more)` : '';
  return listed.join('; ') + more;
}

function describeEvent(event: HistoryEvent): string {
  const when = event.ret === null ? `[call ${event.call}, outcome unknown]` : `[call ${event.call}, ret ${event.ret}]`;
  const output = event.ret === null || event.op.kind === 'write' ? '' : ` -> ${JSON.stringify(event.output)}`;
  return `client ${event.client} ${describeOp(event.op)}${output} ${when}`;
}

function describeOp(op: Op): string {
  const key = JSON.stringify(op.key);
  switch (op.kind) {
    case 'read':
      return `read(${key})`;
    case 'write':
      return `write(${key}, ${JSON.stringify(op.value)})`;
    case 'cas':
      return `cas(${key}, ${JSON.stringify(op.expected)} -> ${JSON.stringify(op.value)})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Storing a history

/**
 * Serializes a history as `{"version":1,"events":[...]}`, one event per line with its fields in
 * a fixed order, so the same history always gives the same text and diffs stay readable.
 */
export function historyToJson(history: readonly HistoryEvent[]): string {
  const lines = history.map((event) => JSON.stringify(canonicalEvent(event)));
  const events = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n]`;
  return `{"version":${HISTORY_JSON_VERSION},"events":${events}}\n`;
}

function canonicalEvent(event: HistoryEvent): HistoryEvent {
  const op = canonicalOp(event.op);
  const base = { client: event.client, op, call: event.call, ret: event.ret };
  return event.output === undefined ? base : { ...base, output: event.output };
}

function canonicalOp(op: Op): Op {
  switch (op.kind) {
    case 'read':
      return { kind: op.kind, key: op.key };
    case 'write':
      return { kind: op.kind, key: op.key, value: op.value };
    case 'cas':
      return { kind: op.kind, key: op.key, expected: op.expected, value: op.value };
  }
}

/** Parses what historyToJson wrote; throws an Error naming the first bad field. */
export function historyFromJson(text: string): HistoryEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`history JSON: not valid JSON (${detail})`, { cause: err });
  }
  if (!isRecord(parsed)) return invalid('history JSON', 'must be an object {"version":1,"events":[...]}', parsed);
  if (parsed.version !== HISTORY_JSON_VERSION) {
    return invalid('history JSON: version', `must be ${HISTORY_JSON_VERSION}`, parsed.version);
  }
  const events: unknown = parsed.events;
  if (!Array.isArray(events)) return invalid('history JSON: events', 'must be an array', events);
  return events.map((event: unknown, i: number) => validateEvent(event, `history JSON: events[${i}]`));
}

/** Checks one event's shape and returns a clean copy; used for JSON and for checker input. */
function validateEvent(value: unknown, path: string): HistoryEvent {
  if (!isRecord(value)) return invalid(path, 'must be an object', value);
  const { client, call, ret } = value;
  if (!isInteger(client)) return invalid(`${path}.client`, 'must be an integer', client);
  if (!isFiniteNumber(call)) return invalid(`${path}.call`, 'must be a finite number', call);
  if (ret !== null && !(isFiniteNumber(ret) && ret >= call)) {
    return invalid(`${path}.ret`, `must be null (unknown outcome) or a finite number >= call (${call})`, ret);
  }
  const op = validateOp(value.op, `${path}.op`);
  const event = { client, op, call, ret };
  if (ret === null) {
    if (value.output !== undefined) return invalid(`${path}.output`, 'must be absent when ret is null', value.output);
    return event;
  }
  return { ...event, output: validateOutput(op, value.output, `${path}.output`) };
}

function validateOp(value: unknown, path: string): Op {
  if (!isRecord(value)) return invalid(path, 'must be an object', value);
  const { kind, key, expected, value: stored } = value;
  if (typeof key !== 'string') return invalid(`${path}.key`, 'must be a string', key);
  if (kind === 'read') return { kind, key };
  if (typeof stored !== 'string') {
    if (kind === 'write' || kind === 'cas') return invalid(`${path}.value`, 'must be a string', stored);
    return invalid(`${path}.kind`, 'must be "read", "write" or "cas"', kind);
  }
  if (kind === 'write') return { kind, key, value: stored };
  if (kind !== 'cas') return invalid(`${path}.kind`, 'must be "read", "write" or "cas"', kind);
  if (expected !== null && typeof expected !== 'string') {
    return invalid(`${path}.expected`, 'must be a string or null (key absent)', expected);
  }
  return { kind, key, expected, value: stored };
}

function validateOutput(op: Op, output: unknown, path: string): string | null | boolean {
  switch (op.kind) {
    case 'read':
      if (output === null || typeof output === 'string') return output;
      return invalid(path, 'a completed read must output a string or null (key absent)', output);
    case 'write':
      if (output === true) return output;
      return invalid(path, 'a completed write must output true', output);
    case 'cas':
      if (typeof output === 'boolean') return output;
      return invalid(path, 'a completed cas must output true (swapped) or false', output);
  }
}

function invalid(path: string, rule: string, got: unknown): never {
  const shown = got === undefined ? 'nothing' : (JSON.stringify(got) ?? String(got));
  const clipped = shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
  throw new Error(`${path}: ${rule} (got ${clipped})`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

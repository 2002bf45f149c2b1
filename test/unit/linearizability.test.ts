// Proves that the linearizability checker accepts exactly the register histories that some
// sequential order explains (including unknown-outcome operations), explains its rejections, and
// stays fast on large random histories.
import { describe, it, expect } from 'vitest';
import { checkLinearizable, historyFromJson, historyToJson } from '../sim/linearizability.js';
import type { CheckResult, HistoryEvent, Op } from '../sim/linearizability.js';

function read(client: number, key: string, call: number, ret: number | null, output?: string | null): HistoryEvent {
  return ret === null ? { client, op: { kind: 'read', key }, call, ret } : { client, op: { kind: 'read', key }, call, ret, output: output ?? null };
}

function write(client: number, key: string, value: string, call: number, ret: number | null): HistoryEvent {
  const op: Op = { kind: 'write', key, value };
  return ret === null ? { client, op, call, ret } : { client, op, call, ret, output: true };
}

function cas(client: number, key: string, expected: string | null, value: string, call: number, ret: number | null, output?: boolean): HistoryEvent {
  const op: Op = { kind: 'cas', key, expected, value };
  return ret === null ? { client, op, call, ret } : { client, op, call, ret, output: output ?? false };
}

function expectNotLinearizable(result: CheckResult, key: string): string {
  expect(result.ok).toBe(false);
  if (result.ok !== false) throw new Error('unreachable: the expectation above failed');
  expect(result.key).toBe(key);
  return result.explanation;
}

describe('checkLinearizable: completed operations', () => {
  it('accepts a sequential history', () => {
    const history = [
      read(1, 'x', 1, 2, null),
      write(1, 'x', 'a', 3, 4),
      read(2, 'x', 5, 6, 'a'),
      cas(2, 'x', 'a', 'b', 7, 8, true),
      cas(1, 'x', 'a', 'c', 9, 10, false),
      read(1, 'x', 11, 12, 'b'),
    ];
    expect(checkLinearizable(history)).toEqual({ ok: true, statesExplored: 6 });
  });

  it('accepts overlapping operations that some order explains', () => {
    // The two writes overlap, and the reads see them in the order b then a, which is legal
    // because each read overlaps the write it sees.
    const history = [
      write(1, 'x', 'a', 1, 10),
      write(2, 'x', 'b', 2, 6),
      read(3, 'x', 3, 4, null),
      read(3, 'x', 5, 7, 'b'),
      read(4, 'x', 8, 12, 'a'),
      read(3, 'x', 13, 14, 'a'),
    ];
    expect(checkLinearizable(history).ok).toBe(true);
  });

  it('treats intervals that touch at one instant as concurrent', () => {
    // The read is invoked at the very time the write returned, so it may still be ordered first.
    expect(checkLinearizable([write(1, 'x', 'a', 1, 5), read(2, 'x', 5, 6, null)]).ok).toBe(true);
    expect(checkLinearizable([write(1, 'x', 'a', 1, 5), read(2, 'x', 6, 7, null)]).ok).toBe(false);
  });

  it('rejects a stale read after a completed write', () => {
    const history = [write(1, 'x', 'a', 1, 2), read(2, 'x', 3, 4, null)];
    const explanation = expectNotLinearizable(checkLinearizable(history), 'x');
    expect(explanation).toContain('client 2 read("x") -> null [call 3, ret 4]');
    expect(explanation).toContain('client 1 write("x", "a") [call 1, ret 2]');
  });

  it('rejects a lost write: an acknowledged write is replaced by the older value', () => {
    const history = [write(1, 'x', 'a', 1, 2), write(2, 'x', 'b', 3, 4), read(3, 'x', 5, 6, 'a')];
    const explanation = expectNotLinearizable(checkLinearizable(history), 'x');
    expect(explanation).toContain('client 3 read("x") -> "a"');
    expect(explanation).toContain('{a value no operation observed}');
  });

  it('rejects a cas that swapped although the value did not match', () => {
    const history = [write(1, 'x', 'a', 1, 2), cas(2, 'x', 'z', 'b', 3, 4, true)];
    const explanation = expectNotLinearizable(checkLinearizable(history), 'x');
    expect(explanation).toContain('client 2 cas("x", "z" -> "b") -> true');
  });

  it('rejects two overlapping cas with the same expected value that both swapped', () => {
    const bothWon = [write(1, 'x', 'a', 1, 2), cas(2, 'x', 'a', 'b', 3, 6, true), cas(3, 'x', 'a', 'c', 4, 7, true)];
    const explanation = expectNotLinearizable(checkLinearizable(bothWon), 'x');
    expect(explanation).toContain('client 2 cas("x", "a" -> "b") -> true');
    const oneLost = [write(1, 'x', 'a', 1, 2), cas(2, 'x', 'a', 'b', 3, 6, true), cas(3, 'x', 'a', 'c', 4, 7, false)];
    expect(checkLinearizable(oneLost).ok).toBe(true);
  });

  it('starts every key absent', () => {
    expect(checkLinearizable([cas(1, 'x', null, 'a', 1, 2, true), read(1, 'x', 3, 4, 'a')]).ok).toBe(true);
    expect(checkLinearizable([read(1, 'x', 1, 2, 'a')]).ok).toBe(false);
  });
});

describe('checkLinearizable: unknown outcomes', () => {
  it('accepts an unknown-outcome write that is observed later', () => {
    const history = [write(1, 'x', 'a', 1, 2), write(2, 'x', 'b', 3, null), read(3, 'x', 5, 6, 'a'), read(3, 'x', 7, 8, 'b')];
    expect(checkLinearizable(history).ok).toBe(true);
  });

  it('accepts an unknown-outcome write that is never observed', () => {
    const history = [write(1, 'x', 'a', 1, 2), write(2, 'x', 'b', 3, null), read(3, 'x', 5, 6, 'a'), read(3, 'x', 7, 8, 'a')];
    expect(checkLinearizable(history).ok).toBe(true);
  });

  it('rejects seeing an unknown write and then the value it replaced, with no writer in between', () => {
    const history = [write(1, 'x', 'a', 1, 2), write(2, 'x', 'b', 3, null), read(3, 'x', 4, 5, 'b'), read(3, 'x', 6, 7, 'a')];
    const explanation = expectNotLinearizable(checkLinearizable(history), 'x');
    expect(explanation).toContain('client 3 read("x") -> "a" [call 6, ret 7]');
    expect(explanation).toContain('client 2 write("x", "b") [call 3, outcome unknown]');
  });

  it('never lets an unknown write take effect before it was invoked', () => {
    const history = [write(1, 'x', 'a', 1, 2), read(3, 'x', 3, 4, 'b'), write(2, 'x', 'b', 5, null)];
    expect(checkLinearizable(history).ok).toBe(false);
  });

  it('lets an unknown cas swap or not, but only from the value it expected', () => {
    const swapped = [write(1, 'x', 'a', 1, 2), cas(2, 'x', 'a', 'b', 3, null), read(3, 'x', 5, 6, 'b')];
    expect(checkLinearizable(swapped).ok).toBe(true);
    const notSwapped = [write(1, 'x', 'a', 1, 2), cas(2, 'x', 'a', 'b', 3, null), read(3, 'x', 5, 6, 'a')];
    expect(checkLinearizable(notSwapped).ok).toBe(true);
    const wrongExpectation = [write(1, 'x', 'a', 1, 2), cas(2, 'x', 'z', 'b', 3, null), read(3, 'x', 5, 6, 'b')];
    expect(checkLinearizable(wrongExpectation).ok).toBe(false);
  });

  it('uses an unknown write to explain a failed cas', () => {
    // Only the unknown write of "b" can have moved x away from "a" before the cas compared.
    const history = [write(1, 'x', 'a', 1, 2), write(2, 'x', 'b', 3, null), cas(3, 'x', 'a', 'c', 4, 5, false)];
    expect(checkLinearizable(history).ok).toBe(true);
  });

  it('ignores unknown-outcome reads', () => {
    expect(checkLinearizable([write(1, 'x', 'a', 1, 2), read(2, 'x', 3, null)]).ok).toBe(true);
  });
});

describe('checkLinearizable: keys', () => {
  it('checks keys as independent registers', () => {
    // Real-time order across keys is irrelevant: each key only has to be a register on its own.
    const history = [
      write(1, 'x', 'a', 1, 2),
      read(2, 'y', 3, 4, null),
      write(2, 'y', 'a', 5, 6),
      read(1, 'x', 7, 8, 'a'),
      read(1, 'y', 9, 10, 'a'),
    ];
    expect(checkLinearizable(history).ok).toBe(true);
    expect(checkLinearizable([write(1, 'x', 'a', 1, 2), read(2, 'y', 3, 4, 'a')]).ok).toBe(false);
  });

  it('names the broken key in the explanation', () => {
    const history = [write(1, 'x', 'a', 1, 2), read(2, 'x', 3, 4, 'a'), write(3, 'y', 'b', 5, 6), read(4, 'y', 7, 8, null)];
    const explanation = expectNotLinearizable(checkLinearizable(history), 'y');
    expect(explanation).toMatch(/^key "y" is not linearizable/);
    expect(explanation).toContain('client 4 read("y") -> null [call 7, ret 8]');
  });
});

describe('checkLinearizable: bounds and input', () => {
  it('answers unknown when the search needs more states than maxStatesPerKey allows', () => {
    // A sequential history of n operations needs exactly n configurations.
    const history = [write(1, 'x', 'a', 1, 2), read(1, 'x', 3, 4, 'a'), write(1, 'x', 'b', 5, 6)];
    expect(checkLinearizable(history, { maxStatesPerKey: 3 })).toEqual({ ok: true, statesExplored: 3 });
    const result = checkLinearizable(history, { maxStatesPerKey: 2 });
    expect(result.ok).toBe('unknown');
    if (result.ok !== 'unknown') throw new Error('unreachable: the expectation above failed');
    expect(result.key).toBe('x');
    expect(result.reason).toContain('maxStatesPerKey');
  });

  it('still reports a definite failure on another key after one key gave up', () => {
    const history = [write(1, 'a', 'v', 1, 2), read(1, 'a', 3, 4, 'v'), write(1, 'a', 'w', 5, 6), read(2, 'b', 1, 2, 'v')];
    expect(checkLinearizable(history, { maxStatesPerKey: 2 }).ok).toBe(false);
  });

  it('rejects a bad maxStatesPerKey and malformed events with the field named', () => {
    expect(() => checkLinearizable([], { maxStatesPerKey: 0 })).toThrow('maxStatesPerKey: must be a positive integer (got 0)');
    const backwards = { client: 1, op: { kind: 'read', key: 'x' }, call: 5, ret: 4, output: null } as const;
    expect(() => checkLinearizable([backwards])).toThrow(/^history\[0\]\.ret: .*\(got 4\)$/);
  });

  it('handles a deep history without overflowing the stack', () => {
    const history: HistoryEvent[] = [];
    for (let i = 0; i < 50_000; i += 1) history.push(write(1, 'x', `v${i}`, 2 * i, 2 * i + 1));
    expect(checkLinearizable(history)).toEqual({ ok: true, statesExplored: 50_000 });
  });
});

describe('history JSON', () => {
  const history: HistoryEvent[] = [
    write(1, 'x', 'a', 1, 2),
    cas(2, 'x', null, 'b', 3, 5, false),
    write(3, 'x', 'c', 4, null),
    read(1, 'x', 6, 7, 'c'),
  ];

  it('round-trips a history to stable text that checks the same', () => {
    const text = historyToJson(history);
    const parsed = historyFromJson(text);
    expect(parsed).toEqual(history);
    expect(historyToJson(parsed)).toBe(text);
    expect(checkLinearizable(parsed)).toEqual(checkLinearizable(history));
    expect(historyFromJson(historyToJson([]))).toEqual([]);
  });

  it('rejects malformed JSON with a message naming the bad field', () => {
    const text = historyToJson(history).replace('"kind":"cas"', '"kind":"swap"');
    expect(() => historyFromJson(text)).toThrow('history JSON: events[1].op.kind: must be "read", "write" or "cas" (got "swap")');
    const noOutput = historyToJson(history).replace(',"output":"c"', '');
    expect(() => historyFromJson(noOutput)).toThrow('history JSON: events[3].output: a completed read must output a string or null (key absent) (got nothing)');
    expect(() => historyFromJson('{"version":2,"events":[]}')).toThrow('history JSON: version: must be 1 (got 2)');
    expect(() => historyFromJson('[{')).toThrow(/^history JSON: not valid JSON/);
  });
});

/** A seeded xorshift32 generator, so a random history is the same on every run. */
function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

interface InFlight {
  readonly op: Op;
  readonly call: number;
  output?: string | null | boolean;
}

interface SimulationShape {
  readonly ops: number;
  readonly keys: number;
  readonly clients: number;
  /** Chance that an operation's client crashes at each step, leaving its outcome unknown. */
  readonly crashRate: number;
}

/**
 * Runs clients against a real in-memory register. Each operation is invoked, takes effect
 * atomically at a later random step, and returns at a later step still, so the intervals overlap
 * randomly and the history is linearizable by construction. A crash before or after the effect
 * leaves the outcome unknown.
 */
function simulateHistory(seed: number, shape: SimulationShape): HistoryEvent[] {
  const random = seededRandom(seed);
  const register = new Map<string, string>();
  const inFlight: (InFlight | undefined)[] = new Array<InFlight | undefined>(shape.clients).fill(undefined);
  const history: HistoryEvent[] = [];
  let invoked = 0;
  for (let now = 1; invoked < shape.ops || inFlight.some((op) => op !== undefined); now += 1) {
    const client = Math.floor(random() * shape.clients);
    const current = inFlight[client];
    if (current === undefined) {
      if (invoked < shape.ops) inFlight[client] = { op: randomOp(random, register, shape.keys, invoked), call: now };
      invoked += 1;
    } else if (random() < shape.crashRate) {
      history.push({ client, op: current.op, call: current.call, ret: null });
      inFlight[client] = undefined;
    } else if (current.output === undefined) {
      current.output = applyToRegister(register, current.op);
    } else {
      history.push({ client, op: current.op, call: current.call, ret: now, output: current.output });
      inFlight[client] = undefined;
    }
  }
  return history;
}

function randomOp(random: () => number, register: ReadonlyMap<string, string>, keys: number, serial: number): Op {
  const key = `k${Math.floor(random() * keys)}`;
  const roll = random();
  if (roll < 0.45) return { kind: 'read', key };
  if (roll < 0.8) return { kind: 'write', key, value: `v${serial}` };
  // Expecting the value current at invocation makes many cas succeed, and a concurrent writer
  // sometimes makes them fail, so both outcomes appear.
  const expected = random() < 0.8 ? (register.get(key) ?? null) : `v${Math.floor(random() * (serial + 1))}`;
  return { kind: 'cas', key, expected, value: `v${serial}` };
}

function applyToRegister(register: Map<string, string>, op: Op): string | null | boolean {
  const current = register.get(op.key) ?? null;
  switch (op.kind) {
    case 'read':
      return current;
    case 'write':
      register.set(op.key, op.value);
      return true;
    case 'cas':
      if (current !== op.expected) return false;
      register.set(op.key, op.value);
      return true;
  }
}

describe('checkLinearizable: random histories', () => {
  const shape: SimulationShape = { ops: 3_000, keys: 10, clients: 8, crashRate: 0.01 };

  it('checks a 3,000-operation history over 10 keys and 8 clients in well under 2 s', () => {
    const history = simulateHistory(20_240_601, shape);
    expect(history).toHaveLength(3_000);
    expect(history.some((event) => event.ret === null)).toBe(true);
    const started = performance.now();
    const result = checkLinearizable(history);
    const elapsedMs = performance.now() - started;
    expect(result.ok).toBe(true);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('decides a broken single-key history full of unknown outcomes instead of giving up', () => {
    // One key, eight clients and a few percent crashed operations: the case where unknown writes
    // could each explain a failed cas, which makes an exhaustive search blow up without pruning.
    for (const seed of [1, 2, 3]) {
      const history = simulateHistory(seed, { ops: 1_500, keys: 1, clients: 8, crashRate: 0.01 });
      expect(history.filter((event) => event.ret === null).length, `seed ${seed}`).toBeGreaterThan(10);
      const victim = history.findLastIndex((event) => event.op.kind === 'read' && event.ret !== null);
      const corrupted = history.map((event, i) => (i === victim ? { ...event, output: 'never-written' } : event));
      expect(checkLinearizable(corrupted).ok, `seed ${seed}`).toBe(false);
    }
  });

  it('accepts every seed and catches one corrupted read in each', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const history = simulateHistory(seed, { ...shape, ops: 500, keys: 3 });
      expect(checkLinearizable(history).ok, `seed ${seed}`).toBe(true);
      const victim = history.findIndex((event) => event.op.kind === 'read' && event.ret !== null);
      const corrupted = history.map((event, i) => (i === victim ? { ...event, output: 'never-written' } : event));
      const result = checkLinearizable(corrupted);
      expect(result.ok, `seed ${seed}`).toBe(false);
      if (result.ok === false) expect(result.explanation).toContain('"never-written"');
    }
  });
});

/**
 * The definition of linearizability, checked the slow way: try every order of the operations
 * that respects real time, with each unknown-outcome operation either placed somewhere after its
 * call or left out. Recursion is fine here because the histories it sees are tiny.
 */
function linearizableByBruteForce(history: readonly HistoryEvent[]): boolean {
  const placed = new Array<boolean>(history.length).fill(false);
  const search = (state: string | null): boolean => {
    if (history.every((event, i) => placed[i] === true || event.ret === null)) return true;
    return history.some((event, i) => {
      if (placed[i] === true) return false;
      const mustComeFirst = history.some((other, j) => placed[j] !== true && other.ret !== null && other.ret < event.call);
      const next = mustComeFirst ? undefined : specStep(state, event);
      if (next === undefined) return false;
      placed[i] = true;
      const found = search(next);
      placed[i] = false;
      return found;
    });
  };
  return search(null);
}

/** The register's specification; undefined when the event's output is impossible in state. */
function specStep(state: string | null, event: HistoryEvent): string | null | undefined {
  const { op } = event;
  const known = event.ret !== null;
  switch (op.kind) {
    case 'read':
      return !known || event.output === state ? state : undefined;
    case 'write':
      return op.value;
    case 'cas':
      if (!known) return state === op.expected ? op.value : state;
      if (event.output === true) return state === op.expected ? op.value : undefined;
      return state === op.expected ? undefined : state;
  }
}

/** A tiny random history on one key whose outputs are random, so many are not linearizable. */
function randomTinyHistory(random: () => number): HistoryEvent[] {
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)] as T;
  // Writes draw from more values than reads and cas compare against, so some written values are
  // never observed: that exercises the checker's merging of unobserved values.
  const written = ['a', 'b', 'c', 'd'];
  const observable = [null, 'a', 'b'];
  const history: HistoryEvent[] = [];
  const count = 2 + Math.floor(random() * 6);
  for (let client = 0; client < count; client += 1) {
    const call = Math.floor(random() * 10);
    const ret = random() < 0.25 ? null : call + Math.floor(random() * 5);
    const roll = random();
    let op: Op;
    let output: string | null | boolean;
    if (roll < 0.4) [op, output] = [{ kind: 'read', key: 'k' }, pick(observable)];
    else if (roll < 0.7) [op, output] = [{ kind: 'write', key: 'k', value: pick(written) }, true];
    else [op, output] = [{ kind: 'cas', key: 'k', expected: pick(observable), value: pick(written) }, random() < 0.5];
    history.push(ret === null ? { client, op, call, ret } : { client, op, call, ret, output });
  }
  return history;
}

describe('checkLinearizable: agreement with the definition', () => {
  it('gives the brute-force answer on thousands of tiny random histories', () => {
    const random = seededRandom(7);
    const verdicts = { linearizable: 0, not: 0 };
    for (let i = 0; i < 5_000; i += 1) {
      const history = randomTinyHistory(random);
      const expected = linearizableByBruteForce(history);
      expect(checkLinearizable(history).ok, historyToJson(history)).toBe(expected);
      verdicts[expected ? 'linearizable' : 'not'] += 1;
    }
    // Both answers must be common, or the comparison proves little.
    expect(verdicts.linearizable).toBeGreaterThan(1_000);
    expect(verdicts.not).toBeGreaterThan(1_000);
  });
});

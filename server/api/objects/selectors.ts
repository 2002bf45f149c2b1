// Label selectors (`app=web,tier in (fe,be),!canary,env!=prod,version`, and the LabelSelector
// objects of specs) and field selectors (`metadata.name=web,status.phase!=Running`), with
// Kubernetes' meaning: `!=` and `notin` also match objects without the label; a missing
// LabelSelector object selects nothing, an empty one everything.
import { invalidObject } from '../../../client/index.js';
import type { FieldCause, KindInfo, KubeObject } from '../../../client/index.js';
import { labelValueProblem, qualifiedNameDetail } from './names.js';
import type { Rec, Rule } from './validate-rules.js';
import { Causes, fields, isRec, list, map, oneOf, own, req, show, str, strList } from './validate-rules.js';

export interface LabelMatcher {
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  /** No requirements: matches every object. */
  readonly empty: boolean;
  toString(): string;
}

type LabelOp = 'exists' | 'notExists' | 'eq' | 'neq' | 'in' | 'notin';

interface Requirement {
  readonly key: string;
  readonly op: LabelOp;
  readonly values: readonly string[];
}

function labelOf(labels: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  if (labels === undefined || labels === null || typeof labels !== 'object') return undefined;
  const v: unknown = Object.hasOwn(labels, key) ? labels[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const v = labelOf(labels, r.key);
  switch (r.op) {
    case 'exists':
      return v !== undefined;
    case 'notExists':
      return v === undefined;
    case 'eq':
    case 'in':
      return v !== undefined && r.values.includes(v);
    case 'neq':
    case 'notin':
      return v === undefined || !r.values.includes(v);
  }
}

function requirementText(r: Requirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case 'notExists':
      return `!${r.key}`;
    case 'eq':
      return `${r.key}=${r.values[0] ?? ''}`;
    case 'neq':
      return `${r.key}!=${r.values[0] ?? ''}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${r.values.join(',')})`;
  }
}

class Matcher implements LabelMatcher {
  private readonly reqs: readonly Requirement[];

  /** `nothing`: the matcher of a missing or invalid selector, which matches no object. */
  constructor(reqs: readonly Requirement[], private readonly nothing = false) {
    const canonical = reqs.map((r) => ({ ...r, values: [...new Set(r.values)].sort() }));
    this.reqs = canonical.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get empty(): boolean {
    return !this.nothing && this.reqs.length === 0;
  }

  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    return !this.nothing && this.reqs.every((r) => requirementMatches(r, labels));
  }

  toString(): string {
    return this.nothing ? '<none>' : this.reqs.map(requirementText).join(',');
  }
}

const NOTHING = new Matcher([], true);

// ---- Label selector text ----

type TokenKind = 'ident' | '!' | '=' | '==' | '!=' | '(' | ')' | ',' | 'end';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly pos: number;
}

const SPECIAL = new Set(['!', '=', '(', ')', ',']);

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '!' || ch === '=') {
      const two = text.slice(i, i + 2);
      const kind: TokenKind = two === '!=' || two === '==' ? two : (ch as TokenKind);
      tokens.push({ kind, text: kind, pos: i });
      i += kind.length;
    } else if (SPECIAL.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, pos: i });
      i++;
    } else {
      const start = i;
      while (i < text.length && !SPECIAL.has(text.charAt(i)) && !/\s/.test(text.charAt(i))) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

class LabelParser {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly field: string,
  ) {}

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    if (this.peek().kind === 'end') return reqs;
    for (;;) {
      reqs.push(this.requirement());
      const t = this.next();
      if (t.kind === 'end') return reqs;
      if (t.kind !== ',') this.fail(`expected "," ${where(t)}`);
    }
  }

  private requirement(): Requirement {
    const first = this.next();
    if (first.kind === '!') return { key: this.key(this.next()), op: 'notExists', values: [] };
    const key = this.key(first);
    const t = this.peek();
    if (t.kind === ',' || t.kind === 'end') return { key, op: 'exists', values: [] };
    this.next();
    if (t.kind === '=' || t.kind === '==' || t.kind === '!=') return { key, op: t.kind === '!=' ? 'neq' : 'eq', values: [this.exactValue()] };
    if (t.kind === 'ident' && (t.text === 'in' || t.text === 'notin')) return { key, op: t.text, values: this.valueSet(t.text) };
    return this.fail(`expected "=", "==", "!=", "in", "notin" or "," after key ${show(key)} ${where(t)}`);
  }

  private key(t: Token): string {
    if (t.kind !== 'ident') this.fail(`expected a label key ${where(t)}`);
    const detail = qualifiedNameDetail(t.text);
    if (detail !== undefined) this.fail(`key ${show(t.text)} at position ${t.pos} must be a qualified name: ${detail}`);
    return t.text;
  }

  private value(t: Token): string {
    const problem = labelValueProblem(t.text);
    if (problem !== undefined) this.fail(`value ${show(t.text)} at position ${t.pos} ${problem}`);
    return t.text;
  }

  /** After =, == or !=: a value, or nothing (the empty value) before "," or the end. */
  private exactValue(): string {
    const t = this.peek();
    if (t.kind === ',' || t.kind === 'end') return '';
    if (t.kind !== 'ident') this.fail(`expected a value ${where(t)}`);
    return this.value(this.next());
  }

  private valueSet(op: string): string[] {
    const open = this.next();
    if (open.kind !== '(') this.fail(`expected "(" after "${op}" ${where(open)}`);
    if (this.peek().kind === ')') this.fail(`"${op}" needs at least one value ${where(this.peek())}`);
    const values: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind !== 'ident') this.fail(`expected a value ${where(t)}`);
      values.push(this.value(t));
      const sep = this.next();
      if (sep.kind === ')') return values;
      if (sep.kind !== ',') this.fail(`expected "," or ")" ${where(sep)}`);
    }
  }

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'end', text: '', pos: this.text.length };
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private fail(rule: string): never {
    throw invalidObject([{ field: this.field, message: `${rule} (got ${show(this.text)})` }]);
  }
}

function where(t: Token): string {
  return t.kind === 'end' ? 'at the end' : `at position ${t.pos}, found ${show(t.text)}`;
}

/**
 * `app=web,tier in (fe,be),!canary,env!=prod,version`; "" matches everything. Throws InvalidError
 * (field `field`) naming the problem and its position (0-based character offset).
 */
export function parseLabelSelector(text: string, field = 'labelSelector'): LabelMatcher {
  if (typeof text !== 'string') throw invalidObject([{ field, message: `must be a string (got ${show(text)})` }]);
  return new Matcher(new LabelParser(text, lex(text), field).parse());
}

// ---- LabelSelector objects ----

function keyProblem(k: string): string | undefined {
  const detail = qualifiedNameDetail(k);
  return detail === undefined ? undefined : `must be a qualified name: ${detail}`;
}

/** A map of labels: qualified-name keys, label values. */
export const labelMapRule: Rule = map(str(labelValueProblem), keyProblem);

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

const expressionRule = fields(
  { key: req(str(keyProblem)), operator: req(oneOf(...LABEL_OPERATORS)), values: strList(labelValueProblem) },
  (c, rec, path) => {
    const op = own(rec, 'operator');
    const values = own(rec, 'values');
    const count = Array.isArray(values) ? values.length : 0;
    if ((op === 'In' || op === 'NotIn') && count === 0) c.bad(`${path}.values`, `must be non-empty when operator is ${op}`, values ?? []);
    if ((op === 'Exists' || op === 'DoesNotExist') && count > 0) c.bad(`${path}.values`, `must be empty when operator is ${op}`, values);
  },
);

const selectorRule = fields({ matchLabels: labelMapRule, matchExpressions: list(expressionRule) });

const OPS = new Map<string, LabelOp>([
  ['In', 'in'],
  ['NotIn', 'notin'],
  ['Exists', 'exists'],
  ['DoesNotExist', 'notExists'],
]);

function requirementsOf(sel: Rec): Requirement[] {
  const reqs: Requirement[] = [];
  const labels = own(sel, 'matchLabels');
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  if (isRec(labels)) for (const [key, v] of Object.entries(labels)) reqs.push({ key, op: 'eq', values: [text(v)] });
  const exprs = own(sel, 'matchExpressions');
  for (const e of Array.isArray(exprs) ? (exprs as unknown[]) : []) {
    if (!isRec(e)) continue;
    const values = own(e, 'values');
    reqs.push({
      key: text(own(e, 'key')),
      op: OPS.get(text(own(e, 'operator'))) ?? 'exists',
      values: Array.isArray(values) ? values.map(text) : [],
    });
  }
  return reqs;
}

/**
 * A LabelSelector object ({matchLabels, matchExpressions}). Causes are reported under `field`;
 * a missing (undefined or null) or invalid selector gives a matcher that matches nothing.
 */
export function labelSelectorFromObject(sel: unknown, field: string): { matcher: LabelMatcher; causes: FieldCause[] } {
  if (sel === undefined || sel === null) return { matcher: NOTHING, causes: [] };
  const c = new Causes();
  selectorRule(c, sel, field);
  const causes = c.list;
  if (causes.length > 0 || !isRec(sel)) return { matcher: NOTHING, causes };
  return { matcher: new Matcher(requirementsOf(sel)), causes };
}

// ---- Field selectors ----

export interface FieldMatcher {
  matches(obj: KubeObject): boolean;
  readonly empty: boolean;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];

/** The fields each kind can be selected by, as Kubernetes offers them. */
const FIELDS_BY_KIND = new Map<string, readonly string[]>([
  [
    'Pod',
    [
      ...COMMON_FIELDS,
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
  ],
  ['Namespace', [...COMMON_FIELDS, 'status.phase']],
  ['Node', [...COMMON_FIELDS, 'spec.unschedulable']],
  ['Secret', [...COMMON_FIELDS, 'type']],
  ['ReplicaSet', [...COMMON_FIELDS, 'status.replicas']],
  [
    'Event',
    [
      ...COMMON_FIELDS,
      'involvedObject.kind',
      'involvedObject.name',
      'involvedObject.namespace',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'type',
      'source',
      'reportingComponent',
    ],
  ],
]);

/** The field selectors `kind` supports. */
export function supportedFieldSelectors(kind: KindInfo): readonly string[] {
  return FIELDS_BY_KIND.get(kind.kind) ?? COMMON_FIELDS;
}

/** Where a selectable field lives when its name is not its path. */
const FIELD_PATHS = new Map<string, readonly string[]>([['source', ['source', 'component']]]);

/** A field's value as a field selector sees it: absent is "". */
function fieldValue(obj: unknown, name: string): string {
  let v: unknown = obj;
  for (const part of FIELD_PATHS.get(name) ?? name.split('.')) v = isRec(v) ? own(v, part) : undefined;
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

interface FieldTerm {
  readonly name: string;
  readonly negate: boolean;
  readonly value: string;
}

/** Splits at unescaped commas, keeping each term's offset. */
function splitTerms(text: string): { term: string; pos: number }[] {
  const terms: { term: string; pos: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charAt(i) === '\\') i++;
    else if (text.charAt(i) === ',') {
      terms.push({ term: text.slice(start, i), pos: start });
      start = i + 1;
    }
  }
  terms.push({ term: text.slice(start), pos: start });
  return terms;
}

/** Undoes `\,`, `\=` and `\\`; undefined for any other escape. */
function unescape(value: string): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const nextCh = value.charAt(++i);
    if (nextCh !== ',' && nextCh !== '=' && nextCh !== '\\') return undefined;
    out += nextCh;
  }
  return out;
}

function parseFieldTerm(term: string, pos: number, supported: readonly string[], kind: KindInfo, fail: (rule: string) => never): FieldTerm {
  const m = /^([^=!]*)(!=|==|=)(.*)$/s.exec(term);
  if (m === null) return fail(`expected "=", "==" or "!=" in the term at position ${pos}`);
  const name = (m[1] ?? '').trim();
  if (!supported.includes(name)) {
    return fail(`field ${show(name)} at position ${pos} is not supported for ${kind.kind}: use one of ${supported.join(', ')}`);
  }
  const value = unescape((m[3] ?? '').trim());
  if (value === undefined) return fail(`bad escape in the value at position ${pos}: only \\, \\= and \\\\ are allowed`);
  return { name, negate: m[2] === '!=', value };
}

/**
 * `metadata.name=web,status.phase!=Running` (=, == and !=; `\,` `\=` `\\` escape in values). Throws
 * InvalidError (field `field`) for a malformed term or a field `kind` does not support, naming
 * the fields it does.
 */
export function parseFieldSelector(text: string, kind: KindInfo, field = 'fieldSelector'): FieldMatcher {
  const fail = (rule: string): never => {
    throw invalidObject([{ field, message: `${rule} (got ${show(text)})` }]);
  };
  if (typeof text !== 'string') return fail('must be a string');
  const supported = supportedFieldSelectors(kind);
  const terms: FieldTerm[] = [];
  for (const { term, pos } of splitTerms(text)) {
    if (term.trim() === '') continue;
    terms.push(parseFieldTerm(term, pos, supported, kind, fail));
  }
  return {
    empty: terms.length === 0,
    matches: (obj) => terms.every((t) => (fieldValue(obj, t.name) === t.value) !== t.negate),
  };
}

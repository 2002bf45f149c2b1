// How the CLI prints results. `-o json` and `-o yaml` print documented, stable field names for
// scripts (see the help of each command); `-o table` (the default) is for people and may change.
//
// Values are bytes. In json/yaml a value is a string with its encoding beside it: "utf8" when the
// bytes are valid UTF-8, otherwise "base64". In a table, text is shown as is and other bytes as
// "base64:<...>".
import { stringify as toYaml } from 'yaml';
import { InvalidError, isBerthError } from '../index.js';
import type { ClusterOverview, ClusterStatus, KeyValue, Member, WatchEvent } from '../index.js';
import type { CliIo } from './command.js';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface EncodedValue {
  readonly value: string;
  readonly valueEncoding: 'utf8' | 'base64';
}

export function encodeValue(bytes: Uint8Array): EncodedValue {
  try {
    return { value: strictUtf8.decode(bytes), valueEncoding: 'utf8' };
  } catch {
    return { value: Buffer.from(bytes).toString('base64'), valueEncoding: 'base64' };
  }
}

/** Text fit for one table cell: printable UTF-8 as is, anything else as base64. */
export function displayValue(bytes: Uint8Array): string {
  const v = encodeValue(bytes);
  // eslint-disable-next-line no-control-regex
  if (v.valueEncoding === 'utf8' && !/[\u0000-\u001f\u007f]/.test(v.value)) return v.value;
  return `base64:${Buffer.from(bytes).toString('base64')}`;
}

/** The stable JSON form of a key-value: key, value, valueEncoding, createRevision, modRevision, version. */
export function kvJson(kv: KeyValue): Record<string, unknown> {
  return { key: kv.key, ...encodeValue(kv.value), createRevision: kv.createRevision, modRevision: kv.modRevision, version: kv.version };
}

/** The stable JSON form of a watch event: type, key, value, valueEncoding, revision, and the kv's revisions. */
export function eventJson(e: WatchEvent): Record<string, unknown> {
  return { type: e.type, revision: e.revision, ...kvJson(e.kv), ...(e.prevKv !== undefined ? { prevKv: kvJson(e.prevKv) } : {}) };
}

/** A document in json or yaml, ending with a newline. */
export function formatDocument(doc: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc);
}

/** The width of each column: its widest cell or header. */
export function columnWidths(headers: readonly string[], rows: readonly (readonly string[])[]): number[] {
  return headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
}

/** One line of a table, cells padded to `widths`, two spaces apart, without trailing blanks. */
export function formatRow(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

/** Columns padded to their widest cell, two spaces apart. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columnWidths(headers, rows);
  return [formatRow(headers, widths), ...rows.map((r) => formatRow(r, widths))].join('\n') + '\n';
}

export function kvTable(kvs: readonly KeyValue[]): string {
  return formatTable(
    ['KEY', 'MOD_REV', 'VERSION', 'VALUE'],
    kvs.map((kv) => [kv.key, String(kv.modRevision), String(kv.version), displayValue(kv.value)]),
  );
}

export function eventLine(e: WatchEvent): string {
  return e.type === 'put' ? `PUT ${e.kv.key} ${displayValue(e.kv.value)} (rev ${e.revision})\n` : `DELETE ${e.kv.key} (rev ${e.revision})\n`;
}

export function statusTable(s: ClusterStatus): string {
  const rows: [string, string][] = [
    ['cluster', s.clusterId],
    ['id', s.id],
    ['role', s.role],
    ['leader', s.leader || '(none)'],
    ['term', String(s.term)],
    ['commit', String(s.commit)],
    ['applied', String(s.applied)],
    ['log', `${s.firstIndex}..${s.lastIndex}`],
    ['revision', String(s.revision)],
    ['compacted', String(s.compactedRevision)],
    ['voters', s.voters.join(', ')],
    ['learners', s.learners.join(', ') || '(none)'],
  ];
  if (s.leadTransferee !== '') rows.push(['transferring to', s.leadTransferee]);
  const width = Math.max(...rows.map(([k]) => k.length));
  let out = rows.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join('\n') + '\n';
  if (s.progress.length > 0) {
    out += '\n' + formatTable(
      ['MEMBER', 'MATCH', 'NEXT', 'STATE', 'ACTIVE', 'INFLIGHT'],
      s.progress.map((p) => [p.learner ? `${p.id} (learner)` : p.id, String(p.match), String(p.next), p.state, p.recentActive ? 'yes' : 'no', String(p.inflight)]),
    );
  }
  return out;
}

export function membersTable(members: readonly Member[], leader: string): string {
  return formatTable(
    ['ID', 'ADDRESS', 'ROLE', 'LEADER'],
    members.map((m) => [m.id, m.address, m.role, m.id === leader ? '*' : '']),
  );
}

/** `berth cluster status`: one row per member, as every member reported itself. */
export function overviewTable(o: ClusterOverview): string {
  return formatTable(
    ['MEMBER', 'ADDRESS', 'ROLE', 'HEALTHY', 'COMMIT', 'APPLIED'],
    o.members.map((m) => [m.id, m.address, m.role, m.healthy ? 'yes' : 'no', String(m.commitIndex), String(m.appliedIndex)]),
  );
}

/**
 * Prints a failure as "error: [context: ]message" on stderr, and for an invalid object each
 * field at fault on a line of its own.
 */
export function reportError(io: CliIo, err: unknown, context?: string): void {
  let message = isBerthError(err) || err instanceof Error ? err.message : String(err);
  const causes = err instanceof InvalidError ? err.causes.map((c) => `${c.field}: ${c.message}`) : [];
  // The server's message may end with the causes joined by "; ": they get lines of their own.
  const joined = causes.join('; ');
  if (causes.length > 0 && message.endsWith(joined) && message.length > joined.length) message = message.slice(0, -joined.length).replace(/[:;\s]+$/, '');
  io.stderr(`error: ${context !== undefined ? `${context}: ` : ''}${message}\n`);
  for (const c of causes) io.stderr(`  * ${c}\n`);
}

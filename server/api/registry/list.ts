// Listing objects of a kind: a prefix range read at one store revision, filtered by label and
// field selectors, in pages. A page ends after `limit` matching objects; its continue token holds
// the revision and the last key read, so that every page of one list is read at the same
// revision (a consistent snapshot), as in Kubernetes. Selectors are applied while reading in
// chunks, so a selective list of a big kind does not return short pages or read it all at once.
import { BerthError, InvalidError, isBerthError } from '../../../client/index.js';
import type { KindInfo, KubeObject } from '../../../client/index.js';
import type { FieldMatcher, LabelMatcher } from '../objects/index.js';
import { parseFieldSelector, parseLabelSelector } from '../objects/index.js';
import { listPrefix } from './keys.js';
import type { ObjectRegistry } from './registry.js';
import { decodeObject } from './stored.js';

export interface ListParams {
  readonly namespace: string;
  readonly labelSelector: string;
  readonly fieldSelector: string;
  /** 0: no limit. */
  readonly limit: number;
  readonly continueToken: string;
  readonly stale: boolean;
}

export interface ListPage {
  readonly items: KubeObject[];
  readonly revision: number;
  /** '' when this is the last page. */
  readonly continueToken: string;
}

interface Token {
  readonly rev: number;
  readonly key: string;
  readonly prefix: string;
}

function badToken(): InvalidError {
  return new InvalidError('continue: not a continue token of this list; list again without it', {
    causes: [{ field: 'continue', message: 'not a continue token of this list' }],
  });
}

function decodeToken(text: string, prefix: string): Token {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  const t = parsed as Partial<Token>;
  if (typeof t !== 'object' || t === null || typeof t.rev !== 'number' || typeof t.key !== 'string' || t.prefix !== prefix) throw badToken();
  if (!Number.isSafeInteger(t.rev) || t.rev < 1 || !t.key.startsWith(prefix)) throw badToken();
  return { rev: t.rev, key: t.key, prefix };
}

function encodeToken(t: Token): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

/** The label and field matchers of a list or watch; throws InvalidError naming the bad selector. */
export function compileSelectors(kind: KindInfo, labelSelector: string, fieldSelector: string): { labels?: LabelMatcher; fields?: FieldMatcher } {
  const labels = labelSelector.trim() === '' ? undefined : parseLabelSelector(labelSelector, 'labelSelector');
  const fields = fieldSelector.trim() === '' ? undefined : parseFieldSelector(fieldSelector, kind, 'fieldSelector');
  return { ...(labels !== undefined ? { labels } : {}), ...(fields !== undefined ? { fields } : {}) };
}

export function matcherOf(sel: { labels?: LabelMatcher; fields?: FieldMatcher }): (obj: KubeObject) => boolean {
  const { labels, fields } = sel;
  if (labels === undefined && fields === undefined) return () => true;
  return (obj) => (labels === undefined || labels.matches(obj.metadata?.labels)) && (fields === undefined || fields.matches(obj));
}

export async function listObjects(reg: ObjectRegistry, kind: KindInfo, p: ListParams): Promise<ListPage> {
  const prefix = listPrefix(kind, p.namespace);
  const matches = matcherOf(compileSelectors(kind, p.labelSelector, p.fieldSelector));
  const token = p.continueToken === '' ? undefined : decodeToken(p.continueToken, prefix);
  if (token === undefined && !p.stale) await reg.node.linearizableRead();
  let revision = token?.rev ?? 0;
  let after = token?.key;
  const items: KubeObject[] = [];
  for (;;) {
    const chunk = p.limit > 0 ? Math.min(reg.opts.listChunk, Math.max(p.limit - items.length + 1, 1)) : reg.opts.listChunk;
    const r = await rangeAt(reg, prefix, revision, chunk, after, token !== undefined);
    revision = r.revision;
    for (const [i, kv] of r.kvs.entries()) {
      const obj = decodeOrSkip(reg, kv);
      if (obj === undefined || !matches(obj)) continue;
      items.push(obj);
      if (p.limit > 0 && items.length === p.limit) {
        const more = i < r.kvs.length - 1 || r.more;
        return { items, revision, continueToken: more ? encodeToken({ rev: revision, key: kv.key, prefix }) : '' };
      }
    }
    if (!r.more || r.kvs.length === 0) return { items, revision, continueToken: '' };
    after = r.kvs[r.kvs.length - 1]!.key;
  }
}

async function rangeAt(reg: ObjectRegistry, prefix: string, revision: number, limit: number, after: string | undefined, fromToken: boolean) {
  try {
    return await reg.node.store.range({
      key: prefix,
      prefix: true,
      limit,
      ...(revision > 0 ? { revision } : {}),
      ...(after !== undefined ? { continueAfter: after } : {}),
    });
  } catch (err) {
    if (fromToken && isBerthError(err, 'COMPACTED')) {
      throw new BerthError('COMPACTED', `the continue token's revision ${revision} is no longer kept; list again without continue`, {
        details: { revision },
        cause: err,
      });
    }
    throw err;
  }
}

function decodeOrSkip(reg: ObjectRegistry, kv: Parameters<typeof decodeObject>[0]): KubeObject | undefined {
  try {
    return decodeObject(kv);
  } catch (err) {
    reg.opts.logger.error({ component: 'registry', key: kv.key, err }, 'skipping a stored object that does not decode');
    return undefined;
  }
}

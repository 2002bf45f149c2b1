// Proves that label selectors (text and LabelSelector objects) and field selectors match as
// Kubernetes' do (equality, set-based, exists and not-exists; `!=` and `notin` also matching
// objects without the label), that bad selectors fail with an InvalidError naming the problem and
// its position, and that no string makes parseLabelSelector throw anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError, resolveKind } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import { labelSelectorFromObject, parseFieldSelector, parseLabelSelector } from '../../server/api/objects/index.js';

const web = { app: 'web', tier: 'fe', env: 'prod' };
const api = { app: 'api', tier: 'be', canary: 'true' };
const bare = {};

function errorOf(f: () => unknown): InvalidError {
  try {
    f();
  } catch (err) {
    if (err instanceof InvalidError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('label selector text', () => {
  it.each([
    ['', [true, true, true]],
    ['  ', [true, true, true]],
    ['app=web', [true, false, false]],
    ['app==web', [true, false, false]],
    ['app!=web', [false, true, true]],
    ['tier in (fe,be)', [true, true, false]],
    ['tier notin (fe)', [false, true, true]],
    ['canary', [false, true, false]],
    ['!canary', [true, false, true]],
    ['app=web,tier in (fe,be),!canary,env!=dev,env', [true, false, false]],
    ['app=', [false, false, false]],
    ['example.com/team notin (a, b)', [true, true, true]],
  ] as const)('%j matches web, api, bare as %j', (text, expected) => {
    const m = parseLabelSelector(text);
    expect([web, api, bare].map((labels) => m.matches(labels))).toEqual(expected);
    expect(m.empty).toBe(text.trim() === '');
  });

  it('matches a label with the empty value by "key="', () => {
    expect(parseLabelSelector('app=').matches({ app: '' })).toBe(true);
    expect(parseLabelSelector('app').matches(undefined)).toBe(false);
    expect(parseLabelSelector('!app').matches(undefined)).toBe(true);
  });

  it('does not mistake Object.prototype for labels', () => {
    expect(parseLabelSelector('constructor').matches({})).toBe(false);
    expect(parseLabelSelector('toString!=x').matches({})).toBe(true);
  });

  it('prints a canonical form', () => {
    expect(parseLabelSelector(' tier in (fe, be, fe),app == web,!canary, version').toString()).toBe('app=web,!canary,tier in (be,fe),version');
    expect(parseLabelSelector(parseLabelSelector('a notin (x),b!=y').toString()).toString()).toBe('a notin (x),b!=y');
  });

  it.each([
    ['app=web,', 'expected a label key at the end (got "app=web,")'],
    ['app=web tier=fe', 'expected "," at position 8, found "tier" (got "app=web tier=fe")'],
    ['app in fe', 'expected "(" after "in" at position 7, found "fe" (got "app in fe")'],
    ['app in ()', '"in" needs at least one value at position 8, found ")" (got "app in ()")'],
    ['app in (a b)', 'expected "," or ")" at position 10, found "b" (got "app in (a b)")'],
    ['app in (a,', 'expected a value at the end (got "app in (a,")'],
    ['app ~ web', 'expected "=", "==", "!=", "in", "notin" or "," after key "app" at position 4, found "~" (got "app ~ web")'],
    ['=web', 'expected a label key at position 0, found "=" (got "=web")'],
    ['bad key=x', 'expected "=", "==", "!=", "in", "notin" or "," after key "bad" at position 4, found "key" (got "bad key=x")'],
    ['-app=x', 'key "-app" at position 0 must be a qualified name: the name part must be alphanumeric, \'-\', \'_\' or \'.\', and start and end alphanumeric (got "-app=x")'],
    ['app=we/b', 'value "we/b" at position 4 must be a valid label value: at most 63 characters, alphanumeric, \'-\', \'_\' or \'.\', starting and ending alphanumeric (got "app=we/b")'],
  ])('refuses %j', (text, message) => {
    const err = errorOf(() => parseLabelSelector(text));
    expect(err.causes).toEqual([{ field: 'labelSelector', message }]);
    expect(err.message).toBe(`labelSelector: ${message}`);
  });

  it('names the field it is given', () => {
    expect(errorOf(() => parseLabelSelector('(', 'options.labelSelector')).causes[0]?.field).toBe('options.labelSelector');
  });

  it('throws only InvalidError, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[a-z!=(), ]{0,20}$/)), (text) => {
        try {
          const m = parseLabelSelector(text);
          expect(parseLabelSelector(m.toString()).toString()).toBe(m.toString());
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('LabelSelector objects', () => {
  it('match by labels and expressions', () => {
    const { matcher, causes } = labelSelectorFromObject(
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'canary', operator: 'DoesNotExist' }] },
      'spec.selector',
    );
    expect(causes).toEqual([]);
    expect([web, api, bare].map((l) => matcher.matches(l))).toEqual([true, false, false]);
    expect(matcher.toString()).toBe('app=web,!canary,tier in (be,fe)');
  });

  it('select everything when empty and nothing when missing or invalid', () => {
    expect(labelSelectorFromObject({}, 's').matcher.matches(bare)).toBe(true);
    expect(labelSelectorFromObject({}, 's').matcher.empty).toBe(true);
    for (const sel of [undefined, null, 'app=web', { matchLabels: { app: 'a b' } }]) {
      const { matcher } = labelSelectorFromObject(sel, 's');
      expect(matcher.matches(web)).toBe(false);
      expect(matcher.empty).toBe(false);
    }
  });

  it('report every cause under the field', () => {
    const { causes } = labelSelectorFromObject(
      {
        matchLabels: { 'a/b/c': 'x' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: [] },
          { key: 'tier', operator: 'Exists', values: ['x'] },
          { operator: 'Gt' },
        ],
      },
      'spec.selector',
    );
    expect(causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.selector.matchLabels[a/b/c]: key must be a qualified name: at most one "/" (got "a/b/c")',
      'spec.selector.matchExpressions[0].values: must be non-empty when operator is In (got [])',
      'spec.selector.matchExpressions[1].values: must be empty when operator is Exists (got ["x"])',
      'spec.selector.matchExpressions[2].key: required',
      'spec.selector.matchExpressions[2].operator: must be one of In, NotIn, Exists, DoesNotExist (got "Gt")',
    ]);
  });
});

describe('field selectors', () => {
  const pod = (name: string, nodeName: string | undefined, phase: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: nodeName === undefined ? {} : { nodeName },
    status: { phase },
  });
  const pods = [pod('web', 'n1', 'Running'), pod('api', undefined, 'Pending'), pod('db', 'n2', 'Running')];
  const names = (text: string): (string | undefined)[] => {
    const m = parseFieldSelector(text, resolveKind('Pod'));
    return pods.filter((p) => m.matches(p)).map((p) => p.metadata.name);
  };

  it('select with =, == and !=', () => {
    expect(names('metadata.name=web')).toEqual(['web']);
    expect(names('status.phase==Running,spec.nodeName!=n1')).toEqual(['db']);
    expect(names('spec.nodeName=')).toEqual(['api']);
    expect(names('')).toEqual(['web', 'api', 'db']);
    expect(parseFieldSelector('', resolveKind('Pod')).empty).toBe(true);
    expect(parseFieldSelector('metadata.namespace=default', resolveKind('Pod')).empty).toBe(false);
  });

  it('select Events by their involved object', () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'web' }, type: 'Warning', source: { component: 'kubelet' } };
    const m = parseFieldSelector('involvedObject.kind=Pod,involvedObject.name=web,type=Warning,source=kubelet', resolveKind('Event'));
    expect(m.matches(ev)).toBe(true);
    expect(parseFieldSelector('involvedObject.name=api', resolveKind('Event')).matches(ev)).toBe(false);
  });

  it('unescape values', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a,b=c\\d' } };
    expect(parseFieldSelector('metadata.name=a\\,b\\=c\\\\d', resolveKind('ConfigMap')).matches(cm)).toBe(true);
  });

  it.each([
    ['Pod', 'spec.containers=x', 'field "spec.containers" at position 0 is not supported for Pod: use one of metadata.name, metadata.namespace, spec.nodeName, spec.restartPolicy, spec.schedulerName, spec.serviceAccountName, status.phase, status.podIP, status.nominatedNodeName (got "spec.containers=x")'],
    ['Deployment', 'metadata.name=a,status.phase=Running', 'field "status.phase" at position 16 is not supported for Deployment: use one of metadata.name, metadata.namespace (got "metadata.name=a,status.phase=Running")'],
    ['Pod', 'metadata.name', 'expected "=", "==" or "!=" in the term at position 0 (got "metadata.name")'],
    ['Pod', 'metadata.name=a\\b', 'bad escape in the value at position 0: only \\, \\= and \\\\ are allowed (got "metadata.name=a\\\\b")'],
  ])('refuses for %s: %j', (kind, text, message) => {
    const err = errorOf(() => parseFieldSelector(text, resolveKind(kind)));
    expect(err.causes).toEqual([{ field: 'fieldSelector', message }]);
  });
});

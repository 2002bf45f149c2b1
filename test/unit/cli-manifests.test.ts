// Proves how `-f` reads manifests: several YAML documents in one file, JSON, a directory's
// manifest files in name order, standard input, List objects unwrapped, empty documents skipped,
// and every problem reported at once, naming the file and the document.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../client/index.js';
import { loadManifests, parseManifests } from '../../client/cli/manifests.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: prod
spec:
  ports: [{port: 80}]
`;

function names(text: string, source = 'm.yaml'): string[] {
  const parsed = parseManifests(text, source);
  expect(parsed.errors).toEqual([]);
  return parsed.manifests.map((m) => `${m.object.kind}/${m.object.metadata.name ?? ''}@${m.document}`);
}

describe('parsing', () => {
  it('reads every document of a YAML stream and skips empty ones', () => {
    const text = `# leading comment\n---\n${DEPLOYMENT}---\n---\n# only a comment\n---\n${SERVICE}`;
    // Documents are counted as YAML does: comments before the first "---" open document 1.
    expect(names(text)).toEqual(['Deployment/web@1', 'Service/web@4']);
    const [, svc] = parseManifests(text, 'm.yaml').manifests;
    expect(svc?.object).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'prod' }, spec: { ports: [{ port: 80 }] } });
  });

  it('reads JSON, by extension or as YAML', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } });
    expect(names(json, 'cm.json')).toEqual(['ConfigMap/cm@1']);
    expect(names(json, '<stdin>')).toEqual(['ConfigMap/cm@1']);
  });

  it('unwraps List and *List objects', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
        { apiVersion: 'v1', kind: 'PodList', metadata: {}, items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }] },
      ],
    };
    expect(names(JSON.stringify(list), 'l.json')).toEqual(['ConfigMap/a@1', 'Pod/p@1']);
  });

  it('names the file, the document and the problem', () => {
    const text = `${DEPLOYMENT}---\nkind: Service\nmetadata: {name: x}\n---\napiVersion: v1\nmetadata: {name: y}\n---\napiVersion: v1\nkind: Pod\n---\n- a\n- b\n---\nkey: [unclosed\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Pod}\n`;
    const parsed = parseManifests(text, 'app.yaml');
    expect(parsed.manifests.map((m) => m.object.metadata.name)).toEqual(['web']);
    expect(parsed.errors.map((e) => e.replace(/ at line.*/, ''))).toEqual([
      'app.yaml: document 2: apiVersion is missing',
      'app.yaml: document 3: kind is missing',
      'app.yaml: document 4: metadata.name is missing',
      'app.yaml: document 5: must be an object with apiVersion, kind and metadata (got a list)',
      expect.stringMatching(/^app\.yaml: document 6: /),
      'app.yaml: document 7: items[0]: metadata.name is missing',
    ]);
    expect(parseManifests('{"kind": ', 'bad.json').errors).toEqual([expect.stringMatching(/^bad\.json: document 1: .*JSON/)]);
  });
});

describe('loading', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-manifests-'));
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'b-service.yml'), SERVICE);
    await writeFile(join(dir, 'app', 'a-deployment.yaml'), DEPLOYMENT);
    await writeFile(join(dir, 'app', 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    await writeFile(join(dir, 'app', 'README.md'), '# not a manifest');
    await mkdir(join(dir, 'app', 'nested'));
    await writeFile(join(dir, 'app', 'nested', 'd.yaml'), DEPLOYMENT);
    await writeFile(join(dir, 'broken.yaml'), `${DEPLOYMENT}---\nkind: Pod\n`);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a directory in name order, without recursing, then files and stdin in the order given', async () => {
    const got = await loadManifests([join(dir, 'app'), '-', join(dir, 'app', 'a-deployment.yaml')], { readStdin: async () => SERVICE });
    expect(got.map((m) => [m.source.replace(dir, ''), m.object.kind])).toEqual([
      ['/app/a-deployment.yaml', 'Deployment'],
      ['/app/b-service.yml', 'Service'],
      ['/app/c.json', 'ConfigMap'],
      ['<stdin>', 'Service'],
      ['/app/a-deployment.yaml', 'Deployment'],
    ]);
  });

  it('fails with every problem at once, and for a missing path or unreadable stdin', async () => {
    const missing = join(dir, 'nope.yaml');
    const err = await loadManifests([join(dir, 'broken.yaml'), missing, '-'], { readStdin: async () => 'kind: Pod\n' }).catch((e: unknown) => e);
    expect(isBerthError(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as Error).message).toBe(
      `${join(dir, 'broken.yaml')}: document 2: apiVersion is missing\n${missing}: no such file or directory\n<stdin>: document 1: apiVersion is missing`,
    );
    await expect(loadManifests([missing])).rejects.toThrow(`${missing}: no such file or directory`);
    await expect(loadManifests(['-'])).rejects.toThrow('-f -: standard input cannot be read here');
  });
});

// Proves that validateObject accepts good objects of every kind once defaulted, refuses each bad
// field with an exact `<path>: <rule> (got <value>)` cause (all of them, not the first), enforces
// the update rules (immutable selectors, StatefulSet spec, Job template, clusterIP, immutable
// ConfigMaps and Secrets, a PriorityClass's value), that defaultObject fills Kubernetes' values idempotently, that cron
// schedules parse and fire when they should, and that neither function throws on arbitrary JSON.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, resolveKind } from '../../client/index.js';
import type { KubeObject } from '../../client/index.js';
import { cronProblem, defaultObject, nextAfter, parseCron, validateObject } from '../../server/api/objects/index.js';

type Obj = KubeObject & Record<string, unknown>;

const container = (): Record<string, unknown> => ({ name: 'web', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 80 }] });
const podSpec = (): Record<string, unknown> => ({ containers: [container()] });
const template = (restartPolicy?: string): Record<string, unknown> => ({
  metadata: { labels: { app: 'web' } },
  spec: { ...podSpec(), ...(restartPolicy === undefined ? {} : { restartPolicy }) },
});
const meta = (name = 'web'): Obj['metadata'] => ({ name, namespace: 'default' });

const FIXTURES: Record<string, () => Obj> = {
  Namespace: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }),
  Node: () => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { taints: [{ key: 'gpu', effect: 'NoSchedule' }] } }),
  Pod: () => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta('web-0'), spec: podSpec() }),
  Deployment: () => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(),
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template() },
  }),
  ReplicaSet: () => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(),
    spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
  }),
  StatefulSet: () => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db'),
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ ...container(), volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }],
    },
  }),
  DaemonSet: () => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent'),
    spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
  }),
  Job: () => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta('once'), spec: { template: { spec: { ...podSpec(), restartPolicy: 'Never' } } } }),
  CronJob: () => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('nightly'),
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...podSpec(), restartPolicy: 'OnFailure' } } } } },
  }),
  Service: () => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(),
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
  }),
  Endpoints: () => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta(),
    subsets: [{ addresses: [{ ip: '10.0.0.7' }], ports: [{ port: 80, protocol: 'TCP' }] }],
  }),
  ConfigMap: () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg'), data: { 'app.conf': 'x=1' } }),
  Secret: () => ({ apiVersion: 'v1', kind: 'Secret', metadata: meta('creds'), data: { password: 'aHVudGVyMg==' } }),
  Event: () => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta('web-0.17a'),
    involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default' },
    reason: 'Started',
    message: 'Started container web',
  }),
  HorizontalPodAutoscaler: () => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 },
  }),
  PriorityClass: () => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, description: 'for web' }),
};

function fixture(kind: string): Obj {
  const make = FIXTURES[kind];
  if (make === undefined) throw new Error(`no fixture for ${kind}`);
  return make();
}

/** The causes of `obj` as `<field>: <message>` lines. */
function problems(obj: Obj, op: 'create' | 'update' = 'create', old?: Obj): string[] {
  return validateObject(resolveKind(obj.kind), obj, { op, old }).map((c) => `${c.field}: ${c.message}`);
}

/** `kind`'s fixture after `edit`, defaulted as the server would. */
function edited(kind: string, edit: (o: Obj) => void, withDefaults = true): Obj {
  const o = fixture(kind);
  edit(o);
  if (withDefaults) defaultObject(resolveKind(kind), o, { uid: '6f1c2d3e-0000-4000-8000-000000000001' });
  return o;
}

const spec = (o: Obj): Record<string, unknown> => o.spec as Record<string, unknown>;
const at = (o: unknown, ...path: (string | number)[]): Record<string, unknown> =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], o) as Record<string, unknown>;

describe('good objects', () => {
  it.each(KINDS.map((k) => k.kind))('a defaulted %s is valid', (kind) => {
    expect(problems(edited(kind, () => undefined))).toEqual([]);
  });

  it.each(KINDS.map((k) => k.kind))('a %s is valid before defaults too (except what defaults must fill)', (kind) => {
    expect(problems(edited(kind, () => undefined, false))).toEqual([]);
  });
});

interface Case {
  readonly name: string;
  readonly kind: string;
  readonly edit: (o: Obj) => void;
  readonly cause: string;
}

const CASES: Case[] = [
  // metadata
  { name: 'name required', kind: 'Pod', edit: (o) => delete o.metadata.name, cause: 'metadata.name: required' },
  { name: 'subdomain names', kind: 'Deployment', edit: (o) => (o.metadata.name = 'Web_1'), cause: 'metadata.name: must be a DNS-1123 subdomain (got "Web_1")' },
  { name: 'Service names are labels', kind: 'Service', edit: (o) => (o.metadata.name = 'web.v1'), cause: 'metadata.name: must be a DNS-1123 label (got "web.v1")' },
  {
    name: 'Namespace names are at most 63',
    kind: 'Namespace',
    edit: (o) => (o.metadata.name = 'a'.repeat(64)),
    cause: `metadata.name: must be no more than 63 characters (got "${'a'.repeat(64)}")`,
  },
  { name: 'namespace a label', kind: 'Pod', edit: (o) => (o.metadata.namespace = 'Team'), cause: 'metadata.namespace: must be a DNS-1123 label (got "Team")' },
  {
    name: 'generateName prefix',
    kind: 'Pod',
    edit: (o) => {
      delete o.metadata.name;
      o.metadata.generateName = 'Web-';
    },
    cause: 'metadata.generateName: must be a DNS-1123 subdomain prefix (got "Web-")',
  },
  {
    name: 'label keys',
    kind: 'Pod',
    edit: (o) => (o.metadata.labels = { 'bad key': 'x' }),
    cause:
      "metadata.labels[bad key]: key must be a qualified name: the name part must be alphanumeric, '-', '_' or '.', and start and end alphanumeric (got \"bad key\")",
  },
  {
    name: 'label key prefixes',
    kind: 'Pod',
    edit: (o) => (o.metadata.labels = { 'Example.com/app': 'x' }),
    cause: 'metadata.labels[Example.com/app]: key must be a qualified name: the prefix must be a DNS-1123 subdomain (got "Example.com/app")',
  },
  {
    name: 'label values',
    kind: 'Pod',
    edit: (o) => (o.metadata.labels = { app: '-web' }),
    cause:
      "metadata.labels[app]: must be a valid label value: at most 63 characters, alphanumeric, '-', '_' or '.', starting and ending alphanumeric (got \"-web\")",
  },
  {
    name: 'annotation size',
    kind: 'ConfigMap',
    edit: (o) => (o.metadata.annotations = { big: 'x'.repeat(300_000) }),
    cause: 'metadata.annotations: total size must be <= 262144 bytes (got 300003)',
  },
  {
    name: 'owner references',
    kind: 'Pod',
    edit: (o) => ((o.metadata as Record<string, unknown>).ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1' }]),
    cause: 'metadata.ownerReferences[0].uid: required',
  },
  {
    name: 'one controller',
    kind: 'Pod',
    edit: (o) =>
      (o.metadata.ownerReferences = ['a', 'b'].map((name) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: name, controller: true }))),
    cause: 'metadata.ownerReferences: only one reference may have controller set to true (got ["a","b"])',
  },
  { name: 'finalizers unique', kind: 'Pod', edit: (o) => (o.metadata.finalizers = ['x/y', 'x/y']), cause: 'metadata.finalizers[1]: must be unique (got "x/y")' },
  { name: 'apiVersion', kind: 'Deployment', edit: (o) => (o.apiVersion = 'v1'), cause: 'apiVersion: must be apps/v1 for Deployment (got "v1")' },
  // pod spec
  {
    name: 'container names',
    kind: 'Deployment',
    edit: (o) => (at(o, 'spec', 'template', 'spec', 'containers', 0).name = 'Web_1'),
    cause: 'spec.template.spec.containers[0].name: must be a DNS-1123 label (got "Web_1")',
  },
  { name: 'at least one container', kind: 'Pod', edit: (o) => (spec(o).containers = []), cause: 'spec.containers: must have at least one container (got [])' },
  {
    name: 'container names unique across init containers',
    kind: 'Pod',
    edit: (o) => (spec(o).initContainers = [{ name: 'web', image: 'busybox' }]),
    cause: 'spec.initContainers[0].name: must be unique across containers and initContainers (got "web")',
  },
  {
    name: 'pull policy',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).imagePullPolicy = 'Sometimes'),
    cause: 'spec.containers[0].imagePullPolicy: must be one of Always, IfNotPresent, Never (got "Sometimes")',
  },
  {
    name: 'container ports',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).ports = [{ containerPort: 70000 }]),
    cause: 'spec.containers[0].ports[0].containerPort: must be between 0 and 65535 (got 70000)',
  },
  {
    name: 'an unnamed port without a number',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).ports = [{ containerPort: 0 }]),
    cause: 'spec.containers[0].ports[0].containerPort: required unless the port has a name (a named port with containerPort 0 or unset gets a free port) (got 0)',
  },
  {
    name: 'port names',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).ports = [{ containerPort: 80, name: 'http--x' }]),
    cause: 'spec.containers[0].ports[0].name: must be an IANA service name (got "http--x")',
  },
  {
    name: 'port names unique',
    kind: 'Pod',
    edit: (o) =>
      (at(o, 'spec', 'containers', 0).ports = [
        { containerPort: 80, name: 'http' },
        { containerPort: 81, name: 'http' },
      ]),
    cause: 'spec.containers[0].ports[1].name: must be unique within the container (got "http")',
  },
  {
    name: 'protocol',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).ports = [{ containerPort: 80, protocol: 'tcp' }]),
    cause: 'spec.containers[0].ports[0].protocol: must be one of TCP, UDP, SCTP (got "tcp")',
  },
  {
    name: 'env names',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).env = [{ name: 'A=B', value: 'x' }]),
    cause: "spec.containers[0].env[0].name: must be a non-empty name without '=' (got \"A=B\")",
  },
  {
    name: 'env value or valueFrom',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).env = [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]),
    cause: 'spec.containers[0].env[0].valueFrom: must not be set together with value (got {"fieldRef":{"fieldPath":"metadata.name","apiVersion":"v1"}})',
  },
  {
    name: 'valueFrom one source',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).env = [{ name: 'A', valueFrom: {} }]),
    cause: 'spec.containers[0].env[0].valueFrom: must set exactly one of configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef (got [])',
  },
  {
    name: 'valueFrom key',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).env = [{ name: 'A', valueFrom: { secretKeyRef: { name: 'creds' } } }]),
    cause: 'spec.containers[0].env[0].valueFrom.secretKeyRef.key: required',
  },
  {
    name: 'envFrom one source',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).envFrom = [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }]),
    cause: 'spec.containers[0].envFrom[0]: must set exactly one of configMapRef, secretRef (got ["configMapRef","secretRef"])',
  },
  {
    name: 'resource quantities',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).resources = { limits: { cpu: 'lots' } }),
    cause: 'spec.containers[0].resources.limits[cpu]: must be a quantity such as "500m" or "1Gi" (got "lots")',
  },
  {
    name: 'requests within limits',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).resources = { limits: { cpu: '500m' }, requests: { cpu: '1' } }),
    cause: 'spec.containers[0].resources.requests[cpu]: must be <= its limit "500m" (got "1")',
  },
  {
    name: 'probe handler',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).livenessProbe = { httpGet: { port: 80 }, tcpSocket: { port: 80 } }),
    cause: 'spec.containers[0].livenessProbe: must set exactly one of exec, httpGet, tcpSocket, grpc (got ["httpGet","tcpSocket"])',
  },
  {
    name: 'probe thresholds',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).readinessProbe = { tcpSocket: { port: 'http' }, failureThreshold: 0 }),
    cause: 'spec.containers[0].readinessProbe.failureThreshold: must be >= 1 (got 0)',
  },
  {
    name: 'probe port names',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).readinessProbe = { httpGet: { port: 'HTTP' } }),
    cause: 'spec.containers[0].readinessProbe.httpGet.port: must be an IANA service name (got "HTTP")',
  },
  {
    name: 'liveness success threshold',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 }),
    cause: 'spec.containers[0].livenessProbe.successThreshold: must be 1 for liveness and startup probes (got 2)',
  },
  {
    name: 'mounts name volumes',
    kind: 'Pod',
    edit: (o) => (at(o, 'spec', 'containers', 0).volumeMounts = [{ name: 'data', mountPath: '/data' }]),
    cause: 'spec.containers[0].volumeMounts[0].name: must be the name of a volume of the pod (got "data")',
  },
  {
    name: 'mount paths absolute',
    kind: 'Pod',
    edit: (o) => {
      spec(o).volumes = [{ name: 'data', emptyDir: {} }];
      at(o, 'spec', 'containers', 0).volumeMounts = [{ name: 'data', mountPath: 'data' }];
    },
    cause: 'spec.containers[0].volumeMounts[0].mountPath: must be an absolute path (got "data")',
  },
  {
    name: 'volume sources',
    kind: 'Pod',
    edit: (o) => (spec(o).volumes = [{ name: 'data', emptyDir: {}, hostPath: { path: '/srv' } }]),
    cause: 'spec.volumes[0]: must set exactly one of emptyDir, configMap, secret, hostPath, persistentVolumeClaim (got ["emptyDir","hostPath"])',
  },
  {
    name: 'persistentVolumeClaim claimName',
    kind: 'Pod',
    edit: (o) => (spec(o).volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'Data_0' } }]),
    cause: 'spec.volumes[0].persistentVolumeClaim.claimName: must be a DNS-1123 subdomain (got "Data_0")',
  },
  {
    name: 'persistentVolumeClaim claimName required',
    kind: 'Pod',
    edit: (o) => (spec(o).volumes = [{ name: 'data', persistentVolumeClaim: { readOnly: true } }]),
    cause: 'spec.volumes[0].persistentVolumeClaim.claimName: required',
  },
  {
    name: 'hostPath absolute',
    kind: 'Pod',
    edit: (o) => (spec(o).volumes = [{ name: 'data', hostPath: { path: 'srv' } }]),
    cause: 'spec.volumes[0].hostPath.path: must be an absolute path (got "srv")',
  },
  {
    name: 'volume items',
    kind: 'Pod',
    edit: (o) => (spec(o).volumes = [{ name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'a', path: '../a' }] } }]),
    cause: "spec.volumes[0].configMap.items[0].path: must not contain '..' (got \"../a\")",
  },
  {
    name: 'volume names unique',
    kind: 'Pod',
    edit: (o) =>
      (spec(o).volumes = [
        { name: 'a', emptyDir: {} },
        { name: 'a', emptyDir: {} },
      ]),
    cause: 'spec.volumes[1].name: must be unique (got "a")',
  },
  { name: 'restart policy', kind: 'Pod', edit: (o) => (spec(o).restartPolicy = 'Sometimes'), cause: 'spec.restartPolicy: must be one of Always, OnFailure, Never (got "Sometimes")' },
  {
    name: 'tolerations Exists',
    kind: 'Pod',
    edit: (o) => (spec(o).tolerations = [{ key: 'gpu', operator: 'Exists', value: 'yes' }]),
    cause: 'spec.tolerations[0].value: must be empty when operator is Exists (got "yes")',
  },
  {
    name: 'tolerationSeconds',
    kind: 'Pod',
    edit: (o) => (spec(o).tolerations = [{ key: 'gpu', effect: 'NoSchedule', tolerationSeconds: 30 }]),
    cause: 'spec.tolerations[0].tolerationSeconds: may only be set when effect is NoExecute (got 30)',
  },
  {
    name: 'affinity weights',
    kind: 'Pod',
    edit: (o) =>
      (spec(o).affinity = {
        nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [] } }] },
      }),
    cause: 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: must be between 1 and 100 (got 0)',
  },
  {
    name: 'affinity Gt',
    kind: 'Pod',
    edit: (o) =>
      (spec(o).affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4', '8'] }] }],
          },
        },
      }),
    cause:
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: must be exactly one integer when operator is Gt (got ["4","8"])',
  },
  {
    name: 'pod affinity topology key',
    kind: 'Pod',
    edit: (o) => (spec(o).affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {} }] } }),
    cause: 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: required',
  },
  {
    name: 'topology spread',
    kind: 'Pod',
    edit: (o) => (spec(o).topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe' }]),
    cause: 'spec.topologySpreadConstraints[0].maxSkew: must be >= 1 (got 0)',
  },
  { name: 'grace period', kind: 'Pod', edit: (o) => (spec(o).terminationGracePeriodSeconds = -1), cause: 'spec.terminationGracePeriodSeconds: must be >= 0 (got -1)' },
  { name: 'deadline', kind: 'Pod', edit: (o) => (spec(o).activeDeadlineSeconds = 0), cause: 'spec.activeDeadlineSeconds: must be >= 1 (got 0)' },
  {
    name: 'dns policy',
    kind: 'Pod',
    edit: (o) => (spec(o).dnsPolicy = 'Google'),
    cause: 'spec.dnsPolicy: must be one of ClusterFirst, ClusterFirstWithHostNet, Default, None (got "Google")',
  },
  { name: 'dns None', kind: 'Pod', edit: (o) => (spec(o).dnsPolicy = 'None'), cause: 'spec.dnsConfig: required when dnsPolicy is None' },
  {
    name: 'host aliases',
    kind: 'Pod',
    edit: (o) => (spec(o).hostAliases = [{ ip: 'localhost', hostnames: ['db'] }]),
    cause: 'spec.hostAliases[0].ip: must be a valid IPv4 or IPv6 address (got "localhost")',
  },
  { name: 'types', kind: 'Pod', edit: (o) => (spec(o).hostNetwork = 'yes'), cause: 'spec.hostNetwork: must be true or false (got "yes")' },
  // workloads
  { name: 'replicas', kind: 'Deployment', edit: (o) => (spec(o).replicas = -1), cause: 'spec.replicas: must be >= 0 (got -1)' },
  { name: 'selector required', kind: 'ReplicaSet', edit: (o) => delete spec(o).selector, cause: 'spec.selector: required' },
  { name: 'selector not empty', kind: 'Deployment', edit: (o) => (spec(o).selector = {}), cause: 'spec.selector: must not be empty (got {})' },
  {
    name: 'selector matches template',
    kind: 'Deployment',
    edit: (o) => (at(o, 'spec', 'template', 'metadata').labels = { app: 'api' }),
    cause: 'spec.template.metadata.labels: must match spec.selector (app=web) (got {"app":"api"})',
  },
  {
    name: 'selector operators',
    kind: 'DaemonSet',
    edit: (o) => (spec(o).selector = { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] }),
    cause: 'spec.selector.matchExpressions[0].operator: must be one of In, NotIn, Exists, DoesNotExist (got "Is")',
  },
  {
    name: 'Deployments restart Always',
    kind: 'Deployment',
    edit: (o) => (at(o, 'spec', 'template', 'spec').restartPolicy = 'Never'),
    cause: 'spec.template.spec.restartPolicy: must be Always for a Deployment (got "Never")',
  },
  {
    name: 'strategy type',
    kind: 'Deployment',
    edit: (o) => (spec(o).strategy = { type: 'BlueGreen' }),
    cause: 'spec.strategy.type: must be one of RollingUpdate, Recreate (got "BlueGreen")',
  },
  {
    name: 'rollingUpdate with Recreate',
    kind: 'Deployment',
    edit: (o) => (spec(o).strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }),
    cause: 'spec.strategy.rollingUpdate: may not be set when type is Recreate (got {"maxSurge":1})',
  },
  {
    name: 'surge and unavailable both 0',
    kind: 'Deployment',
    edit: (o) => (spec(o).strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }),
    cause: 'spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0 (got "0%")',
  },
  {
    name: 'percentages',
    kind: 'Deployment',
    edit: (o) => (spec(o).strategy = { rollingUpdate: { maxSurge: 'lots' } }),
    cause: 'spec.strategy.rollingUpdate.maxSurge: must be an integer >= 0 or a percentage such as "25%" (got "lots")',
  },
  {
    name: 'progress deadline',
    kind: 'Deployment',
    edit: (o) => Object.assign(spec(o), { minReadySeconds: 30, progressDeadlineSeconds: 30 }),
    cause: 'spec.progressDeadlineSeconds: must be greater than minReadySeconds (30) (got 30)',
  },
  {
    name: 'StatefulSet policy',
    kind: 'StatefulSet',
    edit: (o) => (spec(o).podManagementPolicy = 'Random'),
    cause: 'spec.podManagementPolicy: must be one of OrderedReady, Parallel (got "Random")',
  },
  {
    name: 'StatefulSet partition',
    kind: 'StatefulSet',
    edit: (o) => (spec(o).updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }),
    cause: 'spec.updateStrategy.rollingUpdate.partition: must be >= 0 (got -1)',
  },
  {
    name: 'claim storage',
    kind: 'StatefulSet',
    edit: (o) => (at(o, 'spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests').storage = '0'),
    cause: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage: must be a quantity > 0 (got "0")',
  },
  {
    name: 'DaemonSet strategy',
    kind: 'DaemonSet',
    edit: (o) => (spec(o).updateStrategy = { type: 'Recreate' }),
    cause: 'spec.updateStrategy.type: must be one of RollingUpdate, OnDelete (got "Recreate")',
  },
  // jobs
  {
    name: 'Job restart policy',
    kind: 'Job',
    edit: (o) => (at(o, 'spec', 'template', 'spec').restartPolicy = 'Always'),
    cause: 'spec.template.spec.restartPolicy: must be OnFailure or Never for a Job (got "Always")',
  },
  { name: 'backoff', kind: 'Job', edit: (o) => (spec(o).backoffLimit = -1), cause: 'spec.backoffLimit: must be >= 0 (got -1)' },
  {
    name: 'completion mode',
    kind: 'Job',
    edit: (o) => (spec(o).completionMode = 'Ordered'),
    cause: 'spec.completionMode: must be one of NonIndexed, Indexed (got "Ordered")',
  },
  { name: 'ttl', kind: 'Job', edit: (o) => (spec(o).ttlSecondsAfterFinished = -5), cause: 'spec.ttlSecondsAfterFinished: must be >= 0 (got -5)' },
  {
    name: 'cron schedule',
    kind: 'CronJob',
    edit: (o) => (spec(o).schedule = '60 * * * *'),
    cause: 'spec.schedule: must be a valid cron schedule: minute: 60 is out of range 0-59 (got "60 * * * *")',
  },
  {
    name: 'time zone',
    kind: 'CronJob',
    edit: (o) => (spec(o).timeZone = 'Mars/Olympus'),
    cause: 'spec.timeZone: must be a valid IANA time zone such as "Europe/Berlin" or "UTC" (got "Mars/Olympus")',
  },
  {
    name: 'concurrency policy',
    kind: 'CronJob',
    edit: (o) => (spec(o).concurrencyPolicy = 'Queue'),
    cause: 'spec.concurrencyPolicy: must be one of Allow, Forbid, Replace (got "Queue")',
  },
  {
    name: 'job template rules',
    kind: 'CronJob',
    edit: (o) => (at(o, 'spec', 'jobTemplate', 'spec').parallelism = -1),
    cause: 'spec.jobTemplate.spec.parallelism: must be >= 0 (got -1)',
  },
  {
    name: 'CronJob name length',
    kind: 'CronJob',
    edit: (o) => (o.metadata.name = 'n'.repeat(53)),
    cause: `metadata.name: must be no more than 52 characters (got "${'n'.repeat(53)}")`,
  },
  // services
  {
    name: 'service type',
    kind: 'Service',
    edit: (o) => (spec(o).type = 'LoadBalancer'),
    cause: 'spec.type: berth supports ClusterIP and NodePort (got "LoadBalancer")',
  },
  { name: 'service ports', kind: 'Service', edit: (o) => delete spec(o).ports, cause: 'spec.ports: required' },
  {
    name: 'port names when several',
    kind: 'Service',
    edit: (o) => (spec(o).ports = [{ port: 80 }, { port: 443, name: 'https' }]),
    cause: 'spec.ports[0].name: required when there is more than one port',
  },
  {
    name: 'nodePort range',
    kind: 'Service',
    edit: (o) => Object.assign(spec(o), { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }),
    cause: 'spec.ports[0].nodePort: must be between 30000 and 32767 (got 80)',
  },
  {
    name: 'nodePort only with NodePort',
    kind: 'Service',
    edit: (o) => (spec(o).ports = [{ port: 80, nodePort: 30080 }]),
    cause: 'spec.ports[0].nodePort: may only be set when type is NodePort (got 30080)',
  },
  {
    name: 'targetPort',
    kind: 'Service',
    edit: (o) => (spec(o).ports = [{ port: 80, targetPort: 0 }]),
    cause: 'spec.ports[0].targetPort: must be between 1 and 65535 (got 0)',
  },
  {
    name: 'service selector',
    kind: 'Service',
    edit: (o) => (spec(o).selector = { app: 'a b' }),
    cause:
      "spec.selector[app]: must be a valid label value: at most 63 characters, alphanumeric, '-', '_' or '.', starting and ending alphanumeric (got \"a b\")",
  },
  // config
  {
    name: 'config keys',
    kind: 'ConfigMap',
    edit: (o) => (o.data = { 'a b': 'x' }),
    cause: "data[a b]: key must consist of alphanumeric characters, '-', '_' or '.' (got \"a b\")",
  },
  { name: 'dot keys', kind: 'ConfigMap', edit: (o) => (o.data = { '..': 'x' }), cause: 'data[..]: key must not be "." or ".." (got "..")' },
  {
    name: 'key in data and binaryData',
    kind: 'ConfigMap',
    edit: (o) => (o.binaryData = { 'app.conf': 'eA==' }),
    cause: 'binaryData[app.conf]: key must not also be in data (got "app.conf")',
  },
  {
    name: 'config size',
    kind: 'ConfigMap',
    edit: (o) => (o.data = { a: 'x'.repeat(1024 * 1024 + 1) }),
    cause: 'data: total size must be <= 1048576 bytes (got 1048577)',
  },
  // priority classes
  { name: 'priority value required', kind: 'PriorityClass', edit: (o) => delete o.value, cause: 'value: required' },
  { name: 'priority value integer', kind: 'PriorityClass', edit: (o) => (o.value = 1.5), cause: 'value: must be an integer (got 1.5)' },
  {
    name: 'user priority bound',
    kind: 'PriorityClass',
    edit: (o) => (o.value = 1_000_000_001),
    cause: 'value: must be <= 1000000000 (higher values are reserved for system priority classes) (got 1000000001)',
  },
  {
    name: 'preemption policy',
    kind: 'PriorityClass',
    edit: (o) => (o.preemptionPolicy = 'Always'),
    cause: 'preemptionPolicy: must be one of Never, PreemptLowerPriority (got "Always")',
  },
  { name: 'secret base64', kind: 'Secret', edit: (o) => (o.data = { password: 'hunter2' }), cause: 'data[password]: must be base64 (got "hunter2")' },
  {
    name: 'tls secrets',
    kind: 'Secret',
    edit: (o) => Object.assign(o, { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }),
    cause: 'data[tls.key]: required for type kubernetes.io/tls',
  },
  // the rest
  { name: 'event object', kind: 'Event', edit: (o) => (o.involvedObject = { kind: 'Pod' }), cause: 'involvedObject.name: required' },
  { name: 'event type', kind: 'Event', edit: (o) => (o.type = 'Error'), cause: 'type: must be one of Normal, Warning (got "Error")' },
  { name: 'event count', kind: 'Event', edit: (o) => (o.count = -1), cause: 'count: must be >= 0 (got -1)' },
  {
    name: 'endpoint ips',
    kind: 'Endpoints',
    edit: (o) => (o.subsets = [{ addresses: [{ ip: '10.0.0.300' }] }]),
    cause: 'subsets[0].addresses[0].ip: must be a valid IPv4 or IPv6 address (got "10.0.0.300")',
  },
  {
    name: 'taint effects',
    kind: 'Node',
    edit: (o) => (spec(o).taints = [{ key: 'gpu', effect: 'Never' }]),
    cause: 'spec.taints[0].effect: must be one of NoSchedule, PreferNoSchedule, NoExecute (got "Never")',
  },
  {
    name: 'hpa target kind',
    kind: 'HorizontalPodAutoscaler',
    edit: (o) => (at(o, 'spec', 'scaleTargetRef').kind = 'DaemonSet'),
    cause: 'spec.scaleTargetRef.kind: must be one of Deployment, ReplicaSet, StatefulSet (got "DaemonSet")',
  },
  {
    name: 'hpa bounds',
    kind: 'HorizontalPodAutoscaler',
    edit: (o) => Object.assign(spec(o), { minReplicas: 3, maxReplicas: 2 }),
    cause: 'spec.maxReplicas: must be >= minReplicas (3) (got 2)',
  },
  {
    name: 'hpa metric member',
    kind: 'HorizontalPodAutoscaler',
    edit: (o) => (spec(o).metrics = [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]),
    cause: 'spec.metrics[0].pods: required when type is Pods',
  },
  {
    name: 'hpa target member',
    kind: 'HorizontalPodAutoscaler',
    edit: (o) => (spec(o).metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue' } } }]),
    cause: 'spec.metrics[0].resource.target.averageValue: required when type is AverageValue',
  },
  {
    name: 'hpa policies',
    kind: 'HorizontalPodAutoscaler',
    edit: (o) => (spec(o).behavior = { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 1801 }] } }),
    cause: 'spec.behavior.scaleDown.policies[0].periodSeconds: must be between 1 and 1800 (got 1801)',
  },
  {
    name: 'hpa stabilization',
    kind: 'HorizontalPodAutoscaler',
    edit: (o) => (spec(o).behavior = { scaleUp: { stabilizationWindowSeconds: 3601, selectPolicy: 'Avg' } }),
    cause: 'spec.behavior.scaleUp.stabilizationWindowSeconds: must be between 0 and 3600 (got 3601)',
  },
  // status
  {
    name: 'pod phase',
    kind: 'Pod',
    edit: (o) => (o.status = { phase: 'Sleeping' }),
    cause: 'status.phase: must be one of Pending, Running, Succeeded, Failed, Unknown (got "Sleeping")',
  },
  {
    name: 'condition status',
    kind: 'Deployment',
    edit: (o) => (o.status = { replicas: 1, conditions: [{ type: 'Available', status: 'Yes' }] }),
    cause: 'status.conditions[0].status: must be one of True, False, Unknown (got "Yes")',
  },
];

describe('bad fields', () => {
  it.each(CASES)('$kind: $name', ({ kind, edit, cause }) => {
    expect(problems(edited(kind, edit))).toContain(cause);
  });

  it('lists every cause, not just the first', () => {
    const o = edited('Deployment', (d) => {
      spec(d).replicas = -1;
      spec(d).minReadySeconds = -2;
      d.metadata.labels = { 'a b': 'c' };
      at(d, 'spec', 'template', 'spec', 'containers', 0).name = 'Web';
    });
    expect(problems(o)).toHaveLength(4);
  });

  it('reports wrong types as causes', () => {
    const o = edited('Pod', (p) => {
      spec(p).containers = 'web';
      p.metadata.labels = ['app'] as unknown as Record<string, string>;
    });
    expect(problems(o)).toEqual(['metadata.labels: must be a map (got ["app"])', 'spec.containers: must be a list (got "web")']);
  });

  it('lets generateName stand in for name on create only', () => {
    const o = edited('Pod', (p) => {
      delete p.metadata.name;
      p.metadata.generateName = 'web-';
    });
    expect(problems(o)).toEqual([]);
    expect(problems(o, 'update', o)).toEqual(['metadata.name: required']);
  });

  it('draws the size limits at their bounds', () => {
    const annotated = (bytes: number): string[] => problems(edited('ConfigMap', (o) => (o.metadata.annotations = { a: 'x'.repeat(bytes - 1) })));
    expect(annotated(256 * 1024)).toEqual([]);
    expect(annotated(256 * 1024 + 1)).toEqual(['metadata.annotations: total size must be <= 262144 bytes (got 262145)']);
    const sized = (bytes: number): string[] => problems(edited('ConfigMap', (o) => (o.data = { a: 'x'.repeat(bytes - 2), b: 'yy' })));
    expect(sized(1024 * 1024)).toEqual([]);
    expect(sized(1024 * 1024 + 1)).toEqual(['data: total size must be <= 1048576 bytes (got 1048577)']);
    const secret = (bytes: number): string[] => problems(edited('Secret', (o) => (o.data = { a: Buffer.alloc(bytes).toString('base64') })));
    expect(secret(1024 * 1024)).toEqual([]);
    expect(secret(1024 * 1024 + 1)).toEqual(['data: total size must be <= 1048576 bytes (got 1048577)']);
  });

  it('lists at most MAX_CAUSES causes, then counts the rest', () => {
    const o = edited('Pod', (p) => (spec(p).containers = Array.from({ length: 600 }, () => ({ name: 'Bad_Name' }))));
    const found = problems(o);
    expect(found).toHaveLength(501);
    expect(found[0]).toBe('spec.containers[0].name: must be a DNS-1123 label (got "Bad_Name")');
    expect(found[500]).toBe('object: 699 more problems not listed');
  });

  it('allows headless services without ports', () => {
    expect(problems(edited('Service', (s) => Object.assign(spec(s), { clusterIP: 'None', ports: undefined })))).toEqual([]);
  });

  it('lets StatefulSet templates mount their claims', () => {
    const o = edited('StatefulSet', (s) => (at(s, 'spec', 'template', 'spec', 'containers', 0).volumeMounts = [{ name: 'logs', mountPath: '/l' }]));
    expect(problems(o)).toEqual(['spec.template.spec.containers[0].volumeMounts[0].name: must be the name of a volume of the pod (got "logs")']);
  });
});

describe('updates', () => {
  const update = (kind: string, edit: (o: Obj) => void): string[] => {
    const old = edited(kind, () => undefined);
    return problems(edited(kind, edit), 'update', old);
  };

  it.each(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'])('keeps the selector of a %s', (kind) => {
    expect(
      update(kind, (o) => {
        spec(o).selector = { matchLabels: { app: 'web', tier: 'fe' } };
        at(o, 'spec', 'template', 'metadata').labels = { app: 'web', tier: 'fe' };
      }),
    ).toEqual(['spec.selector: field is immutable']);
  });

  it('lets a Deployment change replicas and template', () => {
    expect(update('Deployment', (o) => Object.assign(spec(o), { replicas: 9 }))).toEqual([]);
  });

  it('keeps a StatefulSet spec but for its mutable fields', () => {
    expect(update('StatefulSet', (o) => Object.assign(spec(o), { replicas: 5, serviceName: 'other', podManagementPolicy: 'Parallel' }))).toEqual([
      'spec.podManagementPolicy: field is immutable',
      'spec.serviceName: field is immutable',
    ]);
  });

  it('keeps the template of a Job', () => {
    expect(update('Job', (o) => (at(o, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:2'))).toEqual(['spec.template: field is immutable']);
    expect(update('Job', (o) => (spec(o).selector = { matchLabels: { a: 'b' } }))).toContain('spec.selector: field is immutable');
  });

  it('keeps the cluster IP of a Service, and fills it back when absent', () => {
    const old = edited('Service', (s) => (spec(s).clusterIP = '10.96.0.10'));
    expect(problems(edited('Service', (s) => (spec(s).clusterIP = '10.96.0.11')), 'update', old)).toEqual(['spec.clusterIP: field is immutable']);
    expect(problems(edited('Service', () => undefined), 'update', old)).toEqual([]);
  });

  it('keeps the value and preemption policy of a PriorityClass', () => {
    expect(update('PriorityClass', (o) => Object.assign(o, { value: 1_000_000_000, globalDefault: true, description: 'x' }))).toEqual([
      'value: field is immutable (is 1000, got 1000000000)',
    ]);
    expect(update('PriorityClass', (o) => (o.preemptionPolicy = 'Never'))).toEqual(['preemptionPolicy: field is immutable (is "PreemptLowerPriority", got "Never")']);
  });

  it('keeps an immutable ConfigMap or Secret', () => {
    const oldCm = edited('ConfigMap', (o) => (o.immutable = true));
    const cm = edited('ConfigMap', (o) => Object.assign(o, { data: { 'app.conf': 'x=2' } }));
    expect(problems(cm, 'update', oldCm)).toEqual(['immutable: field is immutable when immutable is true', 'data: field is immutable when immutable is true']);
    const oldSecret = edited('Secret', (o) => (o.immutable = true));
    expect(problems(edited('Secret', (o) => (o.immutable = true)), 'update', oldSecret)).toEqual([]);
    const changed = edited('Secret', (o) => Object.assign(o, { immutable: true, stringData: { password: 'new' } }));
    expect(problems(changed, 'update', oldSecret)).toEqual(['data: field is immutable when immutable is true']);
  });
});

describe('defaults', () => {
  const UID = '6f1c2d3e-0000-4000-8000-000000000001';
  const defaulted = (kind: string): Obj => edited(kind, () => undefined);

  it.each(KINDS.map((k) => k.kind))('are idempotent for %s', (kind) => {
    const once = defaulted(kind);
    const twice = structuredClone(once);
    defaultObject(resolveKind(kind), twice, { uid: UID });
    expect(twice).toEqual(once);
  });

  it('fill a pod spec and its containers', () => {
    const pod = edited('Pod', (p) => {
      at(p, 'spec', 'containers', 0).readinessProbe = { httpGet: { port: 80 } };
      at(p, 'spec', 'containers', 0).resources = { limits: { cpu: '1' } };
      spec(p).initContainers = [{ name: 'init', image: 'busybox' }, { name: 'run' }];
    });
    expect(spec(pod)).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    expect(at(pod, 'spec', 'containers', 0)).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
      readinessProbe: { httpGet: { port: 80, scheme: 'HTTP', path: '/' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
      resources: { limits: { cpu: '1' }, requests: { cpu: '1' } },
    });
    expect(at(pod, 'spec', 'initContainers', 0).imagePullPolicy).toBe('Always');
    expect(at(pod, 'spec', 'initContainers', 1).imagePullPolicy).toBeUndefined();
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['app@sha256:abcd', 'IfNotPresent'],
  ])('pull %s with %s', (image, policy) => {
    const pod = edited('Pod', (p) => (at(p, 'spec', 'containers', 0).image = image));
    expect(at(pod, 'spec', 'containers', 0).imagePullPolicy).toBe(policy);
  });

  it('fill workloads', () => {
    expect(spec(defaulted('Deployment'))).toMatchObject({
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      minReadySeconds: 0,
      template: { spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } },
    });
    expect(spec(defaulted('ReplicaSet')).replicas).toBe(1);
    expect(spec(defaulted('StatefulSet'))).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
    });
    expect(spec(defaulted('DaemonSet'))).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
    expect(spec(edited('Deployment', (d) => (spec(d).strategy = { type: 'Recreate' }))).strategy).toEqual({ type: 'Recreate' });
  });

  it('give a Job a selector by its uid', () => {
    const job = defaulted('Job');
    expect(spec(job)).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
    });
    expect(at(job, 'spec', 'template', 'metadata').labels).toEqual({ 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': 'once' });
    const queue = edited('Job', (j) => (spec(j).parallelism = 3));
    expect(spec(queue).completions).toBeUndefined();
    const manual = edited('Job', (j) => (spec(j).manualSelector = true));
    expect(spec(manual).selector).toBeUndefined();
  });

  it('fill CronJobs, Services, HPAs, Secrets, Namespaces, Events and PriorityClasses', () => {
    expect(spec(defaulted('CronJob'))).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(at(defaulted('CronJob'), 'spec', 'jobTemplate', 'spec', 'template', 'spec').terminationGracePeriodSeconds).toBe(30);
    expect(spec(defaulted('Service'))).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] });
    expect(spec(edited('Service', (s) => (spec(s).ports = [{ port: 8080 }]))).ports).toEqual([{ port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(spec(defaulted('HorizontalPodAutoscaler'))).toMatchObject({
      minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
    const secret = edited('Secret', (s) => (s.stringData = { user: 'admin' }));
    expect(secret).toMatchObject({ type: 'Opaque', data: { password: 'aHVudGVyMg==', user: 'YWRtaW4=' } });
    expect(secret.stringData).toBeUndefined();
    const ns = defaulted('Namespace');
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(defaulted('Event')).toMatchObject({ count: 1, type: 'Normal' });
    expect(defaulted('PriorityClass')).toMatchObject({ value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  });
});

describe('cron', () => {
  it.each([
    '* * * * *',
    '*/15 0-6,22,23 * * MON-FRI',
    '0 0 1 jan,jul ?',
    '5 4 * * sun',
    '0 12 1-31/2 * *',
    '30 2 * * 1/2',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
  ])('accepts %s', (s) => {
    expect(cronProblem(s)).toBeUndefined();
  });

  it.each([
    ['* * * *', 'must have 5 fields (minute hour day-of-month month day-of-week), not 4'],
    ['60 * * * *', 'minute: 60 is out of range 0-59'],
    ['* 24 * * *', 'hour: 24 is out of range 0-23'],
    ['* * 0 * *', 'day-of-month: 0 is out of range 1-31'],
    ['* * * 13 *', 'month: 13 is out of range 1-12'],
    ['* * * * 7', 'day-of-week: 7 is out of range 0-6'],
    ['*/0 * * * *', 'minute: step "0" must be a positive integer'],
    ['5-1 * * * *', 'minute: range 5-1 starts after it ends'],
    ['1,,2 * * * *', 'minute: "" is not a value, range or step'],
    ['* * * foo *', 'month: "foo" is not a number or name'],
    ['@fortnightly', 'unknown shorthand "@fortnightly": use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, or @every <N>s|m|h'],
    ['TZ=UTC 0 * * * *', 'must not set a time zone (TZ= or CRON_TZ=): use spec.timeZone'],
  ])('refuses %s', (s, problem) => {
    expect(parseCron(s)).toEqual({ ok: false, problem });
  });

  const next = (schedule: string, after: string, tz?: string): string | undefined => nextAfter(schedule, new Date(after), tz)?.toISOString();

  it('finds the next time in UTC', () => {
    expect(next('*/15 * * * *', '2024-05-01T10:07:30Z')).toBe('2024-05-01T10:15:00.000Z');
    expect(next('0 0 * * *', '2024-05-01T00:00:00Z')).toBe('2024-05-02T00:00:00.000Z');
    expect(next('0 9 * * MON-FRI', '2024-05-03T09:00:00Z')).toBe('2024-05-06T09:00:00.000Z');
    expect(next('@yearly', '2024-05-01T00:00:00Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2024-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 30 2 *', '2024-03-01T00:00:00Z')).toBeUndefined();
  });

  it('treats restricted day-of-month and day-of-week as either', () => {
    // The 13th of June 2024 is a Thursday; the next Friday is the 14th.
    expect(next('0 0 13 * FRI', '2024-06-12T12:00:00Z')).toBe('2024-06-13T00:00:00.000Z');
    expect(next('0 0 13 * FRI', '2024-06-13T12:00:00Z')).toBe('2024-06-14T00:00:00.000Z');
    expect(next('0 0 13 * *', '2024-06-13T12:00:00Z')).toBe('2024-07-13T00:00:00.000Z');
  });

  it('follows a time zone and its clock changes', () => {
    expect(next('0 9 * * *', '2024-01-10T12:00:00Z', 'Europe/Berlin')).toBe('2024-01-11T08:00:00.000Z');
    expect(next('0 9 * * *', '2024-07-10T12:00:00Z', 'Europe/Berlin')).toBe('2024-07-11T07:00:00.000Z');
    // 02:30 does not happen in Berlin on 2024-03-31: that day is skipped.
    expect(next('30 2 * * *', '2024-03-30T12:00:00Z', 'Europe/Berlin')).toBe('2024-04-01T00:30:00.000Z');
    // 02:30 happens twice on 2024-10-27: the first comes first, then the second.
    expect(next('30 2 * * *', '2024-10-26T12:00:00Z', 'Europe/Berlin')).toBe('2024-10-27T00:30:00.000Z');
    expect(next('30 * * * *', '2024-10-27T00:30:00Z', 'Europe/Berlin')).toBe('2024-10-27T02:30:00.000Z');
    expect(next('* * * * *', '2024-05-01T00:00:00Z', 'Not/AZone')).toBeUndefined();
  });
});

describe('arbitrary input', () => {
  const anything = fc.anything({ maxDepth: 4, withNullPrototype: true });
  const kindArb = fc.constantFrom(...KINDS);
  const objArb = fc.record(
    {
      apiVersion: fc.oneof(fc.string(), anything),
      kind: fc.oneof(fc.string(), anything),
      metadata: anything,
      spec: anything,
      status: anything,
      data: anything,
      subsets: anything,
      involvedObject: anything,
      stringData: anything,
    },
    { requiredKeys: [] },
  );

  it('never makes validateObject or defaultObject throw', () => {
    fc.assert(
      fc.property(kindArb, objArb, objArb, fc.boolean(), (kind, obj, old, update) => {
        const o = obj as unknown as KubeObject;
        defaultObject(kind, o, { uid: 'u-1' });
        validateObject(kind, o, update ? { op: 'update', old: old as unknown as KubeObject } : { op: 'create' });
      }),
      { numRuns: 300 },
    );
  });

  /** Every path into a value, the root's included. */
  function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(prefix);
    if (Array.isArray(v)) v.forEach((item: unknown, i) => pathsOf(item, [...prefix, i], out));
    else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) pathsOf(item, [...prefix, k], out);
    return out;
  }

  function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
    const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
    Object.defineProperty(parent, path[path.length - 1] ?? '', { value, enumerable: true, writable: true, configurable: true });
  }

  it('never throws when any fields of a good object hold anything', () => {
    fc.assert(
      fc.property(kindArb, fc.array(fc.tuple(fc.nat(), anything), { minLength: 1, maxLength: 3 }), (kind, edits) => {
        const o = edited(kind.kind, () => undefined);
        const old = edited(kind.kind, () => undefined);
        for (const [n, value] of edits) {
          const paths = pathsOf(o).filter((p) => p.length > 0);
          setAt(o, paths[n % paths.length] ?? [], value);
        }
        defaultObject(kind, o, { uid: 'u' });
        for (const ctx of [{ op: 'create' as const }, { op: 'update' as const, old }, { op: 'update' as const, old: o }]) {
          for (const cause of validateObject(kind, o, ctx)) {
            expect(typeof cause.field).toBe('string');
            expect(typeof cause.message).toBe('string');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on JSON shaped like a good object, and defaults it idempotently', () => {
    const nested = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(kindArb, nested, nested, nested, (kind, a, b, c) => {
        const good = fixture(kind.kind);
        const o = { ...good, spec: { ...(good.spec ?? {}), template: { metadata: c, spec: { containers: [a] } }, selector: b, ports: [c] } } as Obj;
        defaultObject(kind, o, { uid: 'u' });
        const once = structuredClone(o);
        defaultObject(kind, o, { uid: 'u' });
        expect(o).toEqual(once);
        validateObject(kind, o, { op: 'update', old: good });
      }),
      { numRuns: 300 },
    );
  });
});

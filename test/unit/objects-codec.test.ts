// Proves that the object codec carries realistic manifests of every kind through protobuf exactly
// as grpc-js serializes them and back unchanged, that it names every unknown field and type error
// by its full path, that json_name, IntOrString, bytes and quantities map as in Kubernetes, and
// that no input, however malformed, makes it throw anything but an InvalidError.
import { loadSync } from '@grpc/proto-loader';
import type { MessageTypeDefinition } from '@grpc/proto-loader';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../client/errors.js';
import type { FieldCause } from '../../client/errors.js';
import { QUANTITY_FIELDS, messageShapeByName } from '../../client/objects/codec-schema.js';
import type { MessageShape } from '../../client/objects/codec-schema.js';
import { checkShape, objectFromWire, objectToWire } from '../../client/objects/codec.js';
import { KINDS, findKind } from '../../client/objects/kinds.js';
import { JSON_NAME_RENAMES } from '../../client/objects/typed.js';
import type * as T from '../../client/objects/typed.js';
import type { KubeObject } from '../../client/objects/types.js';
import { PROTO_LOADER_OPTIONS, protoRoot } from '../../proto/load.js';

// ApiObject as grpc-js would (de)serialize it inside a request or response: proto-loader's
// serialize is Type.encode(Type.fromObject(obj)), its deserialize Type.toObject(Type.decode(buf), options).
const definition = loadSync('berth/v1/api.proto', { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
const apiObject = definition['berth.objects.v1.ApiObject'] as MessageTypeDefinition<object, object>;

function roundTrip(obj: KubeObject): KubeObject {
  const { wire } = objectToWire(obj, { strict: true });
  return objectFromWire(apiObject.deserialize(apiObject.serialize(wire)));
}

/** The InvalidError an input gives; fails the test when it gives none or throws something else. */
function invalid(obj: unknown, strict = false): InvalidError {
  try {
    objectToWire(obj, { strict });
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidError);
    return err as InvalidError;
  }
  throw new Error('expected an InvalidError');
}

const labels = { app: 'web', 'app.kubernetes.io/name': 'web' };

const podSpec: T.PodSpec = {
  volumes: [
    { name: 'scratch', emptyDir: {} },
    { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'config', configMap: { name: 'web-config', items: [{ key: 'app.yaml', path: 'app.yaml', mode: 420 }], defaultMode: 420 } },
    { name: 'tls', secret: { secretName: 'web-tls', optional: false } },
    { name: 'logs', hostPath: { path: '/var/log/web', type: 'DirectoryOrCreate' } },
    { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
  ],
  initContainers: [{ name: 'migrate', image: 'web:1.2.3', command: ['/bin/migrate'], args: ['--up'] }],
  containers: [
    {
      name: 'web',
      image: 'registry.example/web:1.2.3',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'debug', containerPort: 9090, hostIP: '127.0.0.1', hostPort: 9090 }],
      env: [
        { name: 'MODE', value: 'production' },
        { name: 'EMPTY', value: '' },
        { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: false } } },
        { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'level' } } },
        { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '1Mi' } } },
      ],
      envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'web-config' } }, { secretRef: { name: 'web-env', optional: true } }],
      resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } },
      volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/web', readOnly: true, subPath: 'app.yaml' }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] }, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 },
      readinessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 1, successThreshold: 1 },
      startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 30, terminationGracePeriodSeconds: 5 },
      lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['/bin/warm'] } } },
      securityContext: { runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    },
    { name: 'grpc', image: 'grpc:1', livenessProbe: { grpc: { port: 9000, service: 'health' } }, stdin: false, tty: false },
  ],
  restartPolicy: 'Always',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  terminationGracePeriodSeconds: 30,
  serviceAccountName: 'web',
  automountServiceAccountToken: false,
  securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, runAsNonRoot: true },
  imagePullSecrets: [{ name: 'registry' }],
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }], matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n9'] }] }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
    },
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }],
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, namespaces: ['prod'], namespaceSelector: {}, topologyKey: 'zone' } },
      ],
    },
  },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoExecute', tolerationSeconds: 300 }],
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } }, minDomains: 2 }],
  dnsPolicy: 'ClusterFirst',
  hostNetwork: false,
  priorityClassName: 'high',
  priority: 1000,
  shareProcessNamespace: false,
};

const template: T.PodTemplateSpec = { metadata: { labels: { app: 'web' }, annotations: { 'prometheus.io/scrape': 'true' } }, spec: podSpec };

const deployment: T.Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'prod', labels, generation: 4, resourceVersion: '1234', uid: '6a1f', creationTimestamp: '2024-05-01T10:00:00Z' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    minReadySeconds: 5,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {
    observedGeneration: 4,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2024-05-01T10:01:00Z', lastTransitionTime: '2024-05-01T10:01:00Z', reason: 'MinimumReplicasAvailable', message: 'ok' }],
  },
};

const service: T.Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'prod' },
  spec: {
    type: 'LoadBalancer',
    selector: { app: 'web' },
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    externalIPs: ['192.0.2.1'],
    loadBalancerIP: '192.0.2.2',
    ports: [
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http', nodePort: 30080 },
      { name: 'alt', port: 8080, targetPort: 8080 },
    ],
    sessionAffinity: 'ClientIP',
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
    externalTrafficPolicy: 'Local',
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    publishNotReadyAddresses: false,
  },
  status: { loadBalancer: { ingress: [{ ip: '192.0.2.2', hostname: 'web.example' }] } },
};

const secret: T.Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'prod' },
  type: 'Opaque',
  data: { password: 'c2VjcmV0', empty: '', binary: 'AP8Q' },
  immutable: true,
};

const configMap: T.ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-config', namespace: 'prod' },
  data: { 'app.yaml': 'port: 8080\n', level: 'info', empty: '' },
  binaryData: { 'logo.png': 'iVBORw0KGgo=' },
};

const hpa: T.HorizontalPodAutoscaler = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'prod' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'Pods', pods: { metric: { name: 'rps', selector: { matchLabels: { tier: 'fe' } } }, target: { type: 'AverageValue', averageValue: '100' } } },
      { type: 'Object', object: { describedObject: { apiVersion: 'v1', kind: 'Service', name: 'web' }, metric: { name: 'hits' }, target: { type: 'Value', value: '10k' } } },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
      { type: 'ContainerResource', containerResource: { name: 'memory', container: 'web', target: { type: 'Utilization', averageUtilization: 80 } } },
    ],
    behavior: {
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
    },
  },
  status: {
    observedGeneration: 1,
    lastScaleTime: '2024-05-01T10:00:00Z',
    currentReplicas: 3,
    desiredReplicas: 3,
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 48 } } }],
    conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', lastTransitionTime: '2024-05-01T10:00:00Z' }],
  },
};

const statefulSet: T.StatefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'prod' },
  spec: {
    replicas: 3,
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }] }] } },
    volumeClaimTemplates: [
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', volumeMode: 'Filesystem', resources: { requests: { storage: '10Gi' } } } },
    ],
    podManagementPolicy: 'Parallel',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
    ordinals: { start: 1 },
    minReadySeconds: 0,
  },
  status: { observedGeneration: 2, replicas: 3, readyReplicas: 2, currentRevision: 'db-1', updateRevision: 'db-2', collisionCount: 0 },
};

const pod: T.Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-7d9f-abcde',
    namespace: 'prod',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', uid: 'r1', controller: true, blockOwnerDeletion: true }],
    finalizers: ['berth.dev/cleanup'],
  },
  spec: { ...podSpec, nodeName: 'n1', hostname: 'web-0', subdomain: 'web', hostPID: false },
  status: {
    phase: 'Running',
    hostIP: '10.0.0.5',
    hostIPs: [{ ip: '10.0.0.5' }],
    podIP: '10.244.1.7',
    podIPs: [{ ip: '10.244.1.7' }, { ip: 'fd00::7' }],
    startTime: '2024-05-01T10:00:00Z',
    qosClass: 'Burstable',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: '2024-05-01T10:00:05Z', lastTransitionTime: '2024-05-01T10:00:05Z' }],
    containerStatuses: [
      {
        name: 'web',
        ready: true,
        started: true,
        restartCount: 1,
        image: 'registry.example/web:1.2.3',
        imageID: 'sha256:abc',
        containerID: 'containerd://123',
        state: { running: { startedAt: '2024-05-01T10:00:03Z' } },
        lastState: { terminated: { exitCode: 137, signal: 9, reason: 'OOMKilled', startedAt: '2024-05-01T09:00:00Z', finishedAt: '2024-05-01T10:00:00Z', containerID: 'containerd://122' } },
      },
    ],
    initContainerStatuses: [{ name: 'migrate', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
  },
};

const job: T.Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate', namespace: 'prod' },
  spec: {
    parallelism: 1,
    completions: 1,
    backoffLimit: 6,
    activeDeadlineSeconds: 600,
    ttlSecondsAfterFinished: 3600,
    completionMode: 'NonIndexed',
    suspend: false,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'web:1.2.3' }] } },
  },
  status: { active: 0, succeeded: 1, failed: 0, ready: 0, startTime: '2024-05-01T10:00:00Z', completionTime: '2024-05-01T10:01:00Z', conditions: [{ type: 'Complete', status: 'True' }] },
};

const cronJob: T.CronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report', namespace: 'prod' },
  spec: {
    schedule: '*/5 * * * *',
    timeZone: 'Europe/Paris',
    startingDeadlineSeconds: 120,
    concurrencyPolicy: 'Forbid',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: { metadata: { labels: { job: 'report' } }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'r', image: 'report:1' }] } } } },
  },
  status: { active: [{ kind: 'Job', namespace: 'prod', name: 'report-1', uid: 'j1', apiVersion: 'batch/v1', resourceVersion: '9' }], lastScheduleTime: '2024-05-01T10:05:00Z' },
};

const node: T.Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } },
  spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], providerID: 'berth://n1', unschedulable: true, taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule', timeAdded: '2024-05-01T10:00:00Z' }] },
  status: {
    capacity: { cpu: '4', memory: '16Gi', pods: '110' },
    allocatable: { cpu: '3800m', memory: '15Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2024-05-01T10:00:00Z', lastTransitionTime: '2024-05-01T09:00:00Z', reason: 'KubeletReady', message: 'ok' }],
    addresses: [{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'Hostname', address: 'n1' }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: { machineID: 'm1', bootID: 'b1', systemUUID: 'u1', kernelVersion: '6.1.0', osImage: 'Debian 12', containerRuntimeVersion: 'containerd://1.7', kubeletVersion: 'berth-0.1', operatingSystem: 'linux', architecture: 'amd64' },
  },
};

const event: T.Event = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web.17c', namespace: 'prod' },
  involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web-7d9f-abcde', uid: 'p1', apiVersion: 'v1', fieldPath: 'spec.containers{web}' },
  reason: 'Pulled',
  message: 'Successfully pulled image',
  source: { component: 'kubelet', host: 'n1' },
  firstTimestamp: '2024-05-01T10:00:00Z',
  lastTimestamp: '2024-05-01T10:00:02Z',
  count: 2,
  type: 'Normal',
};

const endpoints: T.Endpoints = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', namespace: 'prod' },
  subsets: [
    {
      addresses: [{ ip: '10.244.1.7', hostname: 'web-0', nodeName: 'n1', targetRef: { kind: 'Pod', name: 'web-7d9f-abcde', namespace: 'prod', uid: 'p1' } }],
      notReadyAddresses: [{ ip: '10.244.2.9' }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', appProtocol: 'http' }],
    },
  ],
};

const namespace: T.Namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'prod', labels: { team: 'web' } },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
};

const replicaSet: T.ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-7d9f', namespace: 'prod' },
  spec: { replicas: 0, minReadySeconds: 0, selector: { matchLabels: { app: 'web' } }, template },
  status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
};

const daemonSet: T.DaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'agent:1' }], tolerations: [{ operator: 'Exists' }] } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
    revisionHistoryLimit: 5,
  },
  status: { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, observedGeneration: 1 },
};

const priorityClass: T.PriorityClass = {
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name: 'high' },
  value: 1000,
  globalDefault: false,
  description: 'for the web tier',
  preemptionPolicy: 'PreemptLowerPriority',
};

const manifests: Record<string, KubeObject> = {
  deployment,
  service,
  secret,
  configMap,
  hpa,
  statefulSet,
  pod,
  job,
  cronJob,
  node,
  event,
  endpoints,
  namespace,
  replicaSet,
  daemonSet,
  priorityClass,
};

describe('round trip through protobuf as grpc-js does it', () => {
  it('covers every kind', () => {
    expect(new Set(Object.values(manifests).map((m) => m.kind))).toEqual(new Set(KINDS.map((k) => k.kind)));
  });

  for (const [name, manifest] of Object.entries(manifests)) {
    it(`keeps a ${name} unchanged`, () => {
      expect(roundTrip(manifest)).toEqual(manifest);
    });
  }

  it('reads the wire message before serialization too (no oneof virtual fields, Buffers, IntOrString members)', () => {
    for (const manifest of Object.values(manifests)) expect(objectFromWire(objectToWire(manifest).wire)).toEqual(manifest);
  });

  it('keeps zeros, empty strings and false, which are not "unset"', () => {
    const back = roundTrip(replicaSet) as T.ReplicaSet;
    expect(back.spec?.replicas).toBe(0);
    expect(back.status?.fullyLabeledReplicas).toBe(0);
    expect((roundTrip(secret) as T.Secret).data?.['empty']).toBe('');
    expect((roundTrip(service) as T.Service).spec?.publishNotReadyAddresses).toBe(false);
  });

  it('keeps an empty message that is present (emptyDir: {}) and drops empty lists and maps', () => {
    const back = roundTrip({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: {} }, spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [] } });
    expect(back).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 'v', emptyDir: {} }] } });
  });

  it('carries IntOrString as the oneof member and hands back the bare value', () => {
    const { wire } = objectToWire(service);
    const ports = (wire['service'] as { spec: { ports: { targetPort: unknown }[] } }).spec.ports;
    expect(ports.map((p) => p.targetPort)).toEqual([{ strVal: 'http' }, { intVal: 8080 }]);
  });

  it('carries json_name fields under their wire names', () => {
    const { wire } = objectToWire(service);
    const spec = (wire['service'] as { spec: Record<string, unknown> }).spec;
    expect(spec['clusterIp']).toBe('10.96.0.10');
    expect(spec['clusterIP']).toBeUndefined();
  });

  it('turns numeric quantities into decimal strings', () => {
    const { wire } = objectToWire({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      status: { capacity: { cpu: 4, memory: 17179869184, fraction: 0.5, huge: 1e21 } },
    });
    expect((wire['node'] as { status: unknown }).status).toEqual({ capacity: { cpu: '4', memory: '17179869184', fraction: '0.5', huge: '1000000000000000000000' } });
  });

  it('fills apiVersion and kind from the kinds table when the wire lacks them, and normalizes the kind', () => {
    expect(objectFromWire({ object: 'configMap', configMap: { metadata: { name: 'c' } } })).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    const { wire } = objectToWire({ apiVersion: 'apps/v1', kind: 'deployment', metadata: { name: 'd' } });
    expect(wire).toEqual({ deployment: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } } });
  });
});

describe('unknown fields', () => {
  const withUnknown = {
    ...deployment,
    extra: 1,
    spec: { ...deployment.spec, template: { ...template, spec: { ...podSpec, containers: [{ name: 'web', image: 'x', foo: { deep: true } }] } } },
  };

  it('are warnings with full paths, and their subtrees are not walked', () => {
    const { warnings } = objectToWire(withUnknown);
    // In the order of the object's keys: the spread keeps spec ahead of extra.
    expect(warnings).toEqual(['spec.template.spec.containers[0].foo: unknown field, ignored', 'extra: unknown field, ignored']);
  });

  it('are causes with strict', () => {
    const err = invalid(withUnknown, true);
    expect(err.causes).toEqual([
      { field: 'spec.template.spec.containers[0].foo', message: 'unknown field' },
      { field: 'extra', message: 'unknown field' },
    ]);
    expect(err.message).toBe('Deployment "web" is invalid: spec.template.spec.containers[0].foo: unknown field; extra: unknown field');
  });

  it('include a volume source berth does not support (nfs)', () => {
    const { warnings } = objectToWire({ ...pod, spec: { containers: [], volumes: [{ name: 'data', nfs: { server: 'nas', path: '/data' } }] } });
    expect(warnings).toEqual(['spec.volumes[0].nfs: unknown field, ignored']);
  });

  it('include the wire spelling of a json_name field', () => {
    const { warnings } = objectToWire({ ...service, spec: { clusterIp: '10.0.0.1' } });
    expect(warnings).toEqual(['spec.clusterIp: unknown field, ignored']);
  });
});

describe('type errors', () => {
  it('are all collected, each with its path and the value it got', () => {
    const err = invalid({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 5, 'app.kubernetes.io/name': true } },
      spec: {
        replicas: 'three',
        paused: 'yes',
        strategy: { rollingUpdate: { maxSurge: 1.5 } },
        template: { spec: { containers: {}, volumes: [null], nodeSelector: [] } },
      },
      status: { observedGeneration: 2 ** 60, replicas: 2 ** 31 },
    });
    expect(err.causes).toEqual<FieldCause[]>([
      { field: 'metadata.labels.app', message: 'must be a string (got 5)' },
      { field: 'metadata.labels[app.kubernetes.io/name]', message: 'must be a string (got true)' },
      { field: 'spec.replicas', message: 'must be an integer (got "three")' },
      { field: 'spec.paused', message: 'must be a boolean (got "yes")' },
      { field: 'spec.strategy.rollingUpdate.maxSurge', message: 'must be an integer or a string (got 1.5)' },
      { field: 'spec.template.spec.containers', message: 'must be a list (got {})' },
      { field: 'spec.template.spec.volumes[0]', message: 'must not be null' },
      { field: 'spec.template.spec.nodeSelector', message: 'must be an object (got [])' },
      { field: 'status.observedGeneration', message: `must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} (got ${2 ** 60})` },
      { field: 'status.replicas', message: `must be between -2147483648 and 2147483647 (got ${2 ** 31})` },
    ]);
  });

  it('treat null as unset', () => {
    const { wire } = objectToWire({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: null, annotations: { a: null } }, data: null, immutable: null });
    expect(wire).toEqual({ configMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: {} } } });
  });

  it('refuse bytes that are not base64, and map keys that cannot be stored', () => {
    const err = invalid({ apiVersion: 'v1', kind: 'Secret', metadata: { generateName: 'db-' }, data: JSON.parse('{"a": "not base64!", "b": 7, "__proto__": "eA=="}') as unknown });
    expect(err.causes).toEqual([
      { field: 'data.a', message: 'must be base64 (standard alphabet, padded) (got "not base64!")' },
      { field: 'data.b', message: 'must be a base64 string (got 7)' },
      { field: 'data.__proto__', message: 'the key "__proto__" cannot be stored' },
    ]);
    expect(err.message).toMatch(/^Secret "db-" is invalid: /);
  });

  it('refuse a quantity that is neither a string nor a finite number', () => {
    const err = invalid({ ...node, status: { capacity: { cpu: Infinity } } });
    expect(err.causes).toEqual([{ field: 'status.capacity.cpu', message: 'must be a quantity (a string such as "500m" or a number) (got Infinity)' }]);
  });

  it('cap the causes of one object', () => {
    const err = invalid({ ...configMap, data: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])) });
    expect(err.causes).toHaveLength(101);
    expect(err.causes.at(-1)).toEqual({ field: '(more)', message: '400 more causes not listed' });
  });
});

describe('apiVersion and kind', () => {
  it('must match the kinds table', () => {
    expect(invalid({ ...deployment, apiVersion: 'extensions/v1beta1' }).causes).toEqual([
      { field: 'apiVersion', message: 'Deployment is served as apps/v1 (got "extensions/v1beta1")' },
    ]);
    expect(invalid({ kind: 'Deployment', metadata: { name: 'x' } }).causes).toEqual([{ field: 'apiVersion', message: 'must be set (Deployment is served as apps/v1)' }]);
  });

  it('must name a kind berth serves', () => {
    const err = invalid({ apiVersion: 'v1', kind: 'Ingress', metadata: { name: 'x' } });
    expect(err.causes).toHaveLength(1);
    expect(err.causes[0]?.message).toMatch(/^unknown kind "Ingress"; berth serves Namespace, Node, /);
    expect(invalid({ apiVersion: 'v1' }).causes).toEqual([{ field: 'kind', message: 'required' }]);
    expect(invalid({ apiVersion: 'v1', kind: 3 }).causes).toEqual([{ field: 'kind', message: 'must be a string (got 3)' }]);
    expect(invalid([deployment]).causes).toEqual([{ field: '<object>', message: 'must be a JSON object (got [...])' }]);
  });

  it('checkShape checks one object against a given kind without the wrapper', () => {
    const kind = findKind('Service')!;
    expect(checkShape(kind, service)).toEqual({ warnings: [], causes: [] });
    expect(checkShape(kind, { ...service, kind: 'Pod', spec: { ports: 80, bogus: 1 } })).toEqual({
      warnings: ['spec.bogus: unknown field, ignored'],
      causes: [
        { field: 'spec.ports', message: 'must be a list (got 80)' },
        { field: 'kind', message: 'must be Service (got "Pod")' },
      ],
    });
    expect(checkShape(kind, 'x').causes).toEqual([{ field: '<object>', message: 'must be a JSON object (got "x")' }]);
  });
});

describe('typed.ts', () => {
  it('types manifests in Kubernetes JSON shape', () => {
    // Compile-time checks; the assertions only keep the values used.
    const port: T.ServicePort = { port: 80, targetPort: 'http' };
    const secretData: T.Secret['data'] = { a: 'YQ==' };
    const endpoint: NonNullable<NonNullable<T.Node['status']>['daemonEndpoints']> = { kubeletEndpoint: { Port: 10250 } };
    // @ts-expect-error: the wire spelling is not the JSON name.
    const wrong: T.ServiceSpec = { clusterIp: 'None' };
    // @ts-expect-error: a misspelt field is caught.
    const typo: T.Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { replica: 1 } };
    const asKubeObject: KubeObject = deployment;
    expect([port, secretData, endpoint, wrong, typo, asKubeObject]).toHaveLength(6);
  });
});

describe('the schema tables', () => {
  /** Every message reachable from the kinds, each once. */
  function reachable(): MessageShape[] {
    const seen = new Map<string, MessageShape>();
    const visit = (shape: MessageShape): void => {
      if (seen.has(shape.name)) return;
      seen.set(shape.name, shape);
      for (const f of shape.fields) if (f.value.kind === 'message') visit(messageShapeByName(f.value.type.name));
    };
    for (const k of KINDS) visit(messageShapeByName(k.message));
    return [...seen.values()];
  }

  it('names only quantity fields that exist and are strings', () => {
    const found = reachable().flatMap((m) => m.fields.filter((f) => f.value.kind === 'scalar' && f.value.quantity).map((f) => `${m.name}.${f.wireName}`));
    expect(new Set(found)).toEqual(QUANTITY_FIELDS);
  });

  it('has the same json_name renames as typed.ts (DaemonEndpoint.port aside)', () => {
    const renames = new Map<string, string>();
    for (const m of reachable()) {
      for (const f of m.fields) if (f.jsonName !== f.wireName && m.name !== 'DaemonEndpoint') renames.set(f.wireName, f.jsonName);
    }
    expect(Object.fromEntries(renames)).toEqual(JSON_NAME_RENAMES);
    for (const m of reachable()) for (const f of m.fields) if (f.wireName in JSON_NAME_RENAMES && m.name !== 'DaemonEndpoint') expect(f.jsonName).not.toBe(f.wireName);
  });
});

describe('never throws anything but InvalidError', () => {
  function onlyInvalid(input: unknown): void {
    try {
      objectToWire(input);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidError);
      // JSON can never reach the guard for unreadable values: reaching it would be a codec bug.
      expect((err as InvalidError).causes.some((c) => c.message.startsWith('cannot be read'))).toBe(false);
    }
  }

  it('for any value', () => {
    fc.assert(fc.property(fc.anything(), onlyInvalid), { numRuns: 300 });
  });

  it('for any value with a known kind', () => {
    const kinds = fc.constantFrom(...KINDS);
    fc.assert(
      fc.property(kinds, fc.dictionary(fc.string(), fc.anything()), (k, rest) => onlyInvalid({ ...rest, apiVersion: k.apiVersion, kind: k.kind })),
      { numRuns: 300 },
    );
  });

  it('for valid manifests with random subtrees replaced by random JSON', () => {
    const all = Object.values(manifests);
    const mutated = fc.tuple(fc.constantFrom(...all), fc.array(fc.tuple(fc.nat(), fc.jsonValue()), { minLength: 1, maxLength: 4 })).map(([m, edits]) => mutate(m, edits));
    fc.assert(fc.property(mutated, onlyInvalid), { numRuns: 300 });
  });

  it('for prototype keys', () => {
    for (const text of ['{"__proto__": {"kind": "Pod"}}', '{"apiVersion":"v1","kind":"Pod","metadata":{"__proto__":{"name":1},"constructor":{"x":1}}}']) {
      onlyInvalid(JSON.parse(text));
    }
    const { warnings } = objectToWire(JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"constructor":1,"__proto__":{"spec":1}}'));
    expect(warnings).toEqual(['constructor: unknown field, ignored', '__proto__: unknown field, ignored']);
    expect(({} as Record<string, unknown>)['spec']).toBeUndefined();
  });

  it('for deep nesting and a throwing getter', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { spec: deep };
    onlyInvalid({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: deep });
    const hostile = { apiVersion: 'v1', kind: 'Pod', metadata: {} };
    Object.defineProperty(hostile.metadata, 'name', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(() => objectToWire(hostile)).toThrow(InvalidError);
  });
});

/** A place in a JSON tree that a value can be written to. */
interface Slot {
  parent: Record<string | number, unknown>;
  key: string | number;
}

/** Every slot of a JSON tree, parents before children. */
function slotsOf(node: unknown, into: Slot[] = []): Slot[] {
  if (typeof node !== 'object' || node === null) return into;
  for (const [key, child] of Object.entries(node)) {
    into.push({ parent: node as Record<string | number, unknown>, key });
    slotsOf(child, into);
  }
  return into;
}

/**
 * A copy of a manifest with the subtrees at some positions replaced by other values. Positions
 * count the slots of the JSON tree in walk order, modulo their number.
 */
function mutate(manifest: KubeObject, edits: readonly (readonly [number, unknown])[]): unknown {
  let copy: unknown = structuredClone(manifest);
  for (const [position, value] of edits) {
    const slots = slotsOf(copy);
    const slot = slots[position % Math.max(slots.length, 1)];
    if (slot === undefined) copy = value;
    else slot.parent[slot.key] = value;
  }
  return copy;
}

// Proves that the CLI's printers, which are pure functions of objects and the time now, give
// kubectl's columns and cells for realistic objects of every kind, ages in kubectl's units, the
// NAMESPACE column for -A, kind-prefixed names for several kinds, and a readable describe page.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../client/index.js';
import { formatTable } from '../../client/cli/output.js';
import { describeObject, formatDuration, objectRef, objectTable, quotedRef } from '../../client/cli/printers/index.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

function obj(kind: string, apiVersion: string, name: string, fields: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'default', creationTimestamp: ago(5 * H), ...meta }, ...fields };
}

function rows(kind: string, objects: KubeObject[], wide = false): string[][] {
  const t = objectTable(kind, objects, { now: NOW, wide });
  return [t.headers, ...t.rows];
}

describe('ages', () => {
  it('use at most two units, fewer as time grows, like kubectl', () => {
    const cases: [number, string][] = [
      [0, '0s'],
      [-500, '0s'],
      [-5 * S, '<invalid>'],
      [45 * S, '45s'],
      [119 * S, '119s'],
      [3 * M + 12 * S, '3m12s'],
      [4 * M, '4m'],
      [15 * M + 30 * S, '15m'],
      [179 * M, '179m'],
      [5 * H, '5h'],
      [5 * H + 10 * M, '5h10m'],
      [20 * H + 59 * M, '20h'],
      [2 * D + 3 * H, '2d3h'],
      [7 * D, '7d'],
      [30 * D + 5 * H, '30d'],
      [800 * D, '2y70d'],
      [9 * 365 * D, '9y'],
    ];
    for (const [ms, text] of cases) expect({ ms, text: formatDuration(ms) }).toEqual({ ms, text });
  });
});

describe('pods', () => {
  const running = obj(
    'Pod',
    'v1',
    'web-7d4b9-abcde',
    {
      spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'fluent-bit:2' }] },
      status: {
        phase: 'Running',
        podIP: '10.1.0.4',
        containerStatuses: [
          { name: 'web', ready: true, restartCount: 2, state: { running: { startedAt: ago(10 * M) } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(10 * M) } } },
          { name: 'log', ready: true, restartCount: 1, state: { running: {} } },
        ],
      },
    },
    { creationTimestamp: ago(2 * D + 3 * H) },
  );
  const crashing = obj('Pod', 'v1', 'api-0', {
    spec: { containers: [{ name: 'api', image: 'api:1' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'api', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
  });
  const pending = obj('Pod', 'v1', 'pending', { spec: { containers: [{ name: 'a', image: 'a' }] }, status: { phase: 'Pending' } }, { creationTimestamp: ago(45 * S) });
  const initializing = obj('Pod', 'v1', 'init', {
    spec: { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] },
    status: { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { running: {} } }] },
  });
  const completed = obj('Pod', 'v1', 'done', {
    spec: { containers: [{ name: 'a' }] },
    status: { phase: 'Succeeded', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
  });
  const terminating = obj('Pod', 'v1', 'going', { spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running' } }, { deletionTimestamp: ago(S) });

  it('show READY, STATUS, RESTARTS and AGE, and IP and NODE when wide', () => {
    expect(rows('pods', [running, crashing, pending, initializing, completed, terminating])).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['web-7d4b9-abcde', '2/2', 'Running', '3 (10m ago)', '2d3h'],
      ['api-0', '0/1', 'CrashLoopBackOff', '0', '5h'],
      ['pending', '0/1', 'Pending', '0', '45s'],
      ['init', '0/1', 'Init:1/2', '0', '5h'],
      ['done', '0/1', 'Completed', '0', '5h'],
      ['going', '0/1', 'Terminating', '0', '5h'],
    ]);
    expect(rows('po', [running, pending], true)).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE'],
      ['web-7d4b9-abcde', '2/2', 'Running', '3 (10m ago)', '2d3h', '10.1.0.4', 'node-1'],
      ['pending', '0/1', 'Pending', '0', '45s', '<none>', '<none>'],
    ]);
  });

  it('do not reorder the container statuses of the object', () => {
    rows('pods', [running]);
    expect((running.status?.['containerStatuses'] as { name: string }[]).map((c) => c.name)).toEqual(['web', 'log']);
  });
});

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }, { name: 'side', image: 'envoy:1' }] },
};

describe('workloads', () => {
  it('deployments: READY UP-TO-DATE AVAILABLE, and containers, images and selector when wide', () => {
    const d = obj('Deployment', 'apps/v1', 'web', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, template },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    });
    expect(rows('deploy', [d], true)).toEqual([
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      ['web', '2/3', '3', '2', '5h', 'web,side', 'nginx:1.25,envoy:1', 'app=web,tier in (fe,be)'],
    ]);
    const fresh = obj('Deployment', 'apps/v1', 'new', { spec: { replicas: 1 } });
    expect(rows('deployments', [fresh])[1]).toEqual(['new', '0/1', '0', '0', '5h']);
  });

  it('replica sets, stateful sets and daemon sets', () => {
    const rs = obj('ReplicaSet', 'apps/v1', 'web-7d4b9', { spec: { replicas: 3, template }, status: { replicas: 3, readyReplicas: 3 } });
    expect(rows('rs', [rs])).toEqual([['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], ['web-7d4b9', '3', '3', '3', '5h']]);
    const sts = obj('StatefulSet', 'apps/v1', 'db', { spec: { replicas: 3, template }, status: { readyReplicas: 1 } });
    expect(rows('sts', [sts])).toEqual([['NAME', 'READY', 'AGE'], ['db', '1/3', '5h']]);
    const ds = obj('DaemonSet', 'apps/v1', 'agent', {
      spec: { template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } } },
      status: { desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 3, updatedNumberScheduled: 4, numberAvailable: 3 },
    });
    expect(rows('ds', [ds])).toEqual([
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['agent', '4', '4', '3', '4', '3', 'kubernetes.io/os=linux', '5h'],
    ]);
  });

  it('jobs: STATUS from conditions, COMPLETIONS and DURATION', () => {
    const done = obj('Job', 'batch/v1', 'migrate', {
      spec: { completions: 1 },
      status: { succeeded: 1, startTime: ago(H), completionTime: ago(H - 42 * S), conditions: [{ type: 'Complete', status: 'True' }] },
    });
    const running = obj('Job', 'batch/v1', 'batch', { spec: { completions: 5, parallelism: 2 }, status: { succeeded: 2, startTime: ago(3 * M + 12 * S) } });
    const parallel = obj('Job', 'batch/v1', 'queue', { spec: { parallelism: 3 }, status: {} });
    const failed = obj('Job', 'batch/v1', 'bad', { spec: { completions: 1 }, status: { failed: 1, conditions: [{ type: 'Failed', status: 'True' }] } });
    expect(rows('jobs', [done, running, parallel, failed])).toEqual([
      ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
      ['migrate', 'Complete', '1/1', '42s', '5h'],
      ['batch', 'Running', '2/5', '3m12s', '5h'],
      ['queue', 'Running', '0/1 of 3', '', '5h'],
      ['bad', 'Failed', '0/1', '', '5h'],
    ]);
  });

  it('cron jobs', () => {
    const cj = obj('CronJob', 'batch/v1', 'nightly', {
      spec: { schedule: '0 3 * * *', timeZone: 'Europe/Paris', suspend: false, jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'nightly-1' }], lastScheduleTime: ago(9 * H) },
    });
    const idle = obj('CronJob', 'batch/v1', 'hourly', { spec: { schedule: '@hourly', suspend: true } });
    expect(rows('cj', [cj, idle])).toEqual([
      ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
      ['nightly', '0 3 * * *', 'Europe/Paris', 'False', '1', '9h', '5h'],
      ['hourly', '@hourly', '<none>', 'True', '0', '<none>', '5h'],
    ]);
  });
});

describe('services and endpoints', () => {
  it('services: type, cluster IP, external IP, ports as 80/TCP or 80:30080/TCP', () => {
    const cip = obj('Service', 'v1', 'web', { spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }, { port: 443 }] } });
    const np = obj('Service', 'v1', 'api', { spec: { type: 'NodePort', clusterIP: '10.96.0.11', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } });
    const lb = obj('Service', 'v1', 'edge', { spec: { type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [{ port: 443, nodePort: 31443 }] }, status: { loadBalancer: {} } });
    const headless = obj('Service', 'v1', 'db', { spec: { clusterIP: 'None', ports: [] } });
    expect(rows('svc', [cip, np, lb, headless], true)).toEqual([
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
      ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP,443/TCP', '5h', 'app=web'],
      ['api', 'NodePort', '10.96.0.11', '<none>', '80:30080/TCP,53/UDP', '5h', '<none>'],
      ['edge', 'LoadBalancer', '10.96.0.12', '<pending>', '443:31443/TCP', '5h', '<none>'],
      ['db', 'ClusterIP', 'None', '<none>', '<none>', '5h', '<none>'],
    ]);
  });

  it('endpoints: ip:port pairs, the first three and how many more', () => {
    const ep = obj('Endpoints', 'v1', 'web', {
      subsets: [{ addresses: [{ ip: '10.1.0.4' }, { ip: '10.1.0.5' }], ports: [{ port: 8080 }, { port: 9090 }] }],
    });
    const empty = obj('Endpoints', 'v1', 'none', { subsets: [] });
    expect(rows('ep', [ep, empty])).toEqual([
      ['NAME', 'ENDPOINTS', 'AGE'],
      ['web', '10.1.0.4:8080,10.1.0.4:9090,10.1.0.5:8080 + 1 more...', '5h'],
      ['none', '<none>', '5h'],
    ]);
  });
});

describe('config, cluster and other kinds', () => {
  it('config maps and secrets count their keys', () => {
    const cm = obj('ConfigMap', 'v1', 'settings', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } });
    const secret = obj('Secret', 'v1', 'token', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } });
    const opaque = obj('Secret', 'v1', 'plain', {});
    expect(rows('cm', [cm])).toEqual([['NAME', 'DATA', 'AGE'], ['settings', '3', '5h']]);
    expect(rows('secrets', [secret, opaque])).toEqual([
      ['NAME', 'TYPE', 'DATA', 'AGE'],
      ['token', 'kubernetes.io/tls', '2', '5h'],
      ['plain', 'Opaque', '0', '5h'],
    ]);
  });

  it('namespaces and nodes', () => {
    const ns = obj('Namespace', 'v1', 'prod', { status: { phase: 'Active' } }, { namespace: undefined });
    const dying = obj('Namespace', 'v1', 'old', { status: { phase: 'Terminating' } }, { namespace: undefined });
    expect(rows('ns', [ns, dying])).toEqual([['NAME', 'STATUS', 'AGE'], ['prod', 'Active', '5h'], ['old', 'Terminating', '5h']]);
    const node = obj(
      'Node',
      'v1',
      'node-1',
      {
        spec: {},
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          addresses: [{ type: 'Hostname', address: 'node-1' }, { type: 'InternalIP', address: '192.168.1.10' }],
          nodeInfo: { kubeletVersion: 'berth-0.1.0', osImage: 'Debian 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7' },
        },
      },
      { namespace: undefined, labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/worker': '' } },
    );
    const cordoned = obj('Node', 'v1', 'node-2', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }, { namespace: undefined });
    expect(rows('no', [node, cordoned], true)).toEqual([
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME', 'CPU', 'MEMORY', 'PODS', 'CPU-USED', 'MEMORY-USED'],
      ['node-1', 'Ready', 'control-plane,worker', '5h', 'berth-0.1.0', '192.168.1.10', 'Debian 12', '6.1.0', 'containerd://1.7', '<unknown>', '<unknown>', '<unknown>', '<unknown>', '<unknown>'],
      ['node-2', 'NotReady,SchedulingDisabled', '<none>', '5h', '', '<none>', '<unknown>', '<unknown>', '<unknown>', '<unknown>', '<unknown>', '<unknown>', '<unknown>', '<unknown>'],
    ]);
  });

  it('nodes -o wide: CPU-USED and MEMORY-USED from the leader\'s usage, as a share of allocatable', () => {
    const node = obj('Node', 'v1', 'node-1', { status: { allocatable: { cpu: '2', memory: '4Gi' } } }, { namespace: undefined });
    const t = objectTable('Node', [node], { now: NOW, wide: true, nodeUsage: new Map([['node-1', { cpuMillicores: 500, memoryBytes: 1024 * 2 ** 20 }]]) });
    expect(t.rows[0]!.slice(-2)).toEqual(['500m (25%)', '1024Mi (25%)']);
  });

  it('events: LAST SEEN (with repeats), TYPE, REASON, OBJECT, MESSAGE', () => {
    const ev = obj('Event', 'v1', 'web.17a', {
      involvedObject: { kind: 'Deployment', name: 'web' },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-7d4b9 to 3',
      type: 'Normal',
      firstTimestamp: ago(20 * M),
      lastTimestamp: ago(5 * M),
      count: 4,
    });
    const warn = obj('Event', 'v1', 'api.1', { involvedObject: { kind: 'Pod', name: 'api-0' }, reason: 'BackOff', message: 'Back-off restarting', type: 'Warning', lastTimestamp: ago(30 * S), count: 1 });
    expect(rows('ev', [ev, warn])).toEqual([
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      ['5m (x4 over 20m)', 'Normal', 'ScalingReplicaSet', 'deployment/web', 'Scaled up replica set web-7d4b9 to 3'],
      ['30s', 'Warning', 'BackOff', 'pod/api-0', 'Back-off restarting'],
    ]);
  });

  it('horizontal pod autoscalers: reference and targets', () => {
    const hpa = obj('HorizontalPodAutoscaler', 'autoscaling/v2', 'web', {
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
        ],
      },
      status: { currentReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45 } } }] },
    });
    const bare = obj('HorizontalPodAutoscaler', 'autoscaling/v2', 'bare', { spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'db' }, maxReplicas: 3 } });
    expect(rows('hpa', [hpa, bare])).toEqual([
      ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
      ['web', 'Deployment/web', 'cpu: 45%/80%, memory: <unknown>/500Mi', '2', '10', '3', '5h'],
      ['bare', 'StatefulSet/db', '<none>', '1', '3', '0', '5h'],
    ]);
  });

  it('priority classes: value and whether it is the global default', () => {
    const high = obj('PriorityClass', 'scheduling.k8s.io/v1', 'high', { value: 1000000, globalDefault: true }, { namespace: undefined });
    const low = obj('PriorityClass', 'scheduling.k8s.io/v1', 'low', { value: -10 }, { namespace: undefined });
    expect(rows('pc', [high, low])).toEqual([
      ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE'],
      ['high', '1000000', 'true', '5h'],
      ['low', '-10', 'false', '5h'],
    ]);
  });
});

describe('tables', () => {
  const a = obj('ConfigMap', 'v1', 'a', { data: {} }, { namespace: 'prod' });
  const web = obj('Deployment', 'apps/v1', 'web', { spec: { replicas: 1 }, status: { readyReplicas: 1 } });

  it('get a NAMESPACE column first with -A and kind/name with several kinds', () => {
    expect(objectTable('cm', [a], { now: NOW, withNamespace: true })).toEqual({ headers: ['NAMESPACE', 'NAME', 'DATA', 'AGE'], rows: [['prod', 'a', '0', '5h']] });
    expect(objectTable('deploy', [web], { now: NOW, withKind: true }).rows).toEqual([['deployment.apps/web', '1/1', '0', '0', '5h']]);
  });

  it('name objects and kinds as kubectl does', () => {
    expect(objectRef(web)).toBe('deployment.apps/web');
    expect(objectRef(a)).toBe('configmap/a');
    expect(objectRef(obj('HorizontalPodAutoscaler', 'autoscaling/v2', 'h', {}))).toBe('horizontalpodautoscaler.autoscaling/h');
    expect(objectRef(obj('Widget', 'example.com/v1', 'w', {}))).toBe('widget.example.com/w');
    expect(quotedRef({ kind: 'Job', apiVersion: 'batch/v1' }, 'migrate')).toBe('job.batch "migrate"');
  });

  it('fall back to NAME and AGE for a kind without a table', () => {
    expect(rows('Widget', [obj('Widget', 'example.com/v1', 'w', {})])).toEqual([['NAME', 'AGE'], ['w', '5h']]);
  });

  it('line up', () => {
    const t = objectTable('cm', [a, obj('ConfigMap', 'v1', 'longer-name', { data: { x: '1' } }, { creationTimestamp: ago(45 * S) })], { now: NOW });
    expect(formatTable(t.headers, t.rows)).toBe('NAME         DATA  AGE\na            0     5h\nlonger-name  1     45s\n');
  });
});

describe('describe', () => {
  const events: KubeObject[] = [
    obj('Event', 'v1', 'e2', { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-7d4b9 to 3', source: { component: 'deployment-controller' }, lastTimestamp: ago(2 * M) }),
    obj('Event', 'v1', 'e1', { type: 'Normal', reason: 'Created', message: 'Created', source: { component: 'deployment-controller' }, lastTimestamp: ago(5 * M) }),
  ];

  it('shows a deployment: metadata, replicas, strategy, pod template, conditions, events (oldest first)', () => {
    const d = obj(
      'Deployment',
      'apps/v1',
      'web',
      {
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template },
        status: { replicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
      },
      { labels: { app: 'web', tier: 'fe' }, annotations: { 'berth.dev/last-applied-configuration': '{}' }, creationTimestamp: '2024-05-01T07:00:00Z' },
    );
    const page = describeObject({ object: d, events, now: NOW });
    expect(page).toBe(
      [
        'Name:                   web',
        'Namespace:              default',
        'Labels:                 app=web',
        '                        tier=fe',
        'Annotations:            <none>',
        'CreationTimestamp:      Wed, 01 May 2024 07:00:00 GMT',
        'Selector:               app=web',
        'Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  0 max unavailable, 1 max surge',
        'Pod Template:',
        '  Labels:  app=web',
        '  Containers:',
        '    web:',
        '      Image:        nginx:1.25',
        '      Port:         80/TCP',
        '      Environment:  <none>',
        '    side:',
        '      Image:        envoy:1',
        '      Port:         <none>',
        '      Environment:  <none>',
        'Conditions:',
        '  Type       Status  Reason',
        '  ----       ------  ------',
        '  Available  True    MinimumReplicasAvailable',
        'Events:',
        '  Type    Reason             Age  From                   Message',
        '  ----    ------             ---  ----                   -------',
        '  Normal  Created            5m   deployment-controller  Created',
        '  Normal  ScalingReplicaSet  2m   deployment-controller  Scaled up replica set web-7d4b9 to 3',
        '',
      ].join('\n'),
    );
  });

  it('shows a pod: node, status, IP, containers with state and restarts, conditions', () => {
    const pod = obj(
      'Pod',
      'v1',
      'web-1',
      {
        spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.25', env: [{ name: 'MODE', value: 'prod' }], resources: { limits: { cpu: '500m' } } }] },
        status: {
          phase: 'Running',
          hostIP: '192.168.1.10',
          podIP: '10.1.0.4',
          startTime: '2024-05-01T07:00:00Z',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            {
              name: 'web',
              ready: true,
              restartCount: 1,
              containerID: 'containerd://abc',
              state: { running: { startedAt: '2024-05-01T07:01:00Z' } },
              lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: '2024-05-01T07:00:00Z', finishedAt: '2024-05-01T07:00:59Z' } },
            },
          ],
        },
      },
      { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9', uid: 'u', controller: true }] },
    );
    const page = describeObject({ object: pod, events: [], now: NOW });
    expect(page).toContain('Controlled By:      ReplicaSet/web-7d4b9\n');
    expect(page).toContain('Node:               node-1/192.168.1.10\n');
    expect(page).toContain('Status:             Running\n');
    expect(page).toContain('IP:                 10.1.0.4\n');
    expect(page).toContain('    State:          Running\n      Started:  Wed, 01 May 2024 07:01:00 GMT\n');
    expect(page).toContain('    Last State:     Terminated\n      Reason:     OOMKilled\n      Exit Code:  137\n');
    expect(page).toContain('    Restart Count:  1\n');
    expect(page).toContain('    Limits:\n      cpu:  500m\n');
    expect(page).toContain('    Environment:    MODE: prod\n');
    expect(page).toContain('Conditions:\n  Type   Status\n  ----   ------\n  Ready  True\n');
    expect(page.endsWith('Events:             <none>\n')).toBe(true);
  });

  it('shows a service with its ports and endpoints', () => {
    const svc = obj('Service', 'v1', 'web', { spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] } });
    const endpoints = obj('Endpoints', 'v1', 'web', { subsets: [{ addresses: [{ ip: '10.1.0.4' }, { ip: '10.1.0.5' }], ports: [{ name: 'http', port: 8080 }] }] });
    const page = describeObject({ object: svc, endpoints, events: [], now: NOW });
    for (const line of ['Selector:           app=web', 'Type:               ClusterIP', 'IP:                 10.96.0.10', 'Port:               http  80/TCP', 'TargetPort:         8080/TCP', 'Endpoints:          10.1.0.4:8080,10.1.0.5:8080', 'Session Affinity:   None']) {
      expect(page).toContain(`${line}\n`);
    }
  });

  it('falls back to spec and status as YAML, and never prints secret values', () => {
    const cm = obj('ConfigMap', 'v1', 'settings', { data: { mode: 'prod' } });
    expect(describeObject({ object: cm, events: [], now: NOW })).toContain('Data:\n  mode: prod\n');
    const job = obj('Job', 'batch/v1', 'migrate', { spec: { completions: 1 }, status: { succeeded: 1 } });
    expect(describeObject({ object: job, now: NOW })).toContain('Spec:\n  completions: 1\nStatus:\n  succeeded: 1\nEvents:             <unknown>\n');
    const secret = obj('Secret', 'v1', 'token', { type: 'Opaque', data: { password: Buffer.from('hunter22').toString('base64') } });
    const page = describeObject({ object: secret, events: [], now: NOW });
    expect(page).toContain('Data:\n  password:  8 bytes\n');
    expect(page).not.toContain('aHVudGVy');
  });
});

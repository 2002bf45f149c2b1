// A pod's containers: names, ports, environment, resources, probes and volume mounts.
import {
  absolutePathProblem,
  configKeyProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  envVarNameProblem,
  ianaSvcNameProblem,
  ipProblem,
  qualifiedNameProblem,
  relativePathProblem,
} from './names.js';
import { quantityValue } from '../../../client/index.js';
import type { Causes, Check, Rec, Rule } from './validate-rules.js';
import {
  at,
  bool,
  exactlyOne,
  exclusive,
  fields,
  int,
  isRec,
  list,
  map,
  oneOf,
  own,
  present,
  quantity,
  req,
  show,
  str,
  strList,
  unique,
} from './validate-rules.js';

export const PROTOCOL = oneOf('TCP', 'UDP', 'SCTP');
export const PORT = int(1, 65535);

/** A port number (1..65535) or an IANA service name (a named container port). */
export const portOrName: Rule = (c, v, p) => {
  if (typeof v === 'number') return PORT(c, v, p);
  if (typeof v === 'string') return str(ianaSvcNameProblem)(c, v, p);
  c.bad(p, 'must be a port number or an IANA service name', v);
};

/**
 * berth: a named port may leave containerPort 0 or unset, and the agent gives it a free port
 * (PORT / BERTH_PORT_<NAME>, reported in the container's status). An unnamed port needs a number.
 */
const allocatedNeedsName: Check = (c, rec, path) => {
  const port = own(rec, 'containerPort');
  if ((port === undefined || port === null || port === 0) && !present(own(rec, 'name'))) {
    c.bad(at(path, 'containerPort'), 'required unless the port has a name (a named port with containerPort 0 or unset gets a free port)', port ?? '');
  }
};

const containerPort = fields(
  {
    name: str(ianaSvcNameProblem),
    containerPort: int(0, 65535),
    hostPort: int(0, 65535),
    protocol: PROTOCOL,
    hostIP: str(ipProblem),
  },
  allocatedNeedsName,
);

const FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.labels',
  'metadata.annotations',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

function fieldPathProblem(s: string): string | undefined {
  if (FIELD_PATHS.includes(s) || /^metadata\.(labels|annotations)\['[^']+'\]$/.test(s)) return undefined;
  return `must be one of ${FIELD_PATHS.join(', ')}, metadata.labels['<key>'], metadata.annotations['<key>']`;
}

const keyRef = fields({ name: req(str(dns1123SubdomainProblem)), key: req(str(configKeyProblem)), optional: bool });

const valueFrom = fields(
  {
    configMapKeyRef: keyRef,
    secretKeyRef: keyRef,
    fieldRef: fields({ fieldPath: req(str(fieldPathProblem)), apiVersion: str() }),
    resourceFieldRef: fields({
      resource: req(
        oneOf('limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'),
      ),
      containerName: str(dns1123LabelProblem),
      divisor: quantity({ above: 0 }),
    }),
  },
  exactlyOne(['configMapKeyRef', 'secretKeyRef', 'fieldRef', 'resourceFieldRef']),
);

const envVar = fields({ name: req(str(envVarNameProblem)), value: str(), valueFrom }, exclusive('value', 'valueFrom'));

const sourceRef = fields({ name: req(str(dns1123SubdomainProblem)), optional: bool });
const envFrom = fields(
  { prefix: str((s) => (s.includes('=') ? "must not contain '='" : undefined)), configMapRef: sourceRef, secretRef: sourceRef },
  exactlyOne(['configMapRef', 'secretRef']),
);

const resourceList = map(quantity({ min: 0 }), qualifiedNameProblem);

/** A request may not exceed the limit of the same resource. */
const requestsWithinLimits: Check = (c, rec, path) => {
  const limits = own(rec, 'limits');
  const requests = own(rec, 'requests');
  if (!isRec(limits) || !isRec(requests)) return;
  for (const [name, request] of Object.entries(requests)) {
    const limit = own(limits, name);
    const r = quantityValue(request);
    const l = quantityValue(limit);
    if (r !== undefined && l !== undefined && r > l) c.bad(`${path}.requests[${name}]`, `must be <= its limit ${show(limit)}`, request);
  }
};

const resources = fields({ limits: resourceList, requests: resourceList }, requestsWithinLimits);

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

const probe = fields(
  {
    exec: fields({ command: req(list(str(), { nonEmpty: 'must not be empty' })) }),
    httpGet: fields({
      path: str(),
      port: req(portOrName),
      host: str(),
      scheme: oneOf('HTTP', 'HTTPS'),
      httpHeaders: list(fields({ name: req(str()), value: str() })),
    }),
    tcpSocket: fields({ port: req(portOrName), host: str() }),
    grpc: fields({ port: req(PORT), service: str() }),
    initialDelaySeconds: int(0),
    timeoutSeconds: int(1),
    periodSeconds: int(1),
    successThreshold: int(1),
    failureThreshold: int(1),
    terminationGracePeriodSeconds: int(1),
  },
  exactlyOne(HANDLERS),
);

const volumeMount = fields({
  name: req(str()),
  mountPath: req(str(absolutePathProblem)),
  readOnly: bool,
  subPath: str(relativePathProblem),
  mountPropagation: oneOf('None', 'HostToContainer', 'Bidirectional'),
});

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** Liveness and startup probes pass on the first success. */
const probeThresholds: Check = (c, rec, path) => {
  for (const name of ['livenessProbe', 'startupProbe']) {
    const probeRec = own(rec, name);
    const threshold = isRec(probeRec) ? own(probeRec, 'successThreshold') : undefined;
    if (present(threshold) && threshold !== 1) c.bad(at(path, `${name}.successThreshold`), 'must be 1 for liveness and startup probes', threshold);
  }
};

/**
 * Init containers run to completion before the others start, so probes make no sense on them,
 * unless restartPolicy Always makes one a sidecar; restartPolicy is for init containers only.
 */
function initRules(init: boolean): Check {
  return (c: Causes, rec: Rec, path: string) => {
    const sidecar = own(rec, 'restartPolicy') === 'Always';
    if (!init && present(own(rec, 'restartPolicy'))) c.bad(at(path, 'restartPolicy'), 'may only be set on init containers', own(rec, 'restartPolicy'));
    if (!init || sidecar) return;
    for (const name of PROBES) {
      if (present(own(rec, name))) c.bad(at(path, name), 'may not be set on init containers (unless restartPolicy is Always)', own(rec, name));
    }
  };
}

export function containerRule(init: boolean): Rule {
  return fields(
    {
      name: req(str(dns1123LabelProblem)),
      image: str(),
      command: strList(),
      args: strList(),
      workingDir: str(),
      imagePullPolicy: oneOf('Always', 'IfNotPresent', 'Never'),
      ports: list(containerPort),
      env: list(envVar),
      envFrom: list(envFrom),
      resources,
      livenessProbe: probe,
      readinessProbe: probe,
      startupProbe: probe,
      volumeMounts: list(volumeMount),
      terminationMessagePath: str(),
      terminationMessagePolicy: oneOf('File', 'FallbackToLogsOnError'),
      stdin: bool,
      stdinOnce: bool,
      tty: bool,
      restartPolicy: oneOf('Always'),
      securityContext: fields({}),
    },
    unique('ports', 'name', (p) => own(p, 'name'), 'must be unique within the container'),
    unique('volumeMounts', 'mountPath', (m) => own(m, 'mountPath'), 'must be unique within the container'),
    probeThresholds,
    initRules(init),
  );
}

// Services (ClusterIP and NodePort, which berth implements) and Endpoints.
import { dns1123LabelProblem, dns1123SubdomainProblem, ipProblem } from './names.js';
import { PORT, PROTOCOL, portOrName } from './validate-container.js';
import { labelMap } from './validate-meta.js';
import type { Causes, Check, Rec } from './validate-rules.js';
import { at, bool, fields, int, list, oneOf, own, present, recOf, records, req, str, strList, unique } from './validate-rules.js';

/** The range NodePorts are allocated from, as in Kubernetes' default. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const SERVICE_TYPES = ['ClusterIP', 'NodePort'];

function serviceTypeProblem(s: string): string | undefined {
  return SERVICE_TYPES.includes(s) ? undefined : 'berth supports ClusterIP and NodePort';
}

function clusterIPProblem(s: string): string | undefined {
  return s === 'None' || ipProblem(s) === undefined ? undefined : 'must be "None" or a valid IP address';
}

const servicePort = fields({
  name: str(dns1123LabelProblem),
  protocol: PROTOCOL,
  port: req(PORT),
  targetPort: portOrName,
  nodePort: int(NODE_PORT_MIN, NODE_PORT_MAX),
  appProtocol: str(),
});

function typeOf(spec: Rec): string {
  const type = own(spec, 'type');
  return typeof type === 'string' && type !== '' ? type : 'ClusterIP';
}

/** Ports: at least one (unless headless), named when several, nodePort only for NodePort. */
const servicePorts: Check = (c, spec, path) => {
  const ports = own(spec, 'ports');
  if (!present(ports)) {
    if (own(spec, 'clusterIP') !== 'None') c.required(at(path, 'ports'));
    return;
  }
  if (Array.isArray(ports) && ports.length === 0 && own(spec, 'clusterIP') !== 'None') c.bad(at(path, 'ports'), 'must have at least one port', ports);
  const all = records(ports);
  for (const [port, i] of all) {
    const p = `${at(path, 'ports')}[${i}]`;
    if (all.length > 1 && !present(own(port, 'name'))) c.say(`${p}.name`, 'required when there is more than one port');
    const nodePort = own(port, 'nodePort');
    if (present(nodePort) && typeOf(spec) !== 'NodePort') c.bad(`${p}.nodePort`, 'may only be set when type is NodePort', nodePort);
  }
};

const externalPolicyNeedsNodePort: Check = (c, spec, path) => {
  const policy = own(spec, 'externalTrafficPolicy');
  if (present(policy) && typeOf(spec) !== 'NodePort') c.bad(at(path, 'externalTrafficPolicy'), 'may only be set when type is NodePort', policy);
};

function portProtocol(p: Rec): string | undefined {
  const port = own(p, 'port');
  const protocol = own(p, 'protocol');
  return typeof port === 'number' ? `${port}/${typeof protocol === 'string' && protocol !== '' ? protocol : 'TCP'}` : undefined;
}

export const serviceSpec = fields(
  {
    type: str(serviceTypeProblem),
    ports: list(servicePort),
    selector: labelMap,
    clusterIP: str(clusterIPProblem),
    clusterIPs: strList(clusterIPProblem),
    sessionAffinity: oneOf('None', 'ClientIP'),
    sessionAffinityConfig: fields({ clientIP: fields({ timeoutSeconds: int(1, 86400) }) }),
    externalTrafficPolicy: oneOf('Cluster', 'Local'),
    internalTrafficPolicy: oneOf('Cluster', 'Local'),
    publishNotReadyAddresses: bool,
    externalIPs: strList(ipProblem),
    ipFamilyPolicy: oneOf('SingleStack', 'PreferDualStack', 'RequireDualStack'),
    ipFamilies: list(oneOf('IPv4', 'IPv6')),
  },
  servicePorts,
  externalPolicyNeedsNodePort,
  unique('ports', 'name', (p) => own(p, 'name')),
  unique('ports', 'port', portProtocol, 'must be unique per protocol'),
  unique('ports', 'nodePort', (p) => own(p, 'nodePort')),
);

/** The cluster IP, once allocated, stays: clients and Endpoints hold it. */
export function serviceUpdate(c: Causes, obj: Rec, old: Rec): void {
  const now = own(recOf(obj, 'spec') ?? {}, 'clusterIP');
  const before = own(recOf(old, 'spec') ?? {}, 'clusterIP');
  if (present(now) && present(before) && now !== before) c.say('spec.clusterIP', 'field is immutable');
}

// ---- Endpoints ----

const endpointAddress = fields({
  ip: req(str(ipProblem)),
  hostname: str(dns1123LabelProblem),
  nodeName: str(dns1123SubdomainProblem),
  targetRef: fields({ kind: str(), name: str(), namespace: str(), uid: str(), apiVersion: str(), resourceVersion: str() }),
});

const endpointPort = fields({ name: str(dns1123LabelProblem), port: req(PORT), protocol: PROTOCOL, appProtocol: str() });

const subset = fields(
  { addresses: list(endpointAddress), notReadyAddresses: list(endpointAddress), ports: list(endpointPort) },
  unique('ports', 'name', (p) => own(p, 'name')),
);

export const endpointsFields = fields({ subsets: list(subset) });

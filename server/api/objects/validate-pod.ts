// A pod's spec (a Pod's, and the template of every workload): containers, volumes and where the
// pod may run; and pod templates with the restart policies a workload allows.
import {
  absolutePathProblem,
  configKeyProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  ipProblem,
  qualifiedNameProblem,
  relativePathProblem,
} from './names.js';
import { containerRule } from './validate-container.js';
import { labelMap, templateMeta } from './validate-meta.js';
import type { Check, Rule } from './validate-rules.js';
import { at, bool, exactlyOne, fields, int, list, map, oneOf, own, present, quantity, recOf, records, req, str, strList, strOf, unique } from './validate-rules.js';
import { affinity, spreadKey, toleration, topologySpreadConstraint } from './validate-scheduling.js';

const keyToPath = fields({ key: req(str(configKeyProblem)), path: req(str(relativePathProblem)), mode: int(0, 0o777) });

/** The volume sources berth's runtime can provide (a persistentVolumeClaim is a directory on the node). */
export const VOLUME_SOURCES = ['emptyDir', 'configMap', 'secret', 'hostPath', 'persistentVolumeClaim'];

const volume = fields(
  {
    name: req(str(dns1123LabelProblem)),
    emptyDir: fields({ medium: oneOf('Memory'), sizeLimit: quantity({ min: 0 }) }),
    hostPath: fields({
      path: req(str(absolutePathProblem)),
      type: oneOf('DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'),
    }),
    configMap: fields({ name: req(str(dns1123SubdomainProblem)), items: list(keyToPath), defaultMode: int(0, 0o777), optional: bool }),
    secret: fields({ secretName: req(str(dns1123SubdomainProblem)), items: list(keyToPath), defaultMode: int(0, 0o777), optional: bool }),
    persistentVolumeClaim: fields({ claimName: req(str(dns1123SubdomainProblem)), readOnly: bool }),
  },
  exactlyOne(VOLUME_SOURCES),
);

const CONTAINER_LISTS = ['containers', 'initContainers'];

/** Container names are unique across containers and init containers. */
const uniqueContainerNames: Check = (c, spec, path) => {
  const seen = new Set<string>();
  for (const listKey of CONTAINER_LISTS) {
    for (const [ctr, i] of records(own(spec, listKey))) {
      const name = strOf(ctr, 'name');
      if (name === undefined || name === '') continue;
      if (seen.has(name)) c.bad(`${at(path, listKey)}[${i}].name`, 'must be unique across containers and initContainers', name);
      seen.add(name);
    }
  }
};

/** Every volume mount names a volume of the pod (or one the controller adds: `extraVolumes`). */
function mountsNameVolumes(extraVolumes: readonly string[]): Check {
  return (c, spec, path) => {
    const names = new Set(extraVolumes);
    for (const [v] of records(own(spec, 'volumes'))) {
      const name = strOf(v, 'name');
      if (name !== undefined) names.add(name);
    }
    for (const listKey of CONTAINER_LISTS) {
      for (const [ctr, i] of records(own(spec, listKey))) {
        for (const [mount, j] of records(own(ctr, 'volumeMounts'))) {
          const name = strOf(mount, 'name');
          if (name !== undefined && name !== '' && !names.has(name)) {
            c.bad(`${at(path, listKey)}[${i}].volumeMounts[${j}].name`, 'must be the name of a volume of the pod', name);
          }
        }
      }
    }
  };
}

const podSpecFields = {
  containers: req(list(containerRule(false), { nonEmpty: 'must have at least one container' })),
  initContainers: list(containerRule(true)),
  volumes: list(volume),
  restartPolicy: oneOf('Always', 'OnFailure', 'Never'),
  terminationGracePeriodSeconds: int(0),
  activeDeadlineSeconds: int(1),
  dnsPolicy: oneOf('ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'),
  nodeSelector: labelMap,
  nodeName: str(dns1123SubdomainProblem),
  serviceAccountName: str(dns1123SubdomainProblem),
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  hostname: str(dns1123LabelProblem),
  subdomain: str(dns1123LabelProblem),
  schedulerName: str(),
  priority: int(),
  priorityClassName: str(),
  tolerations: list(toleration),
  affinity,
  topologySpreadConstraints: list(topologySpreadConstraint),
  imagePullSecrets: list(fields({ name: str() })),
  securityContext: fields({}),
  enableServiceLinks: bool,
  automountServiceAccountToken: bool,
  dnsConfig: fields({
    nameservers: strList(ipProblem),
    searches: strList(),
    options: list(fields({ name: req(str()), value: str() })),
  }),
  hostAliases: list(fields({ ip: req(str(ipProblem)), hostnames: strList(dns1123SubdomainProblem) })),
  preemptionPolicy: oneOf('PreemptLowerPriority', 'Never'),
  readinessGates: list(fields({ conditionType: req(str(qualifiedNameProblem)) })),
  os: fields({ name: req(oneOf('linux', 'windows')) }),
  overhead: map(quantity({ min: 0 }), qualifiedNameProblem),
  runtimeClassName: str(dns1123SubdomainProblem),
  setHostnameAsFQDN: bool,
  hostUsers: bool,
};

/** dnsPolicy None means the pod's DNS comes from dnsConfig alone. */
const dnsNoneNeedsConfig: Check = (c, spec, path) => {
  if (own(spec, 'dnsPolicy') === 'None' && !present(own(spec, 'dnsConfig'))) c.say(at(path, 'dnsConfig'), 'required when dnsPolicy is None');
};

/** A pod spec; `extraVolumes` are volume names the controller adds (a StatefulSet's claims). */
export function podSpecRule(extraVolumes: readonly string[] = []): Rule {
  return fields(
    podSpecFields,
    uniqueContainerNames,
    unique('volumes', 'name', (v) => own(v, 'name')),
    mountsNameVolumes(extraVolumes),
    unique('topologySpreadConstraints', 'whenUnsatisfiable', spreadKey, 'must be unique for the same topologyKey'),
    dnsNoneNeedsConfig,
  );
}

export const podSpec = podSpecRule();

/** A pod template: metadata (labels) and a pod spec. */
export function templateRule(spec: Rule = podSpec): Rule {
  return fields({ metadata: templateMeta, spec: req(spec) });
}

/**
 * The template's restart policy (absent means the default, Always) is one `allowed` by the
 * workload at `path` (whose `template` field holds the template).
 */
export function restartPolicyIn(allowed: readonly string[], kind: string): Check {
  return (c, spec, path) => {
    const podSpecRec = recOf(recOf(spec, 'template'), 'spec');
    if (podSpecRec === undefined) return;
    const raw = own(podSpecRec, 'restartPolicy');
    const policy = present(raw) ? raw : 'Always';
    if (typeof policy === 'string' && !allowed.includes(policy)) {
      c.bad(at(path, 'template.spec.restartPolicy'), `must be ${allowed.join(' or ')} for a ${kind}`, policy);
    }
  };
}

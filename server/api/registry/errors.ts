// The registry's errors, worded as Kubernetes users know them: `deployments.apps "web" not found`.
import { AlreadyExistsError, ConflictError, ForbiddenError, NotFoundError } from '../../../client/index.js';
import type { KindInfo } from '../../../client/index.js';

/** "deployments.apps", "pods": the resource as kubectl names it. */
export function resourceName(kind: KindInfo): string {
  const slash = kind.apiVersion.indexOf('/');
  return slash < 0 ? kind.plural : `${kind.plural}.${kind.apiVersion.slice(0, slash)}`;
}

function where(kind: KindInfo, namespace: string): string {
  return kind.namespaced ? ` in namespace "${namespace}"` : '';
}

export function notFound(kind: KindInfo, namespace: string, name: string): NotFoundError {
  return new NotFoundError(`${resourceName(kind)} "${name}" not found${where(kind, namespace)}`, {
    details: { kind: kind.kind, namespace, name },
  });
}

export function alreadyExists(kind: KindInfo, namespace: string, name: string): AlreadyExistsError {
  return new AlreadyExistsError(`${resourceName(kind)} "${name}" already exists${where(kind, namespace)}`, {
    details: { kind: kind.kind, namespace, name },
  });
}

export function staleVersion(kind: KindInfo, name: string, given: string, current: string): ConflictError {
  return new ConflictError(
    `Operation cannot be fulfilled on ${resourceName(kind)} "${name}": the object has been modified ` +
      `(resourceVersion ${given} is stale, the current one is ${current}); read it again and retry`,
    { details: { kind: kind.kind, name, resourceVersion: given, current } },
  );
}

export function uidMismatch(kind: KindInfo, name: string, given: string, current: string): ConflictError {
  return new ConflictError(
    `Operation cannot be fulfilled on ${resourceName(kind)} "${name}": precondition failed: uid ${given} is not the object's uid ${current}`,
    { details: { kind: kind.kind, name, uid: given, current } },
  );
}

export function busy(kind: KindInfo, name: string, attempts: number): ConflictError {
  return new ConflictError(
    `Operation cannot be fulfilled on ${resourceName(kind)} "${name}": it kept changing during ${attempts} attempts; retry`,
    { details: { kind: kind.kind, name } },
  );
}

export function namespaceTerminating(namespace: string): ForbiddenError {
  return new ForbiddenError(`unable to create new content in namespace ${namespace} because it is being terminated`, {
    details: { namespace },
  });
}

export function protectedNamespace(name: string): ForbiddenError {
  return new ForbiddenError(`namespaces "${name}" is forbidden: this namespace may not be deleted`, { details: { namespace: name } });
}

// Kubernetes' rules for names, keys and paths. The `is*` functions answer yes or no; the
// `*Problem` functions return the rule a string breaks (undefined when it breaks none), worded to
// follow a field path: `metadata.name: must be a DNS-1123 subdomain (got "Web")`.
import { isIP } from 'node:net';

/** Longest DNS-1123 label (a Namespace or Service name, a volume or container name). */
export const DNS1123_LABEL_MAX = 63;
/** Longest DNS-1123 subdomain (most object names). */
export const DNS1123_SUBDOMAIN_MAX = 253;
/** Longest name part of a qualified name and longest label value. */
export const QUALIFIED_NAME_PART_MAX = 63;
export const LABEL_VALUE_MAX = 63;
/** Longest IANA service name (a port name). */
export const IANA_SVC_NAME_MAX = 15;
/** Longest ConfigMap or Secret key. */
export const CONFIG_KEY_MAX = 253;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const IANA_CHARS = /^[-a-z0-9]+$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export function isDns1123Label(s: string): boolean {
  return typeof s === 'string' && s.length <= DNS1123_LABEL_MAX && LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return typeof s === 'string' && s.length > 0 && s.length <= DNS1123_SUBDOMAIN_MAX && s.split('.').every((l) => LABEL.test(l));
}

export function dns1123LabelProblem(s: string): string | undefined {
  if (s.length > DNS1123_LABEL_MAX) return `must be no more than ${DNS1123_LABEL_MAX} characters`;
  return LABEL.test(s) ? undefined : 'must be a DNS-1123 label';
}

export function dns1123SubdomainProblem(s: string): string | undefined {
  if (s.length > DNS1123_SUBDOMAIN_MAX) return `must be no more than ${DNS1123_SUBDOMAIN_MAX} characters`;
  return isDns1123Subdomain(s) ? undefined : 'must be a DNS-1123 subdomain';
}

/**
 * What is wrong with a qualified name (a label or annotation key, a finalizer): an optional
 * DNS-subdomain prefix and "/", then a name of 1..63 characters [A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9].
 * Worded to follow "must be a qualified name: ".
 */
export function qualifiedNameDetail(s: string): string | undefined {
  const parts = s.split('/');
  if (parts.length > 2) return 'at most one "/"';
  const name = parts.length === 2 ? (parts[1] ?? '') : s;
  if (parts.length === 2 && !isDns1123Subdomain(parts[0] ?? '')) return 'the prefix must be a DNS-1123 subdomain';
  if (name.length === 0 || name.length > QUALIFIED_NAME_PART_MAX) return `the name part must be 1-${QUALIFIED_NAME_PART_MAX} characters`;
  if (!NAME_PART.test(name)) return "the name part must be alphanumeric, '-', '_' or '.', and start and end alphanumeric";
  return undefined;
}

export function isQualifiedName(s: string): boolean {
  return typeof s === 'string' && qualifiedNameDetail(s) === undefined;
}

export function qualifiedNameProblem(s: string): string | undefined {
  const detail = qualifiedNameDetail(s);
  return detail === undefined ? undefined : `must be a qualified name: ${detail}`;
}

/** Label values: empty, or up to 63 characters of the name-part alphabet. */
export function isLabelValue(s: string): boolean {
  return typeof s === 'string' && (s === '' || (s.length <= LABEL_VALUE_MAX && NAME_PART.test(s)));
}

export function labelValueProblem(s: string): string | undefined {
  return isLabelValue(s)
    ? undefined
    : `must be a valid label value: at most ${LABEL_VALUE_MAX} characters, alphanumeric, '-', '_' or '.', starting and ending alphanumeric`;
}

/** A port name: 1..15 of lowercase alphanumerics and '-', with a letter, no '-' at either end or twice in a row. */
export function isIanaSvcName(s: string): boolean {
  return (
    typeof s === 'string' &&
    s.length >= 1 &&
    s.length <= IANA_SVC_NAME_MAX &&
    IANA_CHARS.test(s) &&
    /[a-z]/.test(s) &&
    !s.startsWith('-') &&
    !s.endsWith('-') &&
    !s.includes('--')
  );
}

export function ianaSvcNameProblem(s: string): string | undefined {
  return isIanaSvcName(s) ? undefined : 'must be an IANA service name';
}

/** A ConfigMap or Secret key: [-._a-zA-Z0-9]+, at most 253 characters, not "." or "..". */
export function isConfigKey(s: string): boolean {
  return configKeyProblem(s) === undefined;
}

export function configKeyProblem(s: string): string | undefined {
  if (typeof s !== 'string' || s.length === 0) return 'must be non-empty';
  if (s.length > CONFIG_KEY_MAX) return `must be no more than ${CONFIG_KEY_MAX} characters`;
  if (!CONFIG_KEY.test(s)) return "must consist of alphanumeric characters, '-', '_' or '.'";
  return s === '.' || s === '..' ? 'must not be "." or ".."' : undefined;
}

/** An environment variable name: non-empty, without '='. */
export function envVarNameProblem(s: string): string | undefined {
  return s.length > 0 && !s.includes('=') ? undefined : "must be a non-empty name without '='";
}

export function isIpAddress(s: string): boolean {
  return typeof s === 'string' && isIP(s) !== 0;
}

export function ipProblem(s: string): string | undefined {
  return isIpAddress(s) ? undefined : 'must be a valid IPv4 or IPv6 address';
}

export function absolutePathProblem(s: string): string | undefined {
  return s.startsWith('/') ? undefined : 'must be an absolute path';
}

/** A path inside a volume: relative, with no ".." element. */
export function relativePathProblem(s: string): string | undefined {
  if (s.startsWith('/')) return 'must be a relative path';
  return s.split('/').includes('..') ? "must not contain '..'" : undefined;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function timeProblem(s: string): string | undefined {
  return RFC3339.test(s) && !Number.isNaN(Date.parse(s)) ? undefined : 'must be an RFC 3339 time';
}

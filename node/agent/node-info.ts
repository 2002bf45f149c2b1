// The Node an agent registers: its name and labels, capacity and allocatable (cpu, memory,
// pods), addresses, and what it runs on (nodeInfo).
import { readFileSync } from 'node:fs';
import { arch, cpus, hostname, release, totalmem, type } from 'node:os';
import type { KubeObject } from '../../client/index.js';
import type { CompiledAgentOptions } from './options.js';

/** The agent's version, as the Node's kubeletVersion shows it. */
export const AGENT_VERSION = 'berth-0.1.0';

function readTrimmed(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function osImage(): string {
  const text = readTrimmed('/etc/os-release');
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
  return m?.[1] ?? type();
}

function kibibytes(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`;
}

function millicores(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

export interface HostFacts {
  readonly cpuCores: number;
  readonly memoryBytes: number;
}

export function hostFacts(): HostFacts {
  return { cpuCores: cpus().length, memoryBytes: totalmem() };
}

export function nodeObject(opts: CompiledAgentOptions, runtime: { name: string; version: string }, host: HostFacts = hostFacts()): KubeObject {
  const cpuMilli = host.cpuCores * 1000;
  const labels = {
    'kubernetes.io/hostname': opts.name,
    'kubernetes.io/os': process.platform,
    'kubernetes.io/arch': arch() === 'x64' ? 'amd64' : arch(),
    ...opts.labels,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: opts.name, labels },
    status: {
      capacity: { cpu: millicores(cpuMilli), memory: kibibytes(host.memoryBytes), pods: String(opts.maxPods) },
      allocatable: {
        cpu: millicores(Math.max(0, cpuMilli - opts.reservedCpuMillicores)),
        memory: kibibytes(Math.max(0, host.memoryBytes - opts.reservedMemoryBytes)),
        pods: String(opts.maxPods),
      },
      addresses: [
        { type: 'InternalIP', address: opts.address },
        { type: 'Hostname', address: hostname() },
      ],
      nodeInfo: {
        machineID: readTrimmed('/etc/machine-id'),
        bootID: readTrimmed('/proc/sys/kernel/random/boot_id'),
        kernelVersion: release(),
        osImage: osImage(),
        operatingSystem: process.platform,
        architecture: arch() === 'x64' ? 'amd64' : arch(),
        containerRuntimeVersion: `${runtime.name}://${runtime.version}`,
        kubeletVersion: AGENT_VERSION,
      },
    },
  };
}

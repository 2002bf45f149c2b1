// Volumes for the `process` runtime. Without mount namespaces a path cannot be mounted where the
// container expects it, so each mount appears as a symlink `<containerDir>/<mountPath without its
// leading "/">` → hostPath, and nothing else is done here (the pod worker puts the host path into
// the env). `readOnly` is not enforced.
import { lstat, mkdir, symlink, unlink } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { ContainerConfig } from './types.js';

/** Makes each mount a symlink in the container directory; returns a problem, if any. */
export async function linkMounts(config: ContainerConfig, containerDir: string): Promise<string | undefined> {
  for (const m of config.mounts) {
    const rel = m.mountPath.replace(/^\/+/, '');
    const link = resolve(containerDir, rel);
    if (rel === '' || !link.startsWith(containerDir + sep)) return `mount ${m.name}: mountPath ${JSON.stringify(m.mountPath)} is not a path below /`;
    try {
      await mkdir(dirname(link), { recursive: true });
      const existing = await lstat(link).catch(() => undefined);
      if (existing?.isSymbolicLink() === true) await unlink(link);
      else if (existing !== undefined) return `mount ${m.name}: ${link} exists and is not a symlink`;
      await symlink(m.hostPath, link);
    } catch (err) {
      return `mount ${m.name}: ${(err as Error).message}`;
    }
  }
  return undefined;
}

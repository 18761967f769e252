import { readFileSync, realpathSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { isWithin } from "../options/paths.js";
import { WrapperError, describeSystemError } from "../result/errors.js";

/** The parts of an OCI runtime bundle's config.json that a job needs. */
interface OciConfig {
  process?: { args?: string[]; env?: string[]; cwd?: string; user?: { uid?: number; gid?: number; additionalGids?: number[] } };
  root?: { path?: string };
  mounts?: Array<{ destination?: string; source?: string }>;
}

export interface BundleJob {
  command: string[];
  env: string[];
  cwd: string;
}

/** A container path mapped back to the host through the bundle's bind mounts (Slurm's batch script). */
export function hostPath(path: string, mounts: OciConfig["mounts"] = []): string {
  const sorted = [...mounts].sort((a, b) => (b.destination ?? "").length - (a.destination ?? "").length);
  for (const m of sorted) {
    const dest = m.destination;
    if (dest && m.source && isWithin(path, dest))
      return m.source + path.slice(dest.length);
  }
  return path;
}

function realRoot(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Reads the job out of an OCI bundle as Slurm's oci.conf RunTimeRun hands it over. Only the host's own
 * root file system is supported: a bundle whose root is elsewhere is refused, not run elsewhere. Slurm
 * always points root.path at the submitted bundle's rootfs, so a host-root bundle has rootfs -> /.
 */
export function readBundle(bundle: string): BundleJob {
  let config: OciConfig;
  try {
    config = JSON.parse(readFileSync(join(bundle, "config.json"), "utf8")) as OciConfig;
  } catch (err) {
    throw new WrapperError(`cannot read the OCI bundle ${bundle}/config.json: ${describeSystemError(err)}`);
  }
  const root = config.root?.path ?? "/";
  const rootPath = isAbsolute(root) ? root : resolve(bundle, root);
  if (realRoot(rootPath) !== "/")
    throw new WrapperError(`the OCI bundle's root file system ${rootPath} is not the host's: only root.path "/" is supported`);
  const args = config.process?.args ?? [];
  if (args.length === 0) throw new WrapperError(`the OCI bundle ${bundle} has no process.args`);
  const command = [hostPath(args[0]!, config.mounts), ...args.slice(1)];
  // Slurm starts the runtime in its spool directory; the job's own PWD says where it was submitted.
  const env = config.process?.env ?? [];
  const pwd = env.find((e) => e.startsWith("PWD="))?.slice(4);
  const cwd = pwd && isAbsolute(pwd) ? pwd : config.process?.cwd ?? "/";
  return { command, env, cwd };
}

import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { isWithin } from "../options/paths.js";
import { WrapperError, describeSystemError } from "../result/errors.js";
import type { Bind } from "../spec/job-spec.js";

/** The parts of an OCI runtime bundle's config.json that a job needs. */
interface OciConfig {
  process?: { args?: string[]; env?: string[]; cwd?: string; user?: { uid?: number; gid?: number; additionalGids?: number[] } };
  root?: { path?: string };
  mounts?: Array<{ destination?: string; source?: string; type?: string; options?: string[] }>;
}

export interface BundleJob {
  command: string[];
  env: string[];
  cwd: string;
  /** The bundle's own root file system, when it is not the host's. */
  rootfs?: string;
  /** With rootfs: host directories the job needs at their host paths (bind mounts to the same path, the script's). */
  links?: string[];
  /** With rootfs: the bundle's other bind mounts of host directories. */
  binds?: Bind[];
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

/** The bundle's bind mounts of host directories (other kinds, like proc or tmpfs, the guest has of its own). */
function directoryBinds(mounts: OciConfig["mounts"] = []): Bind[] {
  const isBind = (m: NonNullable<OciConfig["mounts"]>[number]) => m.type === "bind" || (m.options ?? []).some((o) => o === "bind" || o === "rbind");
  const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();
  return mounts
    .filter((m) => m.source && m.destination && isAbsolute(m.source) && isAbsolute(m.destination) && (isBind(m) || m.source === m.destination) && isDir(m.source))
    .map((m) => ({ host: m.source!, guest: m.destination! }));
}

/**
 * Reads the job out of an OCI bundle as Slurm's oci.conf RunTimeRun hands it over. Slurm always points
 * root.path at the submitted bundle's rootfs: a bundle whose rootfs is a symlink to / runs on the host's
 * root, any other on its own root file system (as --rootfs), with the submission directory, the bundle's
 * same-path bind mounts and the batch script's directory at their host paths.
 */
export function readBundle(bundle: string): BundleJob {
  let config: OciConfig;
  try {
    config = JSON.parse(readFileSync(join(bundle, "config.json"), "utf8")) as OciConfig;
  } catch (err) {
    throw new WrapperError(`cannot read the OCI bundle ${bundle}/config.json: ${describeSystemError(err)}`);
  }
  const root = config.root?.path ?? "/";
  const rootPath = realRoot(isAbsolute(root) ? root : resolve(bundle, root));
  const args = config.process?.args ?? [];
  if (args.length === 0) throw new WrapperError(`the OCI bundle ${bundle} has no process.args`);
  const command = [hostPath(args[0]!, config.mounts), ...args.slice(1)];
  // Slurm starts the runtime in its spool directory; the job's own PWD says where it was submitted.
  const env = config.process?.env ?? [];
  const pwd = env.find((e) => e.startsWith("PWD="))?.slice(4);
  const cwd = pwd && isAbsolute(pwd) ? pwd : config.process?.cwd ?? "/";
  if (rootPath === "/") return { command, env, cwd };
  const mounts = directoryBinds(config.mounts);
  const links = [cwd, ...mounts.filter((b) => b.host === b.guest).map((b) => b.host)];
  if (command[0] !== args[0]) links.push(dirname(command[0]!)); // the batch script, mapped back to the host
  return { command, env, cwd, rootfs: rootPath, links: [...new Set(links)], binds: mounts.filter((b) => b.host !== b.guest) };
}

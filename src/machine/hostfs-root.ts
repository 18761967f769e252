import { sep } from "node:path";
import type { ResolvedRun } from "../options/resolve.js";

/**
 * The deepest directory holding every one of these host paths: the guest kernel's hostfs= root, which
 * confines every hostfs mount in the guest to it. "/" when nothing narrower holds them all.
 */
export function commonDirectory(paths: string[]): string {
  const split = paths.map((p) => p.split(sep).filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.length && split.every((parts) => i < parts.length && parts[i] === split[0]![i]); i++) common.push(split[0]![i]!);
  return `/${common.join("/")}`;
}

/** The host paths the guest mounts through hostfs: its hostfs= root must hold them all. */
function hostPaths(r: ResolvedRun, runDir: string): string[] {
  const paths = [runDir, ...r.writable];
  if (!r.root || r.hostMount) paths.push("/");
  if (r.root?.kind === "dir") paths.push(r.root.path);
  if (r.root) paths.push(...r.links, ...r.binds.map((b) => b.host));
  if (r.keepDir) paths.push(r.keepDir);
  return paths;
}

/** The guest kernel's hostfs= root for this run ("/" when nothing narrower holds every path). */
export function hostfsRootFor(r: ResolvedRun, runDir: string): string {
  return commonDirectory(hostPaths(r, runDir));
}

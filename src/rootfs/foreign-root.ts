import type { Writable } from "node:stream";
import type { ResolvedRun } from "../options/resolve.js";
import { accountLines } from "../spec/accounts.js";
import type { JobSpec } from "../spec/job-spec.js";

/** What the guest needs to know to build a foreign root. */
export function foreignRootSpec(r: ResolvedRun): Partial<JobSpec> {
  const home = r.env.map((e) => Buffer.from(e).toString()).find((e) => e.startsWith("HOME="))?.slice(5);
  const accounts = accountLines(r.identity.uid, r.identity.gid, r.identity.groups, home);
  return {
    root: r.root!.kind === "image" ? { device: "/dev/ubda", writable: r.root!.writable } : { dir: r.root!.path, writable: r.root!.writable },
    links: r.links,
    binds: r.binds,
    passwdLine: accounts.passwd,
    groupLines: accounts.groups,
  };
}

/** An archive given as --rootfs is imported into the cache (once) and used as a directory. */
export async function importRoot(r: ResolvedRun, progress: Writable | undefined): Promise<void> {
  if (r.root?.kind !== "archive") return;
  const { rootForArchive } = await import("./cache.js");
  const { showImportProgress } = await import("../ui/progress.js");
  const shown = showImportProgress(progress, r.root.path);
  try {
    r.root = { kind: "dir", path: (await rootForArchive(r.root.path, { onProgress: shown.update })).dir, writable: r.root.writable };
  } finally {
    shown.stop();
  }
}

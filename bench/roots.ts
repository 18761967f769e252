// Boot time per kind of root file system, beside the host root's, measured side by side.
import { existsSync } from "node:fs";
import { buildRoots } from "../test/integration/roots.js";
import { sideBySide, timeCommand } from "./measure.js";

export interface RootRow {
  kind: string;
  ms: number;
  hostMs: number;
}

/** `true` on the host's root and on each kind of --rootfs (busybox roots built here; archives imported once). */
export function rootBootTimes(wrapper: string, runs: number, extraDirs: Record<string, string> = {}): RootRow[] {
  const roots = buildRoots();
  const env = { ...process.env, XDG_CACHE_HOME: `${roots.base}/cache` };
  try {
    const kinds: Record<string, string> = {
      "directory (busybox, hostfs + overlay)": roots.dir,
      "ext4 image (busybox, ubd + copy-on-write)": roots.image,
      "imported .tar.gz (busybox, cached)": roots.tarGz,
      ...Object.fromEntries(Object.entries(extraDirs).filter(([, dir]) => existsSync(dir))),
    };
    const run = (source?: string) => () => timeCommand([wrapper, ...(source ? [`--rootfs=${source}`] : []), "--", "true"], { env });
    run(roots.tarGz)(); // the import happens once, outside the measurement
    const variants: Record<string, () => number> = { host: run() };
    for (const [kind, source] of Object.entries(kinds)) variants[kind] = run(source);
    const m = sideBySide(runs, variants);
    return Object.keys(kinds).map((kind) => ({ kind, ms: m[kind]!, hostMs: m.host! }));
  } finally {
    roots.remove();
  }
}

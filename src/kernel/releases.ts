import { readdirSync } from "node:fs";
import { modulesDirFor } from "./modules.js";

/** Orders kernel releases ("6.1.176" < "6.12.113" < "7.2.1"), number by number; -1, 0 or 1. */
export function compareReleases(a: string, b: string): number {
  const pa = a.split(/[.\-+~]/);
  const pb = b.split(/[.\-+~]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const d = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * A kernel's release, read from its modules directory (usr/lib/uml/modules/<release>) rather than by
 * running or scanning the binary, which would cost start-up time. Null when it has no modules.
 */
export function releaseOf(kernel: string): string | null {
  let names: string[];
  try {
    names = readdirSync(modulesDirFor(kernel)).filter((n) => /^\d/.test(n));
  } catch {
    return null;
  }
  return names.sort(compareReleases).pop() ?? null;
}

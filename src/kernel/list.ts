import { WrapperError } from "../result/errors.js";
import { chooseKernel } from "./find.js";
import { installedKernels, type InstalledKernel } from "./installed.js";
import { describeOrigin, readOrigin } from "./origin.js";
import type { KernelPick } from "./policy.js";

function from(k: InstalledKernel, env: NodeJS.ProcessEnv): string {
  if (k.source === "system") return "system";
  const origin = readOrigin(k.release!, env);
  return origin ? describeOrigin(origin) : "cache";
}

/** Columns padded to their widest cell. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd());
}

/** `kernel list`: the kernels at hand, which one a run boots by default, and why. */
export function kernelListing(env = process.env): string {
  const kernels = installedKernels(env);
  const requested = env.UML_JOB_WRAPPER_KERNEL ? { path: env.UML_JOB_WRAPPER_KERNEL, from: "UML_JOB_WRAPPER_KERNEL" } : undefined;
  let pick: KernelPick | null = null;
  let problem = "";
  try {
    pick = chooseKernel(requested, undefined, env);
  } catch (err) {
    if (!(err instanceof WrapperError)) throw err;
    problem = err.message;
  }
  const lines = kernels.length
    ? table([["", "RELEASE", "PATH", "FROM"], ...kernels.map((k) => [k.path === pick?.path ? "*" : "", k.release ?? "?", k.path, from(k, env)])])
    : ["no UML kernels installed"];
  lines.push(pick ? `default: ${pick.path} (${pick.reason})` : `default: none: ${problem}`);
  return `${lines.join("\n")}\n`;
}

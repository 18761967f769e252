import { WrapperError } from "../result/errors.js";
import type { InstalledKernel } from "./installed.js";
import { compareReleases } from "./releases.js";

/** The kernel a run boots, and why that one (what `kernel list` says). */
export interface KernelPick {
  path: string;
  reason: string;
}

export interface PolicyInput {
  /** --kernel, UML_JOB_WRAPPER_KERNEL or run({ kernel }), and which of these it came from. */
  requested?: { path: string; from: string };
  /** What `kernel use` recorded: "system", an absolute path, or the release of a cached kernel. */
  choice?: string;
  /** The kernels at hand: system ones first (in PATH order), then cached ones. */
  installed: InstalledKernel[];
  /** Which kernels the job's user can run, for the newest-kernel rule (root starting another user's job). */
  usable?: (k: InstalledKernel) => boolean;
}

const USE = "`uml-job-wrapper kernel use`";

/** The newest kernel; on equal releases the earlier one (a system kernel before a cached copy). Unknown releases rank last. */
export function newestKernel(kernels: InstalledKernel[]): InstalledKernel | undefined {
  let best: InstalledKernel | undefined;
  for (const k of kernels)
    if (!best || (k.release !== null && (best.release === null || compareReleases(k.release, best.release) > 0))) best = k;
  return best;
}

function fromChoice(choice: string, installed: InstalledKernel[]): KernelPick {
  const reason = `chosen with \`uml-job-wrapper kernel use ${choice}\``;
  if (choice.startsWith("/")) return { path: choice, reason };
  const kernel = choice === "system" ? installed.find((k) => k.source === "system") : installed.find((k) => k.source === "cache" && k.release === choice);
  if (!kernel)
    throw new WrapperError(
      choice === "system"
        ? `${USE} chose the system kernel, but there is none: install user-mode-linux, or choose another with ${USE}`
        : `kernel ${choice}, chosen with ${USE}, is not installed: see \`uml-job-wrapper kernel list\``,
    );
  return { path: kernel.path, reason };
}

/**
 * The default-kernel policy: what the caller asked for, else the `kernel use` choice, else the newest
 * kernel installed (newer kernels start processes about 3 times faster, see README "Kernels").
 */
export function pickKernel(p: PolicyInput): KernelPick {
  if (p.requested) return { path: p.requested.path, reason: `asked for with ${p.requested.from}` };
  if (p.choice) return fromChoice(p.choice, p.installed);
  const newest = newestKernel(p.usable ? p.installed.filter(p.usable) : p.installed);
  if (!newest)
    throw new WrapperError(
      "no UML kernel found: install Debian's user-mode-linux package (apt-get install user-mode-linux), or a newer one with `uml-job-wrapper kernel install`, or pass --kernel=PATH",
    );
  return { path: newest.path, reason: p.installed.length === 1 ? "the only kernel installed" : "the newest kernel installed" };
}

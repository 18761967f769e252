// Spawn cost per kernel: 300 × /bin/true in the guest on each installed kernel (system and `kernel
// install`ed), beside the same loop run natively. `node dist/bench/kernels.js` prints the rows alone.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { installedKernels } from "../src/kernel/installed.js";
import { median, timeCommand } from "./measure.js";

const SPAWNS = "for i in $(seq 300); do /bin/true; done";

/** The job phase (READY to EXIT) of one run on `kernel`, as the wrapper measured it, in ms. */
function guestMs(wrapper: string, kernel: string): number {
  const r = spawnSync(wrapper, ["--json", `--kernel=${kernel}`, "--", "sh", "-c", SPAWNS], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const record = JSON.parse(r.stderr.trim().split("\n").pop()!);
  if (record.exitCode !== 0) throw new Error(`${kernel}: ${record.message ?? record.exitCode}`);
  return record.timings.jobMs;
}

/** One row per installed kernel, in bench/run.ts's row shape. */
export function kernelRows(wrapper: string, runs = 3) {
  return installedKernels().map((k) => {
    const guest: number[] = [];
    const native: number[] = [];
    for (let i = 0; i < runs; i++) {
      guest.push(guestMs(wrapper, k.path));
      native.push(timeCommand(["sh", "-c", SPAWNS]));
    }
    const [g, n] = [median(guest), median(native)];
    return {
      what: `spawn-heavy: 300 × /bin/true, Linux ${k.release ?? "?"} (${k.source})`,
      subject: "in the guest",
      subjectValue: `${g.toFixed(0)} ms`,
      baseline: "native",
      baselineValue: `${n.toFixed(0)} ms`,
      ratio: `${(g / n).toFixed(1)}×`,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wrapper = fileURLToPath(new URL("../../bin/uml-job-wrapper", import.meta.url));
  for (const r of kernelRows(wrapper, Number(process.env.BENCH_RUNS ?? 3)))
    console.log(`| ${r.what} | ${r.subject} | ${r.subjectValue} | ${r.baseline} | ${r.baselineValue} | ${r.ratio} |`);
}

// npm run bench: what the wrapper costs, measured side by side in one run, as medians and ratios.
// Writes bench/results/latest.md (the table the README quotes).
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { findKernel } from "../src/kernel/find.js";
import { parseSize } from "../src/options/sizes.js";
import { DEFAULTS } from "../src/options/defaults.js";
import { floorBoot } from "./floor.js";
import { median, sideBySide, timeCommand } from "./measure.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WRAPPER = `${ROOT}bin/uml-job-wrapper`;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

interface Row {
  what: string;
  subject: string;
  subjectValue: string;
  baseline: string;
  baselineValue: string;
  ratio: string;
}
const rows: Row[] = [];
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

function report(row: Row): void {
  rows.push(row);
  console.log(`${row.what}: ${row.subject} ${row.subjectValue} | ${row.baseline} ${row.baselineValue} | ${row.ratio}`);
}

/** The job phase of one wrapper run (READY to EXIT) as the wrapper itself measured it, in ms. */
function jobMs(script: string, stdinFrom?: string): number {
  const cmd = `${stdinFrom ? `${stdinFrom} | ` : ""}${WRAPPER} --json -- sh -c '${script}' > /dev/null`;
  const r = spawnSync("sh", ["-c", cmd], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const record = JSON.parse(r.stderr.trim().split("\n").pop()!);
  if (record.exitCode !== 0) throw new Error(`${script}: ${record.message ?? record.exitCode}`);
  return record.timings.jobMs;
}

function native(script: string): number {
  return timeCommand(["sh", "-c", `${script} > /dev/null`]);
}

function boot(): void {
  const kernel = findKernel(undefined);
  const floor = floorBoot(kernel, parseSize(DEFAULTS.mem)!);
  try {
    const m = sideBySide(RUNS, {
      wrapper: () => timeCommand([WRAPPER, "--", "true"]),
      floor: () => timeCommand(floor.argv),
      node: () => timeCommand([process.execPath, "-e", "0"]),
    });
    report({ what: "boot + `true` + shutdown", subject: "uml-job-wrapper -- true", subjectValue: fmt(m.wrapper!), baseline: "bare kernel, init = power off", baselineValue: fmt(m.floor!), ratio: `${(m.wrapper! / m.floor!).toFixed(2)}×` });
    report({ what: "start-up vs Node itself", subject: "uml-job-wrapper -- true", subjectValue: fmt(m.wrapper!), baseline: "node -e 0", baselineValue: fmt(m.node!), ratio: `${(m.wrapper! / m.node!).toFixed(2)}×` });
  } finally {
    rmSync(floor.dir, { recursive: true, force: true });
  }
}

function guestVsNative(what: string, script: string, runs = 3, stdinFrom?: string): void {
  const guest: number[] = [];
  const host: number[] = [];
  for (let i = 0; i < runs; i++) {
    guest.push(jobMs(script, stdinFrom));
    host.push(native(stdinFrom ? `${stdinFrom} | ${script}` : script));
  }
  const g = median(guest);
  const h = median(host);
  report({ what, subject: "in the guest", subjectValue: fmt(g), baseline: "native", baselineValue: fmt(h), ratio: `${(g / h).toFixed(1)}×` });
}

function throughput(what: string, mib: number, script: string, stdinFrom?: string): void {
  const empty = median([jobMs("true"), jobMs("true"), jobMs("true")]);
  const guest = median(Array.from({ length: 3 }, () => jobMs(script, stdinFrom))) - empty;
  const host = median(Array.from({ length: 3 }, () => native(stdinFrom ? `${stdinFrom} | ${script}` : script)));
  const rate = (ms: number) => `${((mib / ms) * 1000).toFixed(0)} MB/s`;
  report({ what, subject: "through the wrapper", subjectValue: rate(guest), baseline: "native pipe", baselineValue: rate(host), ratio: `${(guest / host).toFixed(1)}× the time` });
}

console.log(`uml-job-wrapper benchmark: ${RUNS} runs per boot figure, on ${cpus().length} × ${cpus()[0]?.model}`);
boot();
throughput("stdout throughput (256 MiB, 1 MiB writes)", 256, "dd if=/dev/zero bs=1M count=256 2>/dev/null");
throughput("stdin throughput (256 MiB, 1 MiB reads)", 256, "dd of=/dev/null bs=1M 2>/dev/null", "head -c 268435456 /dev/zero");
guestVsNative("spawn-heavy: 300 × /bin/true", "for i in $(seq 300); do /bin/true; done");
guestVsNative("syscall-heavy: dd bs=64 count=50000", "dd if=/dev/zero of=/dev/null bs=64 count=50000 2>/dev/null");
guestVsNative("CPU-bound: shell arithmetic loop", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done");

/** Per-job overhead under Slurm, when a cluster is configured (SLURM_CONF set and srun on PATH). */
function underSlurm(): void {
  if (!process.env.SLURM_CONF || spawnSync("srun", ["--version"]).status !== 0) return;
  const m = sideBySide(Math.min(RUNS, 5), {
    wrapped: () => timeCommand(["srun", WRAPPER, "--", "true"]),
    plain: () => timeCommand(["srun", "true"]),
  });
  report({ what: "a Slurm job step", subject: "srun uml-job-wrapper -- true", subjectValue: fmt(m.wrapped!), baseline: "srun true", baselineValue: fmt(m.plain!), ratio: `+${fmt(m.wrapped! - m.plain!)}` });
}
underSlurm();

const date = new Date().toISOString().slice(0, 10);
const table = [
  `Measured ${date} on ${cpus().length} × ${cpus()[0]?.model}, Linux ${spawnSync("uname", ["-r"], { encoding: "utf8" }).stdout.trim()} host, kernel ${findKernel(undefined)}; medians.`,
  "",
  "| what | subject | | baseline | | ratio |",
  "|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.what} | ${r.subject} | ${r.subjectValue} | ${r.baseline} | ${r.baselineValue} | ${r.ratio} |`),
].join("\n");
mkdirSync(`${ROOT}bench/results`, { recursive: true });
writeFileSync(`${ROOT}bench/results/latest.md`, `${table}\n`);
console.log(`\n${table}`);

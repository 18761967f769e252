// npm run bench: what the wrapper costs, measured side by side in one run, as medians and ratios.
// Writes bench/results/latest.md (the table the README quotes) and latest.png (the ratios as a chart).
// Knobs: BENCH_RUNS (boot figures, default 7), BENCH_WORK_RUNS (workloads, default 3), BENCH_UNTAR_FILES
// (default 10000), BENCH_SECTIONS (comma-separated subset of startup,roots,spawn,untar,workloads,slurm),
// UJW_BENCH_KERNELS (more kernels, path1:path2), UJW_BENCH_QEMU_KERNEL (the kernel image QEMU boots),
// UJW_BENCH_DEBOOTSTRAP (a debootstrap'd directory to boot as one more root kind).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeChart } from "./chart.js";
import { benchKernels } from "./kernels.js";
import { readyPeers } from "./peers/all.js";
import { rootKinds } from "./roots.js";
import { machine, markdown, note, rows } from "./report.js";
import { underSlurm } from "./slurm.js";
import { spawning } from "./spawning.js";
import { startup } from "./startup.js";
import { ROOT, buildSpawner } from "./static.js";
import { untar } from "./untar.js";
import { workloads } from "./workloads.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WORK_RUNS = Number(process.env.BENCH_WORK_RUNS ?? 3);
const FILES = Number(process.env.BENCH_UNTAR_FILES ?? 10000);
const only = process.env.BENCH_SECTIONS?.split(",");
const wanted = (section: string) => !only || only.includes(section);

const dir = mkdtempSync(join(tmpdir(), "ujw-bench-"));
try {
  if (process.env.NODE_EXTRA_CA_CERTS) {
    // Node reads and parses these certificates at every start, before any script runs: on the machine
    // this bench was written on that was a third of `node -e 0`. It is the environment's cost, not ours.
    delete process.env.NODE_EXTRA_CA_CERTS;
    note("NODE_EXTRA_CA_CERTS was set: unset for every measured command (it slows every Node start-up)");
  }
  console.log(`uml-job-wrapper benchmark: ${RUNS} runs per boot figure, ${WORK_RUNS} per workload, on ${machine()}`);
  const spawner = buildSpawner(dir);
  const kernels = benchKernels();
  console.log(`kernels: ${kernels.map((k) => `${k.release} (${k.path})`).join(", ")}`);
  const peers = wanted("startup") || wanted("spawn") ? readyPeers(dir, spawner) : [];
  if (wanted("startup")) startup(RUNS, kernels, peers, spawner, dir);
  if (wanted("roots")) rootKinds(RUNS);
  if (wanted("spawn")) spawning(WORK_RUNS, kernels, peers, spawner);
  if (wanted("untar")) untar(WORK_RUNS, dir, FILES);
  if (wanted("workloads")) workloads(WORK_RUNS);
  if (wanted("slurm")) underSlurm(RUNS);

  const results = `${ROOT}bench/results`;
  mkdirSync(results, { recursive: true });
  try {
    await writeChart(rows, `${results}/latest.png`);
  } catch (err) {
    note(`no chart: ${err instanceof Error ? err.message : String(err)}`);
  }
  const table = markdown(kernels.map((k) => `${k.release} (${k.path})`));
  writeFileSync(`${results}/latest.md`, `${table}\n`);
  console.log(`\n${table}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

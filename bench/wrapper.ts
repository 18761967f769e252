import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { ROOT, spawnerMs } from "./static.js";

export const WRAPPER = `${ROOT}bin/uml-job-wrapper`;

/** The wrapper's argv for a job, with a kernel other than the default when one is given. */
export function wrapperArgv(job: string[], kernel?: string): string[] {
  return [WRAPPER, ...(kernel ? [`--kernel=${kernel}`] : []), "--", ...job];
}

/** The job phase of one wrapper run (READY to EXIT) as the wrapper itself measured it, in ms. */
export function jobMs(script: string, stdinFrom?: string): number {
  const cmd = `${stdinFrom ? `${stdinFrom} | ` : ""}${WRAPPER} --json -- sh -c '${script}' > /dev/null`;
  const r = spawnSync("sh", ["-c", cmd], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const record = JSON.parse(r.stderr.trim().split("\n").pop()!);
  if (record.exitCode !== 0) throw new Error(`${script}: ${record.message ?? record.exitCode}`);
  return record.timings.jobMs;
}

/** Runs argv (a spawner, possibly inside something) and returns the milliseconds the spawner reported. */
export function spawnerRun(argv: string[], timeoutMs = 300_000): number {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status ?? r.signal}): ${r.stderr.slice(-500)}`);
  return spawnerMs(r.stdout, argv.join(" "));
}

export interface Timings {
  bootMs: number;
  jobMs: number;
  shutdownMs: number;
  totalMs: number;
}

/** Wall-clock milliseconds of one wrapper run with --json, and the timings the wrapper reported. */
export function timedRun(job: string[], kernel?: string): { wall: number; timings: Timings } {
  const [bin, ...args] = wrapperArgv(job, kernel);
  const start = performance.now();
  const r = spawnSync(bin!, ["--json", ...args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const wall = performance.now() - start;
  const record = JSON.parse(r.stderr.trim().split("\n").pop()!);
  if (record.exitCode !== 0) throw new Error(`${job.join(" ")}: ${record.message ?? record.exitCode}`);
  return { wall, timings: record.timings };
}

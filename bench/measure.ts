import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { performance } from "node:perf_hooks";

/** Wall-clock milliseconds of one run of a command; throws when it fails. */
export function timeCommand(argv: string[], options: SpawnSyncOptions = {}): number {
  const start = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: ["ignore", "ignore", "pipe"], ...options });
  const ms = performance.now() - start;
  // linux.uml now and then dies of SIGABRT after a clean power-off: that run still counts.
  const haltedThenAborted = r.signal === "SIGABRT" && /System halted/.test(r.stderr?.toString() ?? "");
  if (r.status !== 0 && !haltedThenAborted) throw new Error(`${argv.join(" ")} failed (${r.status ?? r.signal}): ${r.stderr?.toString().slice(0, 500)}`);
  return ms;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Medians of `runs` alternating runs of each variant, so that both see the same machine load
 * (measured side by side, as the guide asks).
 */
export function sideBySide(runs: number, variants: Record<string, () => number>): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, fn] of Object.entries(variants)) samples[name]!.push(fn());
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

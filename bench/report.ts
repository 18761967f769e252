import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

/** One line of the results table: a subject measured side by side with its baseline. */
export interface Row {
  /** The chart's colour: which question the row answers. */
  group: "wrapper" | "workload" | "hostfs" | "peer" | "kernel" | "slurm";
  what: string;
  subject: string;
  subjectValue: string;
  baseline: string;
  baselineValue: string;
  /** subject / baseline, as a time ratio (how many times longer the subject takes). */
  ratio: number;
  /** How the ratio is written in the table, when not as `N×`. */
  ratioText?: string;
}

export const rows: Row[] = [];

export const ms = (value: number) => `${value.toFixed(0)} ms`;

export function ratioText(r: Row): string {
  return r.ratioText ?? `${r.ratio < 10 ? r.ratio.toFixed(2) : r.ratio.toFixed(1)}×`;
}

export function report(row: Row): void {
  rows.push(row);
  console.log(`${row.what}: ${row.subject} ${row.subjectValue} | ${row.baseline} ${row.baselineValue} | ${ratioText(row)}`);
}

/** A line the table carries below it: a measurement that was skipped, and why. */
export const notes: string[] = [];

export function note(line: string): void {
  notes.push(line);
  console.log(line);
}

export function machine(): string {
  const host = spawnSync("uname", ["-r"], { encoding: "utf8" }).stdout.trim();
  return `${cpus().length} × ${cpus()[0]?.model}, Linux ${host} host`;
}

/** The load average when the bench started: other work on the machine makes every figure noisier. */
const loadAtStart = loadavg()[0]!.toFixed(2);

export function markdown(kernels: string[]): string {
  const date = new Date().toISOString().slice(0, 10);
  return [
    `Measured ${date} on ${machine()} (load average ${loadAtStart} at start), kernel ${kernels.join(", ")}; medians.`,
    "",
    "| what | subject | | baseline | | ratio |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.what} | ${r.subject} | ${r.subjectValue} | ${r.baseline} | ${r.baselineValue} | ${ratioText(r)} |`),
    ...(notes.length ? ["", ...notes.map((n) => `- ${n}`)] : []),
  ].join("\n");
}

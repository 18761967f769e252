import { median, timeCommand } from "./measure.js";
import { ms, report } from "./report.js";
import { jobMs } from "./wrapper.js";

export function native(script: string): number {
  return timeCommand(["sh", "-c", `${script} > /dev/null`]);
}

/** A script's job phase in the guest against its run time on the host, `runs` of each in turn. */
function guestVsNative(runs: number, what: string, script: string): void {
  const guest: number[] = [];
  const host: number[] = [];
  for (let i = 0; i < runs; i++) {
    guest.push(jobMs(script));
    host.push(native(script));
  }
  const g = median(guest);
  const h = median(host);
  report({ group: "workload", what, subject: "in the guest", subjectValue: ms(g), baseline: "native", baselineValue: ms(h), ratio: g / h });
}

function throughput(runs: number, what: string, mib: number, script: string, stdinFrom?: string): void {
  const times = (f: () => number) => median(Array.from({ length: runs }, f));
  const empty = times(() => jobMs("true"));
  const guest = times(() => jobMs(script, stdinFrom)) - empty;
  const host = times(() => native(stdinFrom ? `${stdinFrom} | ${script}` : script));
  const rate = (t: number) => `${((mib / t) * 1000).toFixed(0)} MB/s`;
  const ratio = guest / host;
  report({ group: "workload", what, subject: "through the wrapper", subjectValue: rate(guest), baseline: "native pipe", baselineValue: rate(host), ratio, ratioText: `${ratio.toFixed(1)}× the time` });
}

/** Streams, system calls and CPU: the wrapper's channels and the guest kernel against the host. */
export function workloads(runs: number): void {
  throughput(runs, "stdout throughput (256 MiB, 1 MiB writes)", 256, "dd if=/dev/zero bs=1M count=256 2>/dev/null");
  throughput(runs, "stdin throughput (256 MiB, 1 MiB reads)", 256, "dd of=/dev/null bs=1M 2>/dev/null", "head -c 268435456 /dev/zero");
  guestVsNative(runs, "syscall-heavy: dd bs=64 count=50000", "dd if=/dev/zero of=/dev/null bs=64 count=50000 2>/dev/null");
  guestVsNative(runs, "CPU-bound: shell arithmetic loop", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done");
}

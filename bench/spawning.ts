import type { Kernel } from "./kernels.js";
import { sideBySide } from "./measure.js";
import type { Peer } from "./peers/peer.js";
import { ms, report } from "./report.js";
import { spawnerRun, wrapperArgv } from "./wrapper.js";

const N = 300;

/**
 * Process creation: the spawner starts /bin/true 300 times and times itself, natively, in the guest of
 * each kernel and under each peer (one run of each in turn, so that all see the same load).
 */
export function spawning(runs: number, kernels: Kernel[], peers: Peer[], spawner: string): void {
  const job = [spawner, String(N), "/bin/true"];
  const m = sideBySide(runs, {
    native: () => spawnerRun(job),
    ...Object.fromEntries(kernels.map((k, i) => [k.path, () => spawnerRun(wrapperArgv(job, i ? k.path : undefined))])),
    ...Object.fromEntries(peers.map((p) => [p.name, () => spawnerRun(p.spawnArgv(N), p.timeoutMs)])),
  });
  const what = `spawn-heavy: ${N} × /bin/true`;
  kernels.forEach((k, i) =>
    report({ group: i ? "kernel" : "workload", what: `${what}, kernel ${k.release}`, subject: "in the guest", subjectValue: ms(m[k.path]!), baseline: "native", baselineValue: ms(m.native!), ratio: m[k.path]! / m.native! }),
  );
  const guest = m[kernels[0]!.path]!;
  for (const p of peers)
    report({ group: "peer", what: `${what} vs ${p.name}`, subject: `in the guest (${kernels[0]!.release})`, subjectValue: ms(guest), baseline: `under ${p.name}`, baselineValue: ms(m[p.name]!), ratio: guest / m[p.name]! });
}

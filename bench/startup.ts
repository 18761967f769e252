import { DEFAULTS } from "../src/options/defaults.js";
import { parseSize } from "../src/options/sizes.js";
import { floorBoot } from "./floor.js";
import type { Kernel } from "./kernels.js";
import { median, sideBySide, timeCommand } from "./measure.js";
import type { Peer } from "./peers/peer.js";
import { ms, note, report } from "./report.js";
import { timedRun, type Timings } from "./wrapper.js";

const MEM = parseSize(DEFAULTS.mem)!;

/** Where the wrapper's `true` spends its time, from its own --json timings: medians of each phase. */
function phases(runs: Array<{ wall: number; timings: Timings }>): string {
  const of = (f: (r: { wall: number; timings: Timings }) => number) => ms(median(runs.map(f)));
  return `\`uml-job-wrapper -- true\`, phase by phase (medians): Node, the CLI and preparing the run ${of((r) => r.wall - r.timings.totalMs)} (everything outside run()'s clock), boot to the agent's READY ${of((r) => r.timings.bootMs)}, READY to the job's end ${of((r) => r.timings.jobMs)}, shutdown ${of((r) => r.timings.shutdownMs)}`;
}

/**
 * Boot + `true` + shutdown: the wrapper with each kernel against that kernel's bare floor; with the
 * system kernel also against `node -e 0` and against each peer's `true`.
 */
export function startup(runs: number, kernels: Kernel[], peers: Peer[], spawner: string, dir: string): void {
  kernels.forEach((k, i) => {
    const first = i === 0;
    const floor = floorBoot(k.path, MEM, spawner, dir);
    const timed: Array<{ wall: number; timings: Timings }> = [];
    const m = sideBySide(runs, {
      wrapper: () => {
        timed.push(timedRun(["true"], first ? undefined : k.path));
        return timed.at(-1)!.wall;
      },
      floor: () => timeCommand(floor),
      ...(first ? { node: () => timeCommand([process.execPath, "-e", "0"]) } : {}),
      ...(first ? Object.fromEntries(peers.map((p) => [p.name, () => timeCommand(p.trueArgv(), { timeout: p.timeoutMs })])) : {}),
    });
    const subject = `uml-job-wrapper${first ? "" : " --kernel=…"} -- true`;
    report({ group: first ? "wrapper" : "kernel", what: `boot + \`true\` + shutdown, kernel ${k.release}`, subject, subjectValue: ms(m.wrapper!), baseline: "bare kernel, init = power off", baselineValue: ms(m.floor!), ratio: m.wrapper! / m.floor! });
    if (!first) return;
    note(phases(timed));
    report({ group: "wrapper", what: "start-up vs Node itself", subject, subjectValue: ms(m.wrapper!), baseline: "node -e 0", baselineValue: ms(m.node!), ratio: m.wrapper! / m.node! });
    for (const p of peers)
      report({ group: "peer", what: `start-up vs ${p.name}`, subject, subjectValue: ms(m.wrapper!), baseline: p.label, baselineValue: ms(m[p.name]!), ratio: m.wrapper! / m[p.name]! });
  });
}

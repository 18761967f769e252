import { DEFAULTS } from "../src/options/defaults.js";
import { parseSize } from "../src/options/sizes.js";
import { floorBoot } from "./floor.js";
import type { Kernel } from "./kernels.js";
import { sideBySide, timeCommand } from "./measure.js";
import type { Peer } from "./peers/peer.js";
import { ms, report } from "./report.js";
import { wrapperArgv } from "./wrapper.js";

const MEM = parseSize(DEFAULTS.mem)!;

/**
 * Boot + `true` + shutdown: the wrapper with each kernel against that kernel's bare floor; with the
 * system kernel also against `node -e 0` and against each peer's `true`.
 */
export function startup(runs: number, kernels: Kernel[], peers: Peer[], spawner: string, dir: string): void {
  kernels.forEach((k, i) => {
    const first = i === 0;
    const floor = floorBoot(k.path, MEM, spawner, dir);
    const m = sideBySide(runs, {
      wrapper: () => timeCommand(wrapperArgv(["true"], first ? undefined : k.path)),
      floor: () => timeCommand(floor),
      ...(first ? { node: () => timeCommand([process.execPath, "-e", "0"]) } : {}),
      ...(first ? Object.fromEntries(peers.map((p) => [p.name, () => timeCommand(p.trueArgv(), { timeout: p.timeoutMs })])) : {}),
    });
    const subject = `uml-job-wrapper${first ? "" : " --kernel=…"} -- true`;
    report({ group: first ? "wrapper" : "kernel", what: `boot + \`true\` + shutdown, kernel ${k.release}`, subject, subjectValue: ms(m.wrapper!), baseline: "bare kernel, init = power off", baselineValue: ms(m.floor!), ratio: m.wrapper! / m.floor! });
    if (!first) return;
    report({ group: "wrapper", what: "start-up vs Node itself", subject, subjectValue: ms(m.wrapper!), baseline: "node -e 0", baselineValue: ms(m.node!), ratio: m.wrapper! / m.node! });
    for (const p of peers)
      report({ group: "peer", what: `start-up vs ${p.name}`, subject, subjectValue: ms(m.wrapper!), baseline: p.label, baselineValue: ms(m[p.name]!), ratio: m.wrapper! / m[p.name]! });
  });
}

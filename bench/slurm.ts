import { spawnSync } from "node:child_process";
import { sideBySide, timeCommand } from "./measure.js";
import { ms, report } from "./report.js";
import { WRAPPER } from "./wrapper.js";

/** Per-job overhead under Slurm, when a cluster is configured (SLURM_CONF set and srun on PATH). */
export function underSlurm(runs: number): void {
  if (!process.env.SLURM_CONF || spawnSync("srun", ["--version"]).status !== 0) return;
  const m = sideBySide(Math.min(runs, 5), {
    wrapped: () => timeCommand(["srun", WRAPPER, "--", "true"]),
    plain: () => timeCommand(["srun", "true"]),
  });
  report({ group: "slurm", what: "a Slurm job step", subject: "srun uml-job-wrapper -- true", subjectValue: ms(m.wrapped!), baseline: "srun true", baselineValue: ms(m.plain!), ratio: m.wrapped! / m.plain!, ratioText: `+${ms(m.wrapped! - m.plain!)}` });
}

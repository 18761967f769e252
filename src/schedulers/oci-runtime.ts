import { Command } from "commander";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../run.js";
import type { RunResult } from "../result/result.js";
import { readBundle } from "./oci-bundle.js";

/** Where `oci run` notes the wrapper's pid for `oci state|kill|delete`. */
function stateFile(id: string): string {
  const dir = join(process.env.XDG_RUNTIME_DIR || tmpdir(), `uml-job-wrapper-oci-${process.getuid!()}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${id.replace(/[^\w.-]/g, "_")}.json`);
}

function readState(id: string): { pid: number; bundle: string } | null {
  try {
    return JSON.parse(readFileSync(stateFile(id), "utf8"));
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `uml-job-wrapper oci run|state|kill|delete`: the OCI runtime commands Slurm's oci.conf calls
 * (RunTimeRun, RunTimeQuery, RunTimeKill, RunTimeDelete), running each container's process in UML.
 */
export function ociCommand(onResult: (r: RunResult) => void): Command {
  const oci = new Command("oci").description("OCI runtime commands for Slurm's oci.conf (see README)");
  oci
    .command("run")
    .requiredOption("-b, --bundle <dir>", "the bundle directory (%b)")
    .argument("<id>", "the container id")
    .action(async (id: string, o: { bundle: string }) => {
      const job = readBundle(o.bundle);
      writeFileSync(stateFile(id), JSON.stringify({ pid: process.pid, bundle: o.bundle }));
      try {
        onResult(await run({ ...job, stdin: process.stdin, forwardSignals: true, progress: process.stderr }));
      } finally {
        rmSync(stateFile(id), { force: true });
      }
    });
  oci
    .command("state")
    .argument("<id>")
    .action((id: string) => {
      const s = readState(id);
      const status = s && alive(s.pid) ? "running" : "stopped";
      process.stdout.write(`${JSON.stringify({ ociVersion: "1.0.2", id, status, pid: s?.pid ?? 0, bundle: s?.bundle ?? "" })}\n`);
    });
  oci
    .command("kill")
    .argument("<id>")
    .argument("[signal]", "default SIGTERM", "SIGTERM")
    .option("-a, --all", "accepted for runc compatibility")
    .action((id: string, signal: string) => {
      const s = readState(id);
      if (s && alive(s.pid)) process.kill(s.pid, (signal.startsWith("SIG") ? signal : `SIG${signal}`) as NodeJS.Signals);
    });
  oci
    .command("delete")
    .argument("<id>")
    .option("-f, --force", "accepted for runc compatibility")
    .action((id: string) => rmSync(stateFile(id), { force: true }));
  return oci;
}

import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WrapperError, describeSystemError } from "../result/errors.js";

/** Identifies a live process across pid reuse: its pid and its start time in clock ticks. */
function processStamp(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return `${pid} ${stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]}`;
  } catch {
    return null;
  }
}

/** The directory holding every run directory of this user: private, and checked to be ours. */
export function runBase(uid: number): string {
  const base = join(process.env.XDG_RUNTIME_DIR || tmpdir(), `uml-job-wrapper-${uid}`);
  try {
    mkdirSync(base, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST")
      throw new WrapperError(`cannot create ${base}: ${describeSystemError(err)}`);
  }
  const st = lstatSync(base);
  if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0)
    throw new WrapperError(`${base} is not a private directory owned by uid ${uid}: remove it and try again`);
  return base;
}

/** Removes run directories whose wrapper is gone (killed before it could clean up). */
export function removeStaleRuns(base: string): void {
  for (const name of readdirSync(base)) {
    const dir = join(base, name);
    let owner: string;
    try {
      owner = readFileSync(join(dir, "owner"), "latin1").trim();
    } catch {
      continue; // being created right now, or not ours to judge
    }
    const pid = parseInt(owner, 10);
    if (processStamp(pid) !== owner) rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh private directory for one run: the initramfs, the swap file, UML's uml_dir. */
export function createRunDir(base: string): string {
  const dir = mkdtempSync(join(base, "run-"));
  writeFileSync(join(dir, "owner"), `${processStamp(process.pid)}\n`);
  return dir;
}

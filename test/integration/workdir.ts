import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A scratch directory owned by user (or by us), removed by the returned function. */
export function workdir(user: string | null, base = tmpdir()): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(base, "ujw-test-"));
  chmodSync(dir, 0o755);
  if (user) spawnSync("chown", [`${user}:`, dir]);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

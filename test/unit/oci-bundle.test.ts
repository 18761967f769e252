import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { hostPath, readBundle } from "../../src/schedulers/oci-bundle.js";

function bundle(config: object, rootfs: "host" | "dir"): string {
  const dir = mkdtempSync(join(tmpdir(), "ujw-bundle-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  if (rootfs === "host") symlinkSync("/", join(dir, "rootfs"));
  else mkdirSync(join(dir, "rootfs"));
  return dir;
}

describe("OCI bundles (Slurm's --container)", () => {
  it("takes args, env and the submission directory from config.json", () => {
    const dir = bundle({ process: { args: ["sh", "-c", "x"], env: ["A=1", "PWD=/home/u/work"], cwd: "/" }, root: { path: "rootfs" } }, "host");
    try {
      assert.deepEqual(readBundle(dir), { command: ["sh", "-c", "x"], env: ["A=1", "PWD=/home/u/work"], cwd: "/home/u/work" });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("refuses a root file system that is not the host's", () => {
    const dir = bundle({ process: { args: ["true"] }, root: { path: "rootfs" } }, "dir");
    try {
      assert.throws(() => readBundle(dir), /is not the host's/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("maps a container path back to the host through the bundle's mounts", () => {
    const mounts = [
      { destination: "/", source: "/srv/rootfs" },
      { destination: "/var/spool/slurmd/job1/slurm_script", source: "/tmp/spool/script" },
    ];
    assert.equal(hostPath("/var/spool/slurmd/job1/slurm_script", mounts), "/tmp/spool/script");
    assert.equal(hostPath("/usr/bin/env", [{ destination: "/data", source: "/mnt/data" }]), "/usr/bin/env");
    assert.equal(hostPath("/data/x", [{ destination: "/data", source: "/mnt/data" }]), "/mnt/data/x");
    assert.equal(hostPath("/database", [{ destination: "/data", source: "/mnt/data" }]), "/database");
  });
});

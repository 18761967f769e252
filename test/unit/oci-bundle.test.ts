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

  it("runs a bundle's own root file system, with the submission directory and script at their host paths", () => {
    const script = { destination: "/var/spool/slurmd/job1/slurm_script", source: "/tmp/spool-x/slurm_script" };
    const data = { destination: "/data", source: "/usr/share", type: "bind", options: ["rbind", "ro"] };
    const mounts = [script, { destination: "/tmp", source: "/tmp" }, data, { destination: "/proc", source: "proc", type: "proc" }];
    const dir = bundle({ process: { args: [script.destination], env: ["PWD=/home/u/work"] }, root: { path: "rootfs" }, mounts }, "dir");
    try {
      assert.deepEqual(readBundle(dir), {
        command: [script.source],
        env: ["PWD=/home/u/work"],
        cwd: "/home/u/work",
        rootfs: join(dir, "rootfs"),
        links: ["/home/u/work", "/tmp", "/tmp/spool-x"],
        binds: [{ host: "/usr/share", guest: "/data" }],
      });
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

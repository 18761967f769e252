import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { kernelChoice, setKernelChoice } from "../../src/kernel/config.js";
import { executableBy } from "../../src/kernel/find.js";
import { cachedKernels } from "../../src/kernel/installed.js";
import type { InstalledKernel } from "../../src/kernel/installed.js";
import { newestKernel, pickKernel } from "../../src/kernel/policy.js";
import { compareReleases, releaseOf } from "../../src/kernel/releases.js";

const system = (release: string | null, path = "/usr/bin/linux.uml"): InstalledKernel => ({ path, release, source: "system" });
const cached = (release: string): InstalledKernel => ({ path: `/c/kernels/${release}/usr/bin/linux.uml`, release, source: "cache" });

describe("default kernel policy", () => {
  const tmp = mkdtempSync(join(tmpdir(), "ujw-policy-"));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("orders releases number by number", () => {
    assert.deepEqual(["7.2.7", "6.12.113", "6.1.176", "6.12.9", "7.10"].sort(compareReleases), ["6.1.176", "6.12.9", "6.12.113", "7.2.7", "7.10"]);
    assert.equal(compareReleases("6.12", "6.12.0"), -1);
    assert.equal(compareReleases("6.1.176", "6.1.176"), 0);
  });

  it("prefers what was asked for, then the `kernel use` choice, then the newest installed", () => {
    const installed = [system("6.1.176"), cached("6.12.113"), cached("7.2.7")];
    assert.deepEqual(pickKernel({ requested: { path: "/k", from: "--kernel" }, choice: "system", installed }), { path: "/k", reason: "asked for with --kernel" });
    assert.equal(pickKernel({ choice: "system", installed }).path, "/usr/bin/linux.uml");
    assert.equal(pickKernel({ choice: "6.12.113", installed }).path, "/c/kernels/6.12.113/usr/bin/linux.uml");
    assert.equal(pickKernel({ choice: "/opt/linux", installed }).path, "/opt/linux");
    assert.deepEqual(pickKernel({ installed }), { path: "/c/kernels/7.2.7/usr/bin/linux.uml", reason: "the newest kernel installed" });
    assert.equal(pickKernel({ installed: [system("6.1.176")] }).reason, "the only kernel installed");
    assert.equal(pickKernel({ installed, usable: (k) => k.source === "system" }).path, "/usr/bin/linux.uml");
  });

  it("ranks a system kernel first on equal releases, and unknown releases last", () => {
    assert.equal(newestKernel([system("6.12.113"), cached("6.12.113")])!.source, "system");
    assert.equal(newestKernel([system(null), cached("6.1.176")])!.source, "cache");
    assert.equal(newestKernel([system(null, "/a"), system(null, "/b")])!.path, "/a");
    assert.equal(newestKernel([]), undefined);
  });

  it("fails with one line when the choice or any kernel is missing", () => {
    assert.throws(() => pickKernel({ installed: [] }), /^WrapperError: no UML kernel found: .*kernel install/);
    assert.throws(() => pickKernel({ choice: "9.9", installed: [system("6.1.176")] }), /kernel 9.9, chosen with `uml-job-wrapper kernel use`, is not installed/);
    assert.throws(() => pickKernel({ choice: "system", installed: [cached("7.2.7")] }), /chose the system kernel, but there is none/);
  });

  it("tells whether another user can run a kernel file (for root starting their job)", () => {
    const other = { uid: 54321, gid: 54321, groups: [], umask: 0o022 };
    const file = join(tmp, "private", "linux");
    mkdirSync(join(tmp, "private"), { mode: 0o700 });
    writeFileSync(file, "", { mode: 0o755 });
    assert.equal(executableBy(file, other), process.getuid!() === 54321);
    assert.equal(executableBy(file, { ...other, uid: 0 }), true);
    assert.equal(executableBy("/bin/sh", other), true);
    assert.equal(executableBy("/etc/passwd", other), false);
    assert.equal(executableBy("/no/such/file", other), false);
  });

  it("keeps the choice in the per-user config file, with other settings", () => {
    const env = { XDG_CONFIG_HOME: join(tmp, "config") };
    assert.equal(kernelChoice(env), undefined);
    setKernelChoice("6.12.113", env);
    assert.equal(kernelChoice(env), "6.12.113");
    writeFileSync(join(tmp, "config", "uml-job-wrapper", "config.json"), '{"other": 1, "kernel": "system"}');
    setKernelChoice(undefined, env);
    assert.equal(kernelChoice(env), undefined);
    writeFileSync(join(tmp, "config", "uml-job-wrapper", "config.json"), "[1]");
    assert.throws(() => kernelChoice(env), /is not a JSON object/);
  });

  it("finds cached kernels and tells releases by their modules directory", () => {
    const env = { XDG_CACHE_HOME: join(tmp, "cache") };
    const root = join(tmp, "cache", "uml-job-wrapper", "kernels", "6.12.113");
    mkdirSync(join(root, "usr", "bin"), { recursive: true });
    mkdirSync(join(root, "usr", "lib", "uml", "modules", "6.12.113"), { recursive: true });
    mkdirSync(join(tmp, "cache", "uml-job-wrapper", "kernels", ".staging-x"), { recursive: true });
    writeFileSync(join(root, "usr", "bin", "linux.uml"), "");
    assert.deepEqual(cachedKernels(env), [], "not executable: not a kernel");
    chmodSync(join(root, "usr", "bin", "linux.uml"), 0o755);
    assert.deepEqual(cachedKernels(env), [{ path: join(root, "usr", "bin", "linux.uml"), release: "6.12.113", source: "cache" }]);
    assert.equal(releaseOf(join(root, "usr", "bin", "linux.uml")), "6.12.113");
    assert.equal(releaseOf("/nowhere/bin/linux"), null);
  });
});

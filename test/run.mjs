// Runs the whole suite: unit tests, then integration tests that boot real UML kernels.
// As root it first creates an unprivileged test user and makes sure that user can run the wrapper.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const user = process.env.UJW_TEST_USER ?? "ujwtest";
const env = { ...process.env };
let copy;

function sh(cmd, args) {
  return spawnSync(cmd, args, { stdio: "inherit" }).status;
}

if (process.getuid() === 0) {
  if (spawnSync("id", [user]).status !== 0) sh("useradd", ["--create-home", "--shell", "/bin/sh", user]);
  if (spawnSync("getent", ["group", "ujwextra"]).status !== 0) sh("groupadd", ["ujwextra"]);
  sh("usermod", ["-a", "-G", "ujwextra", user]);
  // A checkout under a private directory (/root) is out of the test user's reach: give it a copy.
  const bin = join(root, "bin/uml-job-wrapper");
  if (spawnSync("runuser", ["-u", user, "--", "test", "-x", bin]).status !== 0) {
    copy = mkdtempSync(join(tmpdir(), "ujw-test-pkg-"));
    for (const part of ["bin", "dist", "node_modules", "package.json"]) cpSync(join(root, part), join(copy, part), { recursive: true });
    spawnSync("chmod", ["-R", "a+rX", copy]);
    env.UJW_TEST_USER_BIN = join(copy, "bin/uml-job-wrapper");
  }
}

const status = spawnSync(process.execPath, ["--test", "--test-reporter=spec", join(root, "dist/test/all.test.js")], {
  stdio: "inherit",
  env,
}).status;
if (copy) rmSync(copy, { recursive: true, force: true });
process.exit(status ?? 1);

// Many jobs at once, and many in a row: nothing shared, nothing leaked.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { run } from "../../src/index.js";
import { USERS, runBaseOf, umlProcesses, wrapper } from "../helpers.js";

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

describe("load", () => {
  it("runs 8 jobs at once, for different users, each with its own result", async () => {
    const jobs = Array.from({ length: 8 }, (_, i) => {
      const user = USERS[i % USERS.length]!;
      return wrapper(["sh", "-c", `echo job-${i} $(id -u); exit ${i}`], { user });
    });
    const results = await Promise.all(jobs);
    results.forEach((r, i) => {
      assert.equal(r.code, i, r.stderr);
      assert.match(r.stdout.toString(), new RegExp(`^job-${i} \\d+\\n$`));
    });
  });

  it("runs 200 short jobs in a row without leaking processes, descriptors or files", async () => {
    const fds = () => readdirSync("/proc/self/fd").length;
    const shm = () => readdirSync("/dev/shm").length;
    const base = runBaseOf(process.getuid!());
    const before = { fds: fds(), shm: shm() };
    for (let i = 0; i < 200; i++) {
      const r = await run({ command: ["sh", "-c", `exit ${i % 7}`], stdout: sink(), stderr: sink() });
      assert.equal(r.exitCode, i % 7, r.message ?? "");
    }
    await new Promise((r) => setTimeout(r, 200)); // closes of the last run complete asynchronously
    assert.equal(fds(), before.fds, "file descriptors leaked");
    assert.equal(shm(), before.shm, "files left in /dev/shm");
    assert.deepEqual(umlProcesses(), []);
    if (existsSync(base)) assert.deepEqual(readdirSync(base), []);
  });
});

// Guest failures come back as exit 125 with a one-line reason and the end of the guest console.
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isRoot, wrapper } from "../helpers.js";

describe("diagnosable failures", { concurrency: 3 }, () => {
  it("a kernel panic", { skip: !isRoot && "crashing the guest needs uid 0 in it" }, async () => {
    const r = await wrapper(["sh", "-c", "echo c > /proc/sysrq-trigger; sleep 5"]);
    assert.equal(r.code, 125, r.stderr);
    assert.match(r.stderr, /^uml-job-wrapper: the guest kernel panicked/);
    assert.match(r.stderr, /last lines of the guest console:\n[\s\S]*(panic|sysrq|Kernel)/i);
  });

  it("a guest out of memory", async () => {
    const r = await wrapper(["--mem=64M", "sh", "-c", "head -c 300M /dev/zero | tail -c 300M > /dev/null"]);
    assert.equal(r.code, 125, r.stderr);
    assert.match(r.stderr, /^uml-job-wrapper: the guest ran out of memory/m);
    assert.match(r.stderr, /Out of memory|oom/i);
  });

  it("a guest that does not boot in time", async () => {
    const r = await wrapper(["--boot-timeout=0.05", "true"]);
    assert.equal(r.code, 125, r.stderr);
    assert.match(r.stderr, /^uml-job-wrapper: the guest did not finish booting in time \(see --boot-timeout\)/);
  });

  it("keeps the whole guest console with --log-file", async () => {
    const log = join(tmpdir(), `ujw-log-${process.pid}`);
    try {
      const r = await wrapper([`--log-file=${log}`, "echo", "hi"]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, "");
      const text = readFileSync(log, "utf8");
      assert.match(text, /Linux version/);
      assert.match(text, /Run \/init as init process/);
    } finally {
      rmSync(log, { force: true });
    }
  });

  it("writes a JSON record of the run with --result and --json", async () => {
    const file = join(tmpdir(), `ujw-result-${process.pid}.json`);
    try {
      const r = await wrapper([`--result=${file}`, "--json", "sh", "-c", "exit 3"]);
      assert.equal(r.code, 3);
      const record = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(JSON.parse(r.stderr.trim().split("\n").pop()!), record);
      assert.equal(record.schema, 1);
      assert.equal(record.exitCode, 3);
      assert.equal(record.ending, "exited");
      assert.equal(record.status, 3);
      assert.equal(record.signal, null);
      assert.match(record.kernelRelease, /^\d+\.\d+/);
      assert.ok(record.timings.bootMs > 0 && record.timings.totalMs > record.timings.bootMs);
      assert.ok(record.peakRssKiB > 0);
      const t = await wrapper(["--timeout=0.5", "--json", "sleep", "10"]);
      const timeout = JSON.parse(t.stderr.trim().split("\n").pop()!);
      assert.equal(timeout.ending, "timeout");
      assert.equal(timeout.exitCode, 124);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

// HTCondor's USER_JOB_WRAPPER semantics, invoked exactly as the starter invokes a wrapper.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { wrapper } from "../helpers.js";

describe("HTCondor USER_JOB_WRAPPER", { concurrency: 3 }, () => {
  let dir: string;
  let job: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ujw-condor-"));
    job = join(dir, "condor_exec.exe");
    writeFileSync(job, '#!/bin/sh\necho "args: $*"; grep MemTotal /proc/meminfo; exit 4\n');
    chmodSync(job, 0o755);
    writeFileSync(join(dir, ".machine.ad"), 'Cpus = 1\nMemory = 512\nName = "slot1@vm"\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const condorEnv = () => ({
    ...process.env,
    _CONDOR_WRAPPER_ERROR_FILE: join(dir, ".wrapper_error"),
    _CONDOR_MACHINE_AD: join(dir, ".machine.ad"),
  });

  it("runs `wrapper job-path args...` in the guest with the slot's memory and the job's status", async () => {
    const r = await wrapper([job, "a b", "c"], { cwd: dir, env: condorEnv() });
    assert.equal(r.code, 4, r.stderr);
    const [args, mem] = r.stdout.toString().split("\n");
    assert.equal(args, "args: a b c");
    const bytes = Number(/(\d+)/.exec(mem!)![1]) * 1024;
    assert.ok(bytes <= 384 * 2 ** 20 && bytes > 250 * 2 ** 20, mem);
    assert.ok(!existsSync(join(dir, ".wrapper_error")), "no error file for a job that ran");
  });

  it("writes the reason of a wrapper failure to $_CONDOR_WRAPPER_ERROR_FILE", async () => {
    const env = { ...condorEnv(), _CONDOR_WRAPPER_ERROR_FILE: join(dir, ".wrapper_error_2"), UML_JOB_WRAPPER_KERNEL: "/no/such/kernel" };
    const r = await wrapper([job], { cwd: dir, env });
    assert.equal(r.code, 125);
    assert.match(readFileSync(join(dir, ".wrapper_error_2"), "utf8"), /^uml-job-wrapper: cannot use kernel \/no\/such\/kernel/);
  });
});

// Signals, timeouts, escalation and what is left after the wrapper itself is killed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { USERS, label, runBaseOf, umlProcesses, wrapper, wrapperPath } from "../helpers.js";

/** Starts the wrapper, resolves once the job printed `ready`, and lets the test signal it. */
function startJob(user: string | null, script: string, args: string[] = []) {
  const argv = user ? ["/usr/sbin/runuser", "-u", user, "--", wrapperPath(user)] : [wrapperPath(null)];
  const child = spawn(argv[0]!, [...argv.slice(1), ...args, "sh", "-c", script], { cwd: "/tmp", stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (c) => (err += c));
  const ready = new Promise<void>((resolve) =>
    child.stdout.on("data", (c) => {
      out += c;
      if (out.includes("ready\n")) resolve();
    }),
  );
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, out, err })),
  );
  /** The wrapper's own process: under runuser it is runuser's child. */
  const signal = (sig: NodeJS.Signals) => {
    if (!user) return child.kill(sig);
    spawn("pkill", [`-${sig.replace("SIG", "")}`, "-P", String(child.pid)]);
  };
  return { child, ready, done, signal };
}

const loop = "while :; do sleep 0.1; done";

for (const user of USERS) {
  describe(`signals (${label(user)})`, { concurrency: 3 }, () => {
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"] as const) {
      it(`delivers ${sig} to the job, which exits as it chooses`, async () => {
        const name = sig.slice(3);
        const job = startJob(user, `trap 'echo got-${name}; exit 7' ${name}; echo ready; ${loop}`);
        await job.ready;
        job.signal(sig);
        const r = await job.done;
        assert.equal(r.code, 7, r.err);
        assert.equal(r.out, `ready\ngot-${name}\n`);
      });
    }

    it("exits 128+N when the forwarded signal kills the job", async () => {
      const job = startJob(user, `echo ready; exec sleep 100`);
      await job.ready;
      job.signal("SIGTERM");
      assert.equal((await job.done).code, 143);
    });

    it("escalates to SIGKILL at a second SIGTERM", async () => {
      const job = startJob(user, `trap 'echo ignored' TERM; echo ready; ${loop}`, ["--kill-after=60"]);
      await job.ready;
      job.signal("SIGTERM");
      job.signal("SIGTERM"); // the same request twice at once (batch systems do this) is one request
      await new Promise((r) => setTimeout(r, 1500));
      job.signal("SIGTERM");
      const r = await job.done;
      assert.equal(r.code, 137, r.err);
      assert.equal(r.out.match(/ignored/g)?.length, 1, "the duplicate SIGTERM was not passed on twice");
    });

    it("escalates to SIGKILL after --kill-after", async () => {
      const job = startJob(user, `trap 'echo ignored' INT; echo ready; ${loop}`, ["--kill-after=1"]);
      await job.ready;
      const sent = Date.now();
      job.signal("SIGINT");
      const r = await job.done;
      assert.equal(r.code, 137, r.err);
      assert.ok(Date.now() - sent < 8000);
    });

    it("stops a job at --timeout with exit 124, not counting the boot", async () => {
      const r = await wrapper(["--timeout=1", "sh", "-c", "trap 'echo term; exit 1' TERM; while :; do sleep 0.1; done"], { user });
      assert.equal(r.code, 124, r.stderr);
      assert.equal(r.stdout.toString(), "term\n");
      assert.match(r.stderr, /--timeout/);
      const inTime = await wrapper(["--timeout=3", "sh", "-c", "sleep 1; echo finished"], { user });
      assert.equal(inTime.code, 0, inTime.stderr);
      assert.equal(inTime.stdout.toString(), "finished\n");
    });

    it("kills a job that ignores the timeout's SIGTERM", async () => {
      const r = await wrapper(["--timeout=0.5", "--kill-after=0.5", "sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"], { user });
      assert.equal(r.code, 124, r.stderr);
    });
  });
}

describe("a killed wrapper", () => {
  it("leaves no UML process behind, and the next run removes its directory", async () => {
    const job = startJob(null, "echo ready; exec sleep 100");
    await job.ready;
    const umid = /umid=(\S+)/.exec(umlProcesses().find((p) => p.includes(`ujw-${job.child.pid}-`)) ?? "")?.[1];
    assert.ok(umid, "the guest of this run is running");
    job.child.kill("SIGKILL");
    await job.done;
    const ours = () => umlProcesses().filter((p) => p.includes(umid));
    for (let i = 0; i < 50 && ours().length; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(ours(), [], "UML processes of the killed run are gone within 5 s");
    const runDir = `${runBaseOf(process.getuid!())}/run-${umid.slice(-6)}`;
    assert.ok(existsSync(runDir), "the killed run left its directory");
    assert.equal((await wrapper(["true"])).code, 0);
    assert.ok(!existsSync(runDir), "the next run removed it");
    assert.ok(!readdirSync(runBaseOf(process.getuid!())).includes(`run-${umid.slice(-6)}`));
  });
});

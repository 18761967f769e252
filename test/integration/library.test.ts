import assert from "node:assert/strict";
import { Readable, Writable } from "node:stream";
import { describe, it } from "node:test";
import { EXIT, run } from "../../src/index.js";

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) });
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

describe("the library's run()", { concurrency: 2 }, () => {
  it("runs a job and reports its status, output and timings", async () => {
    const out = collector();
    const err = collector();
    const r = await run({ command: ["sh", "-c", "read x; echo got $x; echo oops >&2; exit 4"], stdin: Readable.from(["hello\n"]), stdout: out.stream, stderr: err.stream });
    assert.equal(r.exitCode, 4);
    assert.equal(r.ending, "exited");
    assert.equal(r.status, 4);
    assert.equal(out.text(), "got hello\n");
    assert.equal(err.text(), "oops\n");
    assert.match(r.kernelRelease!, /^\d+\.\d+/);
    assert.ok(r.timings.bootMs > 0 && r.timings.totalMs >= r.timings.bootMs + r.timings.jobMs);
    assert.ok(r.peakRssKiB! > 0);
  });

  it("reports failures as results, not exceptions", async () => {
    const missing = await run({ command: ["no-such-command-ujw"], stdout: collector().stream, stderr: collector().stream });
    assert.equal(missing.exitCode, EXIT.notFound);
    assert.equal(missing.ending, "not-found");
    const bad = await run({ command: ["true"], mem: "lots" });
    assert.equal(bad.exitCode, EXIT.wrapperFailure);
    assert.equal(bad.ending, "wrapper-error");
    assert.match(bad.message!, /invalid --mem size 'lots'/);
    const killed = await run({ command: ["sh", "-c", "kill -USR1 $$"], stdout: collector().stream });
    assert.equal(killed.ending, "signaled");
    assert.equal(killed.signal, "SIGUSR1");
    assert.equal(killed.exitCode, 128 + 10);
  });
});

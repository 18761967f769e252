// Runs last: after the whole suite, nothing of ours may be left on the machine.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { umlProcesses } from "../helpers.js";

describe("after the suite", () => {
  it("leaves no UML process and no run directory behind", async () => {
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(umlProcesses(), []);
    const base = `${process.env.XDG_RUNTIME_DIR || tmpdir()}/uml-job-wrapper-${process.getuid!()}`;
    if (existsSync(base)) assert.deepEqual(readdirSync(base), []);
  });
});

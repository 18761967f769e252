import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { FrameDecoder, decodeGuestMessage, encodeFrame, u32 } from "../../src/protocol/frames.js";
import * as M from "../../src/protocol/messages.js";
import { ROOT } from "../helpers.js";

/** #define NAME value lines of guest/protocol.h. */
function cDefines(): Map<string, string> {
  const text = readFileSync(`${ROOT}guest/protocol.h`, "utf8");
  const defs = new Map<string, string>();
  for (const m of text.matchAll(/^#define (\w+) (.+?)\s*(?:\/\*.*)?$/gm)) defs.set(m[1]!, m[2]!.trim());
  return defs;
}

describe("protocol", () => {
  it("has the same numbers on both sides (guest/protocol.h and messages.ts)", () => {
    const c = cDefines();
    const n = (name: string) => Number(eval(c.get(name)!));
    assert.equal(n("PROTOCOL_VERSION"), M.PROTOCOL_VERSION);
    for (const [k, v] of Object.entries(M.GuestMsg)) assert.equal(n(`MSG_${k}`), v, k);
    for (const [k, v] of Object.entries(M.HostMsg)) assert.equal(n(`MSG_${k}`), v, k);
    for (const [k, v] of Object.entries(M.Stage)) assert.equal(n(`STAGE_${k}`), v, k);
    for (const [k, v] of Object.entries(M.Tag)) assert.equal(n(`TAG_${k}`), v, k);
    for (const [k, v] of Object.entries(M.Flag)) assert.equal(n(`FLAG_${k}`), v, k);
    assert.equal(n("EXIT_HOW_SIGNALED"), M.ExitHow.SIGNALED);
    assert.equal(n("EXITFLAG_OOM"), M.ExitFlag.OOM);
    assert.equal(n("STDIN_CHUNK_MAX"), M.STDIN_CHUNK_MAX);
    assert.equal(n("STDIN_CHUNKS_IN_FLIGHT"), M.STDIN_CHUNKS_IN_FLIGHT);
    assert.equal(JSON.parse(c.get("SPEC_MAGIC")!), M.SPEC_MAGIC);
  });

  it("decodes frames however the stream is cut", () => {
    const stream = Buffer.concat([
      encodeFrame(M.GuestMsg.READY, Buffer.concat([u32(1), Buffer.from("6.1.0")])),
      encodeFrame(M.GuestMsg.STDIN_ACK, u32(70000)),
      encodeFrame(M.GuestMsg.EXIT, Buffer.concat([u32(M.ExitHow.SIGNALED, 9, 5, 1)])),
      encodeFrame(M.GuestMsg.EXIT, Buffer.concat([u32(M.ExitHow.EXITED, 1, 7, 0, M.ExitFlag.OOM)])),
    ]);
    for (const cut of [1, 2, 5, 7, stream.length]) {
      const d = new FrameDecoder();
      const msgs = [];
      for (let at = 0; at < stream.length; at += cut)
        for (const f of d.push(stream.subarray(at, at + cut))) msgs.push(decodeGuestMessage(f.type, f.payload));
      assert.deepEqual(msgs, [
        { type: "ready", version: 1, kernelRelease: "6.1.0" },
        { type: "stdin-ack", chunks: 70000 },
        { type: "exit", how: "signaled", code: 9, peakRssKiB: 5 + 2 ** 32, oom: false },
        { type: "exit", how: "exited", code: 1, peakRssKiB: 7, oom: true },
      ]);
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SLOT_RESERVE, guestMemoryForSlot, slotMemory } from "../../src/options/slot-memory.js";

const MiB = 2 ** 20;
const files = (map: Record<string, string>) => (path: string) => {
  if (!(path in map)) throw new Error(`ENOENT ${path}`);
  return map[path]!;
};

describe("slot memory", () => {
  it("reads HTCondor's machine ad first", () => {
    const s = { env: { _CONDOR_MACHINE_AD: "/ad", SLURM_MEM_PER_NODE: "999" }, readFile: files({ "/ad": 'Cpus = 1\nMemory = 2048\nName = "slot1"\n' }) };
    assert.equal(slotMemory(s), 2048 * MiB);
  });
  it("then Slurm's per-node, then per-CPU memory", () => {
    assert.equal(slotMemory({ env: { SLURM_MEM_PER_NODE: "1500" }, readFile: files({}) }), 1500 * MiB);
    assert.equal(slotMemory({ env: { SLURM_MEM_PER_CPU: "500", SLURM_CPUS_ON_NODE: "4" }, readFile: files({}) }), 2000 * MiB);
  });
  it("then the cgroup limit, and nothing outside a slot", () => {
    const cg = files({ "/proc/self/cgroup": "0::/job/42\n", "/sys/fs/cgroup/job/42/memory.max": "1073741824\n" });
    assert.equal(slotMemory({ env: {}, readFile: cg }), 2 ** 30);
    const unlimited = files({ "/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup//memory.max": "max\n" });
    assert.equal(slotMemory({ env: {}, readFile: unlimited }), null);
    assert.equal(slotMemory({ env: {}, readFile: files({}) }), null);
  });
  it("leaves room for the wrapper and fits the memory directory", () => {
    assert.equal(guestMemoryForSlot(2048 * MiB, 100 * 2 ** 30), 2048 * MiB - SLOT_RESERVE);
    assert.equal(guestMemoryForSlot(64 * 2 ** 30, 10 * 2 ** 30), 9216 * MiB);
    assert.equal(guestMemoryForSlot(100 * MiB, 100 * 2 ** 30), 32 * MiB);
  });
});

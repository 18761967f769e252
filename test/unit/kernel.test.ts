import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FD, kernelCommandLine } from "../../src/kernel/cmdline.js";
import { validateKernel } from "../../src/kernel/validate.js";
import { WrapperError } from "../../src/result/errors.js";
import { kernelInstalled } from "../helpers.js";

describe("kernel", () => {
  it("builds a command line that keeps the console away from the job's channels", () => {
    const args = kernelCommandLine({ memBytes: 512 * 2 ** 20, umid: "u1", umlDir: "/r", initrd: "/r/initrd", lpj: 1234, verbose: false });
    assert.ok(args.includes("mem=512M"));
    assert.ok(args.includes("noreboot"));
    assert.ok(args.includes("quiet"));
    assert.ok(args.includes("lpj=1234"));
    assert.ok(args.includes(`con0=null,fd:${FD.console}`));
    assert.ok(args.includes(`ssl1=null,fd:${FD.jobStdout}`));
    assert.ok(args.includes(`ssl3=fd:${FD.control}`));
    assert.ok(!args.some((a) => a.startsWith("ubd1=")));
    const verbose = kernelCommandLine({ memBytes: 2 ** 30, umid: "u", umlDir: "/r", initrd: "/r/i", verbose: true, swapFile: "/r/swap" });
    assert.ok(!verbose.includes("quiet"));
    assert.ok(verbose.includes("ubd1=/r/swap"));
    assert.ok(!verbose.some((a) => a.startsWith("lpj=")));
  });

  it("attaches a root image under a copy-on-write file, or as it is when the job may change it", () => {
    const base = { memBytes: 2 ** 30, umid: "u", umlDir: "/r", initrd: "/r/i", verbose: false };
    assert.ok(kernelCommandLine({ ...base, rootImage: { file: "/img.ext4", cow: "/r/root.cow" } }).includes("ubd0=/r/root.cow,/img.ext4"));
    assert.ok(kernelCommandLine({ ...base, rootImage: { file: "/img.ext4" } }).includes("ubd0=/img.ext4"));
    assert.ok(!kernelCommandLine(base).some((a) => a.startsWith("ubd0=")));
  });

  it("accepts a UML kernel and refuses other programs", { skip: !kernelInstalled && "no linux.uml" }, () => {
    validateKernel("/usr/bin/linux.uml");
    assert.throws(() => validateKernel("/bin/ls"), (e: unknown) => e instanceof WrapperError && /not a User-Mode Linux kernel/.test(e.message));
    assert.throws(() => validateKernel("/etc/passwd"), WrapperError);
    assert.throws(() => validateKernel("/no/such/kernel"), /no such file/);
    assert.throws(() => validateKernel("/tmp"), /not a regular file/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatSize, parseSize } from "../../src/options/sizes.js";

describe("sizes", () => {
  it("parses the units users write", () => {
    assert.equal(parseSize("256M"), 256 * 2 ** 20);
    assert.equal(parseSize("2G"), 2 * 2 ** 30);
    assert.equal(parseSize("2g"), 2 * 2 ** 30);
    assert.equal(parseSize("1.5G"), 1.5 * 2 ** 30);
    assert.equal(parseSize("4096K"), 4096 * 1024);
    assert.equal(parseSize("512MiB"), 512 * 2 ** 20);
    assert.equal(parseSize("1048576"), 1048576);
  });
  it("rejects what is not a size", () => {
    for (const bad of ["lots", "", "-1G", "1X", "G", "1.G", "1 2M"]) assert.equal(parseSize(bad), null, bad);
  });
  it("formats sizes for messages", () => {
    assert.equal(formatSize(2 ** 30), "1G");
    assert.equal(formatSize(1.5 * 2 ** 20), "1.5M");
    assert.equal(formatSize(12), "12B");
  });
});

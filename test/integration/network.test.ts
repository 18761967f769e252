// --net: outbound networking through slirp4netns, tested against a server on the host's loopback only.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { USERS, label, wrapper } from "../helpers.js";
import { buildRoots, type Roots } from "./roots.js";

let server: Server;
let url: string;
let roots: Roots;

before(async () => {
  server = createServer((_req, res) => res.end("hello from the host's loopback\n"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://10.0.2.2:${(server.address() as AddressInfo).port}/`;
  roots = buildRoots();
});
after(() => {
  server.close();
  roots.remove();
});

const fetch = (busybox: string) => `${busybox} wget -q -O - ${"$URL"} || echo unreachable; cat /etc/resolv.conf`;

for (const user of USERS) {
  describe(`--net (${label(user)})`, () => {
    it("lets the job reach the host's loopback at 10.0.2.2, with a resolver configured", async () => {
      const r = await wrapper(["--net", "sh", "-c", fetch("/bin/busybox")], { user, env: { ...process.env, URL: url } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), "hello from the host's loopback\nnameserver 10.0.2.3\n", r.stderr);
    });

    it("works on a foreign root too", async () => {
      const r = await wrapper(["--net", `--rootfs=${roots.dir}`, "sh", "-c", fetch("busybox")], { user, env: { ...process.env, URL: url } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), "hello from the host's loopback\nnameserver 10.0.2.3\n", r.stderr);
    });
  });
}

describe("without --net", () => {
  it("the guest has only a loopback device, which is up, and cannot reach the host", async () => {
    const script = `ls /sys/class/net; cat /sys/class/net/lo/operstate /sys/class/net/lo/flags; /bin/busybox wget -q -O - ${url} || echo unreachable`;
    const r = await wrapper(["sh", "-c", script]);
    assert.equal(r.code, 0, r.stderr);
    const [devices, , flags, result] = r.stdout.toString().trim().split("\n");
    assert.equal(devices, "lo");
    assert.equal(Number(flags) & 1, 1, "lo is up");
    assert.equal(result, "unreachable");
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { WrapperError } from "../result/errors.js";
import type { NetConfig } from "../spec/job-spec.js";
import type { Identity } from "../spec/caller.js";

/** slirp4netns's network: the guest's address, the gateway (where the host's loopback answers) and DNS. */
export const GUEST_NET: NetConfig = { address: "10.0.2.100", prefixLength: 24, gateway: "10.0.2.2", dns: "10.0.2.3" };

export interface Network {
  /** The kernel argument that attaches the guest's vector device to slirp4netns. */
  kernelArg: string;
  stop(): void;
}

const SOCKET_WAIT_MS = 5000;

/**
 * Starts slirp4netns for one guest: user-mode networking with no host privileges, over a socket in the
 * run directory that UML's vector driver (bess transport) connects to. slirp4netns ends when its exit
 * fd (a pipe from this process) closes, so it cannot outlive the wrapper even if the wrapper is killed.
 */
export async function startNetwork(runDir: string, runAs: Identity | undefined): Promise<Network> {
  const socket = join(runDir, "net.sock");
  const child: ChildProcess = spawn("slirp4netns", ["--target-type=bess", "--exit-fd=3", socket], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const failure = new Promise<Error>((resolve) => {
    child.once("error", resolve);
    child.once("exit", (code) => resolve(new Error(stderr.trim().split("\n").pop() || `it exited with code ${code}`)));
  });
  const ready = (async () => {
    for (const started = Date.now(); Date.now() - started < SOCKET_WAIT_MS; await new Promise((r) => setTimeout(r, 5)))
      if (existsSync(socket)) return null;
    return new Error("its socket did not appear");
  })();
  const err = await Promise.race([failure, ready]);
  const stop = () => {
    (child.stdio[3] as NodeJS.WritableStream | null)?.end();
    child.kill("SIGKILL");
  };
  if (err) {
    stop();
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new WrapperError(missing ? "--net needs slirp4netns: install it (apt-get install slirp4netns)" : `--net: slirp4netns failed: ${err.message}`);
  }
  return { kernelArg: `vec0:transport=bess,dst=${socket},src=${join(runDir, "guest-net.sock")}`, stop };
}

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { S_IFCHR, S_IFDIR, S_IFREG, cpioArchive } from "./cpio.js";
import { WrapperError } from "../result/errors.js";

/** The static guest agent, built by `npm run build` from guest/. */
export function agentPath(): string {
  return fileURLToPath(new URL("../../guest/init", import.meta.url));
}

function readAgent(): Buffer {
  try {
    return readFileSync(agentPath());
  } catch {
    throw new WrapperError(`the guest agent ${agentPath()} is missing: run \`npm run build\` first`);
  }
}

/**
 * The guest's initial root: the agent as /init, the job spec as /spec (0600: it holds the job's
 * environment), a console device and empty mount points. The agent builds the job's root from here.
 */
export function initramfs(spec: Buffer, agent: Buffer = readAgent()): Buffer {
  return cpioArchive([
    { name: "dev", mode: S_IFDIR | 0o755 },
    { name: "dev/console", mode: S_IFCHR | 0o600, rdev: { major: 5, minor: 1 } },
    { name: "proc", mode: S_IFDIR | 0o755 },
    { name: "newroot", mode: S_IFDIR | 0o755 },
    { name: "init", mode: S_IFREG | 0o755, data: agent },
    { name: "spec", mode: S_IFREG | 0o600, data: spec },
  ]);
}

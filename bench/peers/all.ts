import { note } from "../report.js";
import { bwrap } from "./bwrap.js";
import type { Peer } from "./peer.js";
import { proot } from "./proot.js";
import { qemu } from "./qemu.js";

/** The peers that can be measured here, ready to run; a note for each that cannot. */
export function readyPeers(dir: string, spawner: string): Peer[] {
  return [proot, bwrap, qemu].filter((p) => {
    const why = p.setup(dir, spawner);
    if (why) note(`${p.name}: ${why}`);
    return !why;
  });
}

import { prefixPeer } from "./peer.js";

/** proot: ptrace-based chroot in user space, with the host's root (its default). */
export const proot = prefixPeer("proot", ["proot"]);

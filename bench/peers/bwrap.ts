import { prefixPeer } from "./peer.js";

/**
 * bubblewrap: namespaces, with the host's root bound writable as with the wrapper, its own /dev and
 * /proc, and every namespace unshared (the guest too has its own processes and only loopback).
 */
export const bwrap = prefixPeer("bwrap", [
  "bwrap", "--bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all", "--die-with-parent",
]);

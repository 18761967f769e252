/**
 * The host <-> guest protocol, mirroring guest/protocol.h (a unit test checks that they agree).
 * Control frames: u8 type | u32 LE length | payload. The job spec: see spec/encode.ts.
 */
export const PROTOCOL_VERSION = 1;

/** Messages from the guest agent. */
export const GuestMsg = {
  READY: 1,
  EXIT: 2,
  ERROR: 3,
  STDIN_ACK: 4,
  STARTED: 5,
} as const;

/** Messages to the guest agent. */
export const HostMsg = {
  STDIN_CHUNK: 16,
  STDIN_EOF: 17,
  SIGNAL: 18,
  WINSIZE: 19,
} as const;

export const ExitHow = { EXITED: 0, SIGNALED: 1 } as const;
export const ExitFlag = { OOM: 1 } as const;

/** Where a guest-side failure happened. */
export const Stage = { SETUP: 1, CWD: 2, CREDS: 3, EXEC: 4, KEEP: 5 } as const;

/** The largest stdin chunk file, and how many may wait for the guest at once. */
export const STDIN_CHUNK_MAX = 1024 * 1024;
export const STDIN_CHUNKS_IN_FLIGHT = 4;

export const SPEC_MAGIC = "UJWSPEC1";

export const Tag = {
  ARG: 1,
  ENV: 2,
  CWD: 3,
  UID: 4,
  GID: 5,
  GROUP: 6,
  UMASK: 7,
  SWAP: 8,
  HOST_MOUNT: 9,
  FLAGS: 10,
  RUN_DIR: 11,
  WINSIZE: 12,
  WRITABLE: 13,
  MODULES: 14,
  ROOT_DIR: 15,
  ROOT_DEVICE: 16,
  LINK: 17,
  PASSWD: 18,
  GROUP_LINE: 19,
  KEEP: 20,
  NET: 21,
  HOSTFS_ROOT: 22,
  BIND: 23,
} as const;

export const Flag = { TTY: 1, ROOT_RO: 2, SANDBOX: 4, ROOT_WRITABLE: 8 } as const;

/** A decoded message from the guest. */
export type GuestMessage =
  | { type: "ready"; version: number; kernelRelease: string }
  | { type: "started" }
  | { type: "exit"; how: "exited" | "signaled"; code: number; peakRssKiB: number; oom: boolean }
  | { type: "error"; stage: number; errno: number; message: string }
  | { type: "stdin-ack"; chunks: number }
  | { type: "unknown"; code: number };

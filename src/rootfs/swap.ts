import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";

const PAGE = 4096;

/**
 * The first page of a Linux swap area (what mkswap writes): version 1, the last page number, and the
 * SWAPSPACE2 signature at the end of the page.
 */
export function swapHeader(sizeBytes: number): Buffer {
  const page = Buffer.alloc(PAGE);
  page.writeUInt32LE(1, 1024); // version
  page.writeUInt32LE(Math.floor(sizeBytes / PAGE) - 1, 1028); // last_page
  page.write("SWAPSPACE2", PAGE - 10, "latin1");
  return page;
}

/** Creates a sparse swap file: it takes host disk space only as the guest swaps. */
export function createSwapFile(path: string, sizeBytes: number): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    ftruncateSync(fd, sizeBytes);
    writeSync(fd, swapHeader(sizeBytes), 0, PAGE, 0);
  } finally {
    closeSync(fd);
  }
}

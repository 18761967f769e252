import type { Writable } from "node:stream";

/** Boots shorter than this show nothing. */
const DEFAULT_DELAY_MS = 700;

/**
 * A spinner on a terminal while the guest boots, once the boot takes longer than a moment; nothing at
 * all when the stream is not a terminal. ora is loaded only when needed, to keep start-up fast.
 * Returns the function that stops it.
 */
export function showBootProgress(stream: Writable): () => void {
  const tty = stream as NodeJS.WriteStream;
  // A terminal that reports no width (a fresh pty nobody sized) would send ora into an endless loop.
  if (!tty.isTTY || !(tty.columns > 0)) return () => {};
  const delay = Number(process.env.UML_JOB_WRAPPER_PROGRESS_DELAY_MS ?? DEFAULT_DELAY_MS);
  let stopped = false;
  let spinner: { stop(): unknown } | undefined;
  const timer = setTimeout(async () => {
    const { default: ora } = await import("ora");
    if (stopped) return;
    spinner = ora({ text: "booting the guest kernel…", stream: tty, discardStdin: false }).start();
  }, delay);
  return () => {
    stopped = true;
    clearTimeout(timer);
    spinner?.stop();
  };
}

export interface ImportProgress {
  update(event: { read: number; total: number; layer?: { index: number; count: number } }): void;
  stop(): void;
}

/** A spinner with a percentage while an archive is imported, on a terminal only. */
export function showImportProgress(stream: Writable | undefined, archive: string): ImportProgress {
  const tty = stream as NodeJS.WriteStream | undefined;
  if (!tty?.isTTY || !(tty.columns > 0)) return { update: () => {}, stop: () => {} };
  let spinner: { text: string; stop(): unknown } | undefined;
  let stopped = false;
  let text = `importing ${archive}…`;
  void import("ora").then(({ default: ora }) => {
    if (!stopped) spinner = ora({ text, stream: tty, discardStdin: false }).start();
  });
  return {
    update: ({ read, total, layer }) => {
      text = layer
        ? `importing ${archive}: layer ${layer.index + 1} of ${layer.count}`
        : `importing ${archive}: ${Math.floor((100 * read) / Math.max(total, 1))}%`;
      if (spinner) spinner.text = text;
    },
    stop: () => {
      stopped = true;
      spinner?.stop();
    },
  };
}

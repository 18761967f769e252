import { signalNumber } from "../result/result.js";

/** Signals sent to the wrapper that are passed on to the job. */
export const FORWARDED_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/**
 * Catches the forwarded signals for the duration of a run and hands each to deliver (with its number).
 * Returns a function that restores the default handling.
 */
export function catchSignals(deliver: (signo: number, name: NodeJS.Signals) => void): () => void {
  const handlers = FORWARDED_SIGNALS.map((name) => {
    const handler = () => deliver(signalNumber(name), name);
    process.on(name, handler);
    return [name, handler] as const;
  });
  return () => {
    for (const [name, handler] of handlers) process.off(name, handler);
  };
}

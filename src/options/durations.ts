const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Parses durations as GNU timeout does: a number with an optional suffix s, m, h or d. In seconds. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(text.trim());
  return m ? parseFloat(m[1]!) * UNITS[m[2]!]! : null;
}

// npm run build, last step: the CLI and everything it imports as one file, dist/src/cli/main.bundle.js,
// which Node loads ~2/3 faster than the ~40 modules it is made of (README, "Where the start-up time
// goes"). It sits beside main.js so that the paths it computes from import.meta.url stay right; ora
// (loaded only for a slow boot on a terminal) stays outside. bin/uml-job-wrapper falls back to main.js
// when the bundle is missing or older.
import { build } from "esbuild";

await build({
  entryPoints: [new URL("../dist/src/cli/main.js", import.meta.url).pathname],
  outfile: new URL("../dist/src/cli/main.bundle.js", import.meta.url).pathname,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["ora"],
  // commander is CommonJS: its require() calls need a require in an ES module.
  banner: { js: 'import { createRequire as __ujwRequire } from "node:module"; const require = __ujwRequire(import.meta.url);' },
  logLevel: "warning",
});

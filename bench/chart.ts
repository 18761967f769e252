import { writeFileSync } from "node:fs";
import { machine, ratioText, type Row } from "./report.js";

/** The legend's words for each row's group. */
const GROUPS: Record<Row["group"], string> = {
  wrapper: "start-up",
  workload: "workloads vs native",
  hostfs: "hostfs vs native",
  peer: "vs a peer",
  kernel: "other kernels",
  slurm: "Slurm",
};

/** One bar a row: its label, unique within the chart. */
function labels(rows: Row[]): string[] {
  const plain = rows.map((r) => r.what.replaceAll("`", ""));
  return plain.map((l, i) => (plain.indexOf(l) !== plain.lastIndexOf(l) ? `${l}: ${rows[i]!.subject}` : l));
}

/** The Vega-Lite spec: a horizontal bar a row from 1 (as fast as the baseline) to its ratio, log scale. */
function spec(rows: Row[]): object {
  const names = labels(rows);
  const values = rows.map((r, i) => ({ label: names[i], ratio: r.ratio, text: ratioText(r), group: GROUPS[r.group] }));
  const y = { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: 480 } };
  return {
    title: { text: "uml-job-wrapper: time of the subject ÷ time of its baseline", subtitle: `${new Date().toISOString().slice(0, 10)}, ${machine()}; medians` },
    width: 520,
    height: { step: 22 },
    data: { values },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y,
          x: { field: "ratio", type: "quantitative", scale: { type: "log" }, title: "ratio (log scale; 1 = the baseline's time)" },
          x2: { datum: 1 },
          color: { field: "group", type: "nominal", title: null, legend: { orient: "bottom", labelLimit: 300 } },
        },
      },
      // The ratio written beside its bar's end: right of it for ratios above 1, left of it below.
      ...[
        { filter: "datum.ratio >= 1", align: "left", dx: 4 },
        { filter: "datum.ratio < 1", align: "right", dx: -4 },
      ].map(({ filter, align, dx }) => ({
        transform: [{ filter }],
        mark: { type: "text", align, dx },
        encoding: { y, x: { field: "ratio", type: "quantitative" }, text: { field: "text" } },
      })),
      { mark: { type: "rule", color: "#444" }, encoding: { x: { datum: 1 } } },
    ],
  };
}

/**
 * Renders the rows as a PNG: Vega-Lite compiles the spec, Vega renders SVG headless (no canvas, no
 * browser), resvg rasterises it with the system's fonts.
 */
export async function writeChart(rows: Row[], png: string): Promise<void> {
  const [vega, { compile }, { Resvg }] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
  const view = new vega.View(vega.parse(compile(spec(rows) as Parameters<typeof compile>[0]).spec), { renderer: "none" });
  const svg = await view.toSVG(2);
  view.finalize();
  const image = new Resvg(svg, { background: "white", font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } });
  writeFileSync(png, image.render().asPng());
}

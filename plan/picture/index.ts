/**
 * A self-contained picture of a plan, as SVG (or the same SVG in an HTML page): a week view with a
 * row per on-call schedule and a combined row per response plan, the names of who is on call on
 * the bars and gaps hatched in red, day lines at local midnight in the chosen time zone, a
 * legend, and each escalation chain's paging lane. The picture is as wide as its content: the
 * label column fits the longest label (cut with an ellipsis past {@link MAX_LABEL_PX}).
 */
import { COVERAGE_DAYS, type PlanReport } from "../report";
import { renderLane, stageLabel } from "./escalation";
import { renderLegend, type LegendItem } from "./legend";
import {
  DEFS,
  esc,
  MISS_FILL,
  MISS_STROKE,
  n,
  PAD,
  PAGE_FILL,
  PAGE_STROKE,
  personColours,
  SIZE,
  svgOpen,
  text,
} from "./svg";
import { fitText, textWidth, wrapText } from "./text";
import { checkTimeZone, DEFAULT_TIME_ZONE, localTime, offsetsText } from "./time";
import { renderWeek, type WeekRow } from "./week";

export { minuteTicks, MIN_STAGE_PX } from "./escalation";
export { checkTimeZone, DEFAULT_TIME_ZONE } from "./time";

/** How the picture is drawn. */
export interface PictureOptions {
  /**
   * The IANA time zone of the day lines, their labels and every time shown (`Europe/London`).
   * Days start at local midnight, so a day with a daylight-saving change is 23 or 25 hours wide.
   * @default "UTC"
   * @see https://www.iana.org/time-zones
   */
  readonly timeZone?: string;
}

const DAY_MS = 86_400_000;
/** The width of one day's column, px. */
export const DAY_PX = 124;
/** The widest the label column grows; a longer label is cut, its tooltip has it in full. */
export const MAX_LABEL_PX = 320;
/** Marks a row whose results depend on readings AWS's text does not settle. */
const UNSETTLED = " *";

/** The picture as a standalone SVG document. Throws a RangeError on an unknown time zone. */
export function renderSvg(report: PlanReport, options: PictureOptions = {}): string {
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  checkTimeZone(zone);
  const start = Date.parse(report.at);
  const end = start + COVERAGE_DAYS * DAY_MS;
  const reach = report.reach ?? [];
  const colours = personColours([
    ...report.coverage.flatMap((c) => c.intervals.flatMap((i) => i.onCall)),
    ...reach.flatMap((r) => r.intervals.flatMap((i) => i.reached)),
  ]);
  const hours = (m: number) => `${(m / 60).toFixed(1)} h`;
  const mark = (unsettled: readonly string[]) => (unsettled.length > 0 ? UNSETTLED : "");

  const schedules = report.coverage.map((c) => ({
    kind: "schedule" as const,
    label: `${c.team}${mark(c.unsettled)}`,
    title: `${c.team} (${c.schedule}): covered ${hours(c.coveredMinutes)}, gaps ${hours(c.gapMinutes)}`,
    intervals: c.intervals.map((i) => ({ start: i.start, end: i.end, people: i.onCall })),
  }));
  const plans = reach.map((r) => ({
    kind: "reach" as const,
    label: `${r.responsePlan}${mark(r.unsettled)}`,
    title: `${r.responsePlan}: reaches someone ${hours(r.reachedMinutes)}, gaps ${hours(r.gapMinutes)}`,
    intervals: r.intervals.map((i) => ({ start: i.start, end: i.end, people: i.reached })),
  }));
  const stageLabels = report.timelines.flatMap((t) => t.entries.map(stageLabel));
  const labelWidth = Math.min(
    MAX_LABEL_PX,
    Math.max(
      60,
      ...[...schedules, ...plans].map((r) => textWidth(r.label, SIZE.label)),
      ...stageLabels.map((l) => textWidth(l, SIZE.label)),
    ),
  );
  const fitted = (rows: readonly WeekRow[]): WeekRow[] =>
    rows.map((r) => ({ ...r, label: fitText([r.label], labelWidth, SIZE.label) }));
  const left = PAD + labelWidth + PAD;
  const plot = COVERAGE_DAYS * DAY_PX;
  const width = left + plot + PAD;
  const inner = width - 2 * PAD;

  const parts: string[] = [DEFS];
  let y = PAD;
  const title = `${report.project} / ${report.stack}: on-call week from ${localTime(start, zone)}`;
  for (const line of wrapText(title, inner, SIZE.title, true)) {
    parts.push(text(PAD, y + SIZE.title, line, SIZE.title, 'class="title" font-weight="bold"'));
    y += SIZE.title + 5;
  }
  const zoneNote = `Times in ${zone} (${offsetsText(start, end, zone)}); each day starts at local midnight.`;
  for (const line of wrapText(zoneNote, inner, SIZE.note)) {
    parts.push(text(PAD, y + SIZE.note + 2, line, SIZE.note, 'class="zone" fill="#444"'));
    y += SIZE.note + 5;
  }
  y += 8;

  const legend: LegendItem[] = [
    ...[...colours].map(([person, fill]) => ({ fill, label: person })),
    { fill: "url(#gap-hatch)", stroke: "#e53935", label: "gap: nobody on call or reached" },
  ];
  if (report.timelines.length > 0) {
    legend.push(
      { fill: PAGE_FILL, stroke: PAGE_STROKE, label: "stage: pages until the next stage" },
      {
        fill: "url(#final-page)",
        stroke: PAGE_STROKE,
        label: "final stage: pages, then the plan stops",
      },
      { fill: MISS_FILL, stroke: MISS_STROKE, label: "stage that pages nobody" },
    );
  }
  const drawnLegend = renderLegend(legend, y, width);
  parts.push(...drawnLegend.parts);
  y = drawnLegend.bottom + 6;

  const groups = [
    {
      heading: schedules.length > 0 ? "On-call schedules" : "On-call schedules: none",
      rows: fitted(schedules),
    },
    ...(plans.length > 0
      ? [
          {
            heading:
              "Response plans: who each reaches (its schedules and direct contacts together)",
            rows: fitted(plans),
          },
        ]
      : []),
  ];
  const week = renderWeek(groups, { left, plot, start, end, zone }, colours, y);
  parts.push(...week.parts);
  y = week.bottom;

  const unsettled = [
    ...report.coverage.map((c) => [c.team, c.unsettled] as const),
    ...reach.map((r) => [r.responsePlan, r.unsettled] as const),
  ].filter(([, u]) => u.length > 0);
  for (const [name, readings] of unsettled) {
    const note = `*${name}: depends on readings AWS's text does not settle: ${readings.join("; ")}`;
    for (const line of wrapText(note, inner, SIZE.note)) {
      parts.push(text(PAD, y + SIZE.note, line, SIZE.note, 'class="unsettled" fill="#444"'));
      y += SIZE.note + 4;
    }
  }
  y += 12;

  for (const chain of report.timelines) {
    const lane = renderLane(chain.chain, chain.entries, { left, plot }, y, (l) =>
      fitText([l], labelWidth, SIZE.label),
    );
    parts.push(...lane.parts);
    y = lane.bottom;
  }
  const height = y + PAD;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    svgOpen(width, height),
    `<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#fff"/>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}

/** The SVG in a standalone HTML page. Throws a RangeError on an unknown time zone. */
export function renderHtml(report: PlanReport, options: PictureOptions = {}): string {
  const svg = renderSvg(report, options).replace(/^<\?xml[^>]*>\n/, "");
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(`plan: ${report.project} / ${report.stack}`)}</title></head>\n<body style="margin:8px;background:#fff">\n${svg}</body></html>\n`;
}

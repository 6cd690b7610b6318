/**
 * The week grid: a column per local day, a row per on-call schedule and a combined row per
 * response plan (who it reaches through its schedules and direct contacts together). Each bar
 * carries the names of the people on call, cut to fit; its tooltip has them in full.
 */
import { axisDays, localHours, localTime } from "./time";
import { esc, GAP_INK, n, PAD, SIZE, text } from "./svg";
import { fitText } from "./text";

/** One row of the grid. */
export interface WeekRow {
  readonly kind: "schedule" | "reach";
  /** The label column's text (already fitted) and its tooltip. */
  readonly label: string;
  readonly title: string;
  readonly intervals: readonly {
    readonly start: string;
    readonly end: string;
    readonly people: readonly string[];
  }[];
}

/** The grid's geometry: the label column's width, the bars' span and the window shown. */
export interface WeekFrame {
  readonly left: number;
  readonly plot: number;
  readonly start: number;
  readonly end: number;
  readonly zone: string;
}

export const ROW = 30;
const BAR = 22;
/** Space between a bar's edge and its name. */
const INSET = 4;

/** The text on a bar of `people`, fitted to `width` px: every name, the first and a count, or cut. */
export function barLabel(people: readonly string[], width: number): string {
  if (people.length === 0) return fitText(["gap"], width, SIZE.bar, true);
  const candidates = [people.join(", ")];
  if (people.length > 1) candidates.push(`${people[0]} +${people.length - 1}`);
  return fitText(candidates, width, SIZE.bar);
}

/**
 * The grid from `top`: the day and hour labels, then the schedules and the response plans, each
 * group under its heading. Returns its elements and the y below it.
 */
export function renderWeek(
  groups: readonly { heading: string; rows: readonly WeekRow[] }[],
  frame: WeekFrame,
  colours: ReadonlyMap<string, string>,
  top: number,
): { parts: string[]; bottom: number } {
  const { left, plot, start, end, zone } = frame;
  const scale = plot / (end - start);
  const xOf = (ms: number) => left + (Math.max(start, Math.min(end, ms)) - start) * scale;
  const parts: string[] = [];
  const grid: string[] = [];
  let y = top;

  // Day labels in the middle of each day's column; a day too narrow for any label has none.
  const days = axisDays(start, end, zone);
  for (const day of days) {
    const [x0, x1] = [xOf(day.start), xOf(day.end)];
    const label = fitText(day.labels, x1 - x0 - 4, SIZE.axis, true);
    const hours = day.hours === 24 ? "" : `: ${day.hours} hours, the clocks change`;
    if (label !== "") {
      parts.push(
        `<g class="day-label"><title>${esc(`${day.labels[day.labels.length - 3]}${hours}`)}</title>${text((x0 + x1) / 2, y + 10, label, SIZE.axis, 'font-weight="bold" text-anchor="middle"')}</g>`,
      );
    }
  }
  y += 14;
  const hours = localHours(start, end, zone, [6, 12, 18]);
  const dayWidth = plot / Math.max(1, (end - start) / 86_400_000);
  for (const { at, hour } of hours) {
    if (dayWidth >= 72) {
      parts.push(
        text(
          xOf(at),
          y + 9,
          String(hour).padStart(2, "0"),
          SIZE.axis - 1,
          'class="hour-label" fill="#666" text-anchor="middle"',
        ),
      );
    }
  }
  y += 14;
  const gridTop = y;

  for (const group of groups) {
    parts.push(
      text(PAD, y + 16, group.heading, SIZE.heading, 'class="heading" font-weight="bold"'),
    );
    y += 22;
    for (const row of group.rows) {
      parts.push(
        `<g class="row-label ${row.kind}"><title>${esc(row.title)}</title>${text(PAD, y + ROW / 2 + 4, row.label, SIZE.label)}</g>`,
      );
      const barTop = y + (ROW - BAR) / 2;
      for (const i of row.intervals) {
        const x = xOf(Date.parse(i.start));
        // A gap of a few minutes stays visible.
        const w = Math.max(i.people.length === 0 ? 3 : 1, xOf(Date.parse(i.end)) - x);
        const when = `${localTime(Date.parse(i.start), zone)} - ${localTime(Date.parse(i.end), zone)} (${zone})`;
        const label = barLabel(i.people, w - 2 * INSET);
        const words =
          label === ""
            ? ""
            : text(
                x + INSET,
                barTop + BAR / 2 + 4,
                label,
                SIZE.bar,
                `class="bar-label" pointer-events="none"${i.people.length === 0 ? ` font-weight="bold" fill="${GAP_INK}"` : ""}`,
              );
        if (i.people.length === 0) {
          const who = row.kind === "reach" ? "nobody reached" : "nobody on call";
          parts.push(
            `<g class="interval gap"><title>${esc(`${when}: gap, ${who}`)}</title><rect class="gap" x="${n(x)}" y="${n(barTop)}" width="${n(w)}" height="${BAR}" fill="url(#gap-hatch)"/>${words}</g>`,
          );
          continue;
        }
        // Several people at once share the bar in stripes, one per person.
        const share = BAR / i.people.length;
        const stripes = i.people.map(
          (p, k) =>
            `<rect class="${k === 0 ? "covered" : "share"}" x="${n(x)}" y="${n(barTop + k * share)}" width="${n(w)}" height="${n(k === 0 ? BAR : share)}" fill="${colours.get(p) ?? "#ccc"}"/>`,
        );
        parts.push(
          `<g class="interval covered"><title>${esc(`${when}: ${i.people.join(", ")}`)}</title>${stripes.join("")}<rect x="${n(x)}" y="${n(barTop)}" width="${n(w)}" height="${BAR}" fill="none" stroke="#000" stroke-opacity="0.25" stroke-width="0.5"/>${words}</g>`,
        );
      }
      y += ROW;
    }
  }
  const bottom = y + 4;

  // Lines at each local midnight and, fainter, at 06, 12 and 18, behind the bars.
  for (const day of days) {
    if (!day.startsAtMidnight) continue;
    const x = n(xOf(day.start));
    grid.push(`<line class="day" x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#999"/>`);
  }
  if (days[0] !== undefined && !days[0].startsAtMidnight) {
    const x = n(xOf(start));
    grid.push(
      `<line class="window-start" x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#999"/>`,
    );
  }
  const endX = n(xOf(end));
  grid.push(
    `<line class="window-end" x1="${endX}" y1="${top}" x2="${endX}" y2="${bottom}" stroke="#999"/>`,
  );
  for (const { at } of hours) {
    const x = n(xOf(at));
    grid.push(
      `<line class="hour" x1="${x}" y1="${gridTop}" x2="${x}" y2="${bottom}" stroke="#eee"/>`,
    );
  }
  return { parts: [...grid, ...parts], bottom: bottom + 8 };
}

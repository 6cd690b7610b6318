/**
 * The picture's drawing primitives, colours and shared paint (patterns and gradients), so every
 * part of the week view draws the same way. Everything stays inside the SVG: no scripts, no
 * external fonts or images.
 */
import { FONT_FAMILY } from "./text";

/** The gap between the picture's edge and its content, and between the label column and the bars. */
export const PAD = 12;
/** Font sizes, px. */
export const SIZE = { title: 15, note: 11, label: 12, heading: 12, bar: 11, axis: 10 } as const;

/** The colours given to people in turn, alphabetically (ColorBrewer Set3 without its red and grey). */
export const PERSON_COLOURS = [
  "#8dd3c7",
  "#ffffb3",
  "#bebada",
  "#80b1d3",
  "#fdb462",
  "#b3de69",
  "#fccde5",
  "#bc80bd",
  "#ccebc5",
  "#ffed6f",
];

export const INK = "#1a1a1a";
export const GAP_INK = "#b71c1c";
/** An escalation stage that pages, and one that pages nobody. */
export const PAGE_FILL = "#90caf9";
export const PAGE_STROKE = "#1565c0";
export const MISS_FILL = "#ef9a9a";
export const MISS_STROKE = "#c62828";

/** The paint the bars refer to by id. */
export const DEFS = [
  "<defs>",
  // A gap: red stripes on pale red, legible in greyscale and to readers who confuse red and green.
  `<pattern id="gap-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fde4e4"/><rect width="3" height="8" fill="#e53935"/></pattern>`,
  // The final stage pages once and the plan stops: its bar fades out instead of ending.
  `<linearGradient id="final-page"><stop offset="0" stop-color="${PAGE_FILL}"/><stop offset="1" stop-color="#e3f2fd"/></linearGradient>`,
  `<linearGradient id="final-miss"><stop offset="0" stop-color="${MISS_FILL}"/><stop offset="1" stop-color="#fdecea"/></linearGradient>`,
  "</defs>",
].join("");

export function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A number as an SVG coordinate: one decimal, no trailing `.0`. */
export function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A `<text>` element; `attrs` is raw attribute text (class, anchor, weight). */
export function text(x: number, y: number, content: string, size: number, attrs = ""): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}"${attrs === "" ? "" : ` ${attrs}`}>${esc(content)}</text>`;
}

/** The root element's opening tag. */
export function svgOpen(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${esc(FONT_FAMILY)}" fill="${INK}">`;
}

/** The colour of each person, in alphabetical order of alias. */
export function personColours(people: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(people)].sort((a, b) => a.localeCompare(b));
  return new Map(sorted.map((p, i) => [p, PERSON_COLOURS[i % PERSON_COLOURS.length]]));
}

/**
 * The legend: a swatch and a few words for each kind of bar the picture shows, laid out in rows
 * that wrap at the picture's width.
 */
import { esc, n, PAD, SIZE, text } from "./svg";
import { fitText, textWidth } from "./text";

/** One legend entry. */
export interface LegendItem {
  /** The swatch's fill (a colour or `url(#id)`). */
  readonly fill: string;
  readonly stroke?: string;
  readonly label: string;
}

const SWATCH = 14;
const GAP = 18;
const LINE = 20;

/** The legend drawn from `top` within `width`; returns its elements and the y below it. */
export function renderLegend(
  items: readonly LegendItem[],
  top: number,
  width: number,
): { parts: string[]; bottom: number } {
  const parts = [`<g class="legend">`];
  let x = PAD;
  let y = top;
  for (const item of items) {
    const room = width - 2 * PAD - SWATCH - 6;
    const label = fitText([item.label], room, SIZE.note);
    const w = SWATCH + 6 + textWidth(label, SIZE.note);
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      y += LINE;
    }
    parts.push(
      `<g class="legend-item"><title>${esc(item.label)}</title><rect x="${n(x)}" y="${n(y)}" width="${SWATCH}" height="${SWATCH}" fill="${item.fill}" stroke="${item.stroke ?? "#555"}" stroke-width="0.5"/>${text(x + SWATCH + 6, y + 11, label, SIZE.note, 'class="legend-label"')}</g>`,
    );
    x += w + GAP;
  }
  parts.push("</g>");
  return { parts, bottom: y + LINE };
}

/**
 * Text widths for laying out the picture without a browser: the advance widths of DejaVu Sans
 * (Book and Bold), in thousandths of an em, for the printable ASCII characters U+0020-U+007E
 * (measured from the fonts with a canvas in Chromium). The picture asks for DejaVu Sans first, then
 * Bitstream Vera Sans (DejaVu's origin, the same ASCII widths) and Verdana (close, not measured
 * here); the common fallbacks (Liberation Sans, measured, and Arial and Helvetica, which share its
 * widths) are narrower, so a text measured here fits there too. Any other character counts as a
 * full em, as wide as a CJK ideograph.
 */

/** The font stack of every text in the picture. */
export const FONT_FAMILY = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif";

// prettier-ignore
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
  636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
  1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
  603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
  500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
  635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

// prettier-ignore
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
  696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
  1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
  733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
  500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
  716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/** The width of an ellipsis (U+2026) in both weights. */
const ELLIPSIS = 1000;

/** The width of `text` in pixels at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += ch === "\u2026" ? ELLIPSIS : code >= 32 && code < 127 ? table[code - 32] : 1000;
  }
  return (units * size) / 1000;
}

/**
 * The first of `candidates` (longest first) whose width at `size` px is at most `width`; else the
 * longest prefix of the first candidate that fits with an ellipsis; else "" (nothing fits, the
 * tooltip still has the full text).
 */
export function fitText(
  candidates: readonly string[],
  width: number,
  size: number,
  bold = false,
): string {
  for (const c of candidates) if (c !== "" && textWidth(c, size, bold) <= width) return c;
  const chars = [...(candidates[0] ?? "")];
  for (let n = chars.length - 1; n >= 1; n--) {
    const cut = `${chars.slice(0, n).join("").trimEnd()}\u2026`;
    if (textWidth(cut, size, bold) <= width) return cut;
  }
  return "";
}

/** `text` broken into lines no wider than `width` at `size` px, at spaces (a longer word is cut). */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (textWidth(next, size, bold) <= width || line === "") line = next;
    else {
      lines.push(line);
      line = word;
    }
    while (textWidth(line, size, bold) > width && [...line].length > 1) {
      const head = fitText([line], width, size, bold).replace(/\u2026$/, "");
      if (head === "") break;
      lines.push(head);
      line = line.slice(head.length);
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

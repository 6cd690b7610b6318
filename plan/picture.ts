/**
 * A self-contained picture of a plan: a week view of each team's on-call coverage (gaps in red)
 * and each escalation chain's paging timeline, as SVG (or the same SVG in an HTML page).
 */
import { retryNote } from "../components/timeline";
import type { PlanReport } from "./report";

const WIDTH = 1000;
const LEFT = 180;
const ROW = 28;
const DAY_MS = 86_400_000;

/** Tick intervals of a lane's minute axis, smallest first. */
const TICK_STEPS = [1, 5, 10, 15, 30, 60, 120];
const MAX_TICKS = 10;

/** The minutes to mark on an axis from 0 to `total`: at most 11 ticks, at a round interval. */
export function minuteTicks(total: number): number[] {
  const step =
    TICK_STEPS.find((s) => total / s <= MAX_TICKS) ?? Math.ceil(total / MAX_TICKS / 60) * 60;
  return Array.from({ length: Math.floor(total / step) + 1 }, (_, i) => i * step);
}

function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** The picture as a standalone SVG document. */
export function renderSvg(report: PlanReport): string {
  const parts: string[] = [];
  let y = 30;
  const text = (x: number, ty: number, s: string, extra = "") =>
    parts.push(`<text x="${x}" y="${ty}"${extra}>${esc(s)}</text>`);
  text(
    10,
    y,
    `${report.project} / ${report.stack}: coverage from ${report.at}`,
    ' font-weight="bold"',
  );
  y += 20;

  const start = Date.parse(report.at);
  const span = 7 * DAY_MS;
  const scale = (WIDTH - LEFT - 20) / span;
  const xOf = (iso: string) => LEFT + Math.max(0, Math.min(span, Date.parse(iso) - start)) * scale;
  for (let d = 0; d <= 7; d++) {
    const x = LEFT + d * DAY_MS * scale;
    parts.push(
      `<line class="day" x1="${x}" y1="${y}" x2="${x}" y2="${y + 10 + ROW * Math.max(1, report.coverage.length)}" stroke="#999"/>`,
    );
    if (d < 7)
      text(
        x + 4,
        y + 8,
        new Date(start + d * DAY_MS).toISOString().slice(0, 10),
        ' font-size="10"',
      );
  }
  y += 12;
  for (const team of report.coverage) {
    text(10, y + 18, team.team, ` font-size="12"`);
    for (const i of team.intervals) {
      const gap = i.onCall.length === 0;
      const x = xOf(i.start);
      const w = Math.max(0.5, xOf(i.end) - x);
      parts.push(
        `<rect class="${gap ? "gap" : "covered"}" x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${gap ? "#d32f2f" : "#43a047"}"><title>${esc(`${i.start} - ${i.end}: ${gap ? "nobody on call" : i.onCall.join(", ")}`)}</title></rect>`,
      );
    }
    y += ROW;
  }
  y += 30;

  for (const chain of report.timelines) {
    text(10, y, `Escalation ${chain.chain}`, ' font-weight="bold"');
    y += 8;
    // The axis runs 5 minutes past the last page, to a multiple of 5.
    const lastPage = Math.max(0, ...chain.entries.map((e) => e.offsetMinutes));
    const last = Math.max(10, Math.ceil((lastPage + 5) / 5) * 5);
    const minute = (WIDTH - LEFT - 20) / last;
    // A page's bar lasts until the next stage starts; the final stage's is a mark, as the plan
    // stops once it has paged. A bar is one engagement, not repeated pages: a channel's retry
    // interval only resends an engagement that failed to send, as its tooltip says.
    const stageEnd = (stage: number) =>
      Math.min(
        ...chain.entries.filter((e) => e.stage > stage).map((e) => e.offsetMinutes),
        Number.POSITIVE_INFINITY,
      );
    const ticks = minuteTicks(last).map((m) => ({ m, x: (LEFT + m * minute).toFixed(1) }));
    const laneTop = y + 2;
    const grid = parts.length;
    for (const e of chain.entries) {
      const x = LEFT + e.offsetMinutes * minute;
      const end = stageEnd(e.stage);
      const width = Number.isFinite(end) ? (end - e.offsetMinutes) * minute : 0;
      const label = `stage ${e.stage} +${e.offsetMinutes} min ${e.contact} ${e.channelType ?? e.status}`;
      text(10, y + 18, label, ' font-size="12"');
      parts.push(
        `<rect class="page" x="${x.toFixed(1)}" y="${y + 5}" width="${Math.max(4, width).toFixed(1)}" height="${ROW - 10}" fill="${e.status === "page" ? "#1e88e5" : "#d32f2f"}"><title>${esc([label, ...(e.status === "page" ? [retryNote(e) ?? "not resent if sending fails"] : [])].join(": "))}</title></rect>`,
      );
      y += ROW;
    }
    // The minute axis under the lane, with faint lines through it at each tick.
    const axis = y + 6;
    parts.splice(
      grid,
      0,
      ...ticks.map(
        ({ x }) =>
          `<line class="grid" x1="${x}" y1="${laneTop}" x2="${x}" y2="${axis}" stroke="#e0e0e0"/>`,
      ),
    );
    parts.push(
      `<line class="axis" x1="${LEFT}" y1="${axis}" x2="${(LEFT + last * minute).toFixed(1)}" y2="${axis}" stroke="#666"/>`,
    );
    for (const { m, x } of ticks) {
      parts.push(
        `<line class="tick" x1="${x}" y1="${axis}" x2="${x}" y2="${axis + 5}" stroke="#666"/>`,
      );
      text(
        Number(x),
        axis + 17,
        `${m} min`,
        // The label at the lane's right end ends there, inside the picture.
        ` class="axis-label" font-size="10" text-anchor="${m === last ? "end" : "middle"}"`,
      );
    }
    y += 26 + 20;
  }
  const height = y + 10;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}

/** The SVG in a standalone HTML page. */
export function renderHtml(report: PlanReport): string {
  const svg = renderSvg(report).replace(/^<\?xml[^>]*>\n/, "");
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(`plan: ${report.project} / ${report.stack}`)}</title></head>\n<body>\n${svg}</body></html>\n`;
}

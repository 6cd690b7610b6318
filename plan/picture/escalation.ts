/**
 * An escalation chain's paging lane: a row per engagement on a minute axis, the contact and its
 * channel on the bar. A bar lasts until the next stage starts (a stage's `DurationInMinutes` is
 * "the time to wait until beginning the next stage", botocore 1.43 ssm-contacts `Stage`); the final
 * stage's bar fades out to the axis's end, as there is no next stage and the model's `Plan` has no
 * setting to repeat the stages. What the final stage's own duration does, AWS's text does not say. A bar is one engagement, not repeated pages: a channel's
 * retry interval only resends an engagement that failed to send, as its tooltip says.
 */
import { retryNote, type TimelineEntry, type TimelineStatus } from "../../components/timeline";
import { esc, MISS_FILL, MISS_STROKE, n, PAD, PAGE_FILL, PAGE_STROKE, SIZE, text } from "./svg";
import { fitText } from "./text";
import { ROW } from "./week";

/** Tick intervals of a lane's minute axis, smallest first. */
const TICK_STEPS = [1, 5, 10, 15, 30, 60, 120];
const MAX_TICKS = 10;
const BAR = 20;
/** The narrowest a stage's bar is drawn, so that a short or final stage stays readable. */
export const MIN_STAGE_PX = 48;

/** The minutes to mark on an axis from 0 to `total`: at most 11 ticks, at a round interval. */
export function minuteTicks(total: number): number[] {
  const step =
    TICK_STEPS.find((s) => total / s <= MAX_TICKS) ?? Math.ceil(total / MAX_TICKS / 60) * 60;
  return Array.from({ length: Math.floor(total / step) + 1 }, (_, i) => i * step);
}

/** What a stage that pages nobody says on its bar. */
const MISSED: Record<Exclude<TimelineStatus, "page">, string> = {
  "channels-unknown": "channels unknown",
  "no-engagement-plan": "no engagement plan",
  "nobody-on-call": "nobody on call",
};

/** The label column's text of an entry. */
export function stageLabel(e: TimelineEntry): string {
  return `stage ${e.stage} +${e.offsetMinutes} min`;
}

/** One chain's lane from `top`; returns its elements and the y below it. */
export function renderLane(
  chain: string,
  entries: readonly TimelineEntry[],
  frame: { left: number; plot: number },
  top: number,
  fitLabel: (label: string) => string,
): { parts: string[]; bottom: number } {
  const { left, plot } = frame;
  const parts: string[] = [];
  let y = top;
  parts.push(
    text(PAD, y + 14, `Escalation ${chain}`, SIZE.heading, 'class="heading" font-weight="bold"'),
  );
  y += 20;
  // The axis runs at least 5 minutes past the last page, to a multiple of 5, and far enough for
  // the final stage's bar to be MIN_STAGE_PX wide inside it.
  const lastPage = Math.max(0, ...entries.map((e) => e.offsetMinutes));
  const room = lastPage / Math.max(0.1, 1 - MIN_STAGE_PX / plot);
  const last = Math.max(10, Math.ceil(Math.max(lastPage + 5, room) / 5) * 5);
  const minute = plot / last;
  const finalStage = Math.max(0, ...entries.map((e) => e.stage));
  const stageEnd = (stage: number) =>
    Math.min(...entries.filter((e) => e.stage > stage).map((e) => e.offsetMinutes), last);
  const ticks = minuteTicks(last).map((m) => ({ m, x: left + m * minute }));
  const laneTop = y;
  const grid = parts.length;
  for (const e of entries) {
    const final = e.stage === finalStage;
    const paged = e.status === "page";
    const x = left + e.offsetMinutes * minute;
    const width = Math.max(MIN_STAGE_PX, (stageEnd(e.stage) - e.offsetMinutes) * minute);
    const label = stageLabel(e);
    const what = paged ? (e.channelType ?? "") : MISSED[e.status];
    const full = `${label} ${e.contact} ${e.channelType ?? e.status}`;
    const notes = [
      ...(paged ? [retryNote(e) ?? "not resent if sending fails"] : []),
      ...(final ? ["final stage: the plan stops after it pages"] : []),
    ];
    const fill = final ? `url(#final-${paged ? "page" : "miss"})` : paged ? PAGE_FILL : MISS_FILL;
    const onBar = fitText([`${e.contact} ${what}`.trim(), e.contact], width - 8, SIZE.bar);
    const barTop = y + (ROW - BAR) / 2;
    parts.push(
      `<g class="row-label stage"><title>${esc(full)}</title>${text(PAD, y + ROW / 2 + 4, fitLabel(label), SIZE.label)}</g>`,
      `<g class="stage-bar${final ? " final" : ""}"><title>${esc([full, ...notes].join(": "))}</title><rect class="page" x="${n(x)}" y="${n(barTop)}" width="${n(width)}" height="${BAR}" fill="${fill}" stroke="${paged ? PAGE_STROKE : MISS_STROKE}" stroke-width="0.75"${final ? ' stroke-dasharray="4 2"' : ""}/>${onBar === "" ? "" : text(x + 4, barTop + BAR / 2 + 4, onBar, SIZE.bar, 'class="bar-label" pointer-events="none"')}</g>`,
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
        `<line class="grid" x1="${n(x)}" y1="${laneTop}" x2="${n(x)}" y2="${axis}" stroke="#e0e0e0"/>`,
    ),
  );
  parts.push(
    `<line class="axis" x1="${left}" y1="${axis}" x2="${n(left + last * minute)}" y2="${axis}" stroke="#666"/>`,
  );
  for (const { m, x } of ticks) {
    parts.push(
      `<line class="tick" x1="${n(x)}" y1="${axis}" x2="${n(x)}" y2="${axis + 5}" stroke="#666"/>`,
      // The label at the lane's right end ends there, inside the picture.
      text(
        x,
        axis + 17,
        `${m} min`,
        SIZE.axis,
        `class="axis-label" text-anchor="${m === last ? "end" : "middle"}"`,
      ),
    );
  }
  return { parts, bottom: axis + 30 };
}

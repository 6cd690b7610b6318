import { strict as assert } from "assert";
import { DAY_PX, MAX_LABEL_PX, MIN_STAGE_PX, renderHtml, renderSvg } from "../../plan/picture";
import { PAD } from "../../plan/picture/svg";
import { fitText, textWidth, wrapText } from "../../plan/picture/text";
import { runPlan } from "../support/plan";
import { AT, followTheSun, rotations, teamCoverage, ZONE } from "./week-scenario";

const PLOT = 7 * DAY_PX;

/** The x of every line of `cls`, in order. */
function lines(svg: string, cls: string): number[] {
  return [...svg.matchAll(new RegExp(`<line class="${cls}" x1="([\\d.]+)"`, "g"))].map((m) =>
    Number(m[1]),
  );
}

/** The texts of `<g class="cls">…<text>…</text></g>` groups, in order. */
function groupTexts(svg: string, cls: string): string[] {
  return [
    ...svg.matchAll(
      new RegExp(`<g class="${cls}">(?:<title>[^<]*</title>)?<text[^>]*>([^<]*)</text>`, "g"),
    ),
  ].map((m) => m[1]);
}

interface Bar {
  readonly kind: string;
  readonly title: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly label?: string;
}

/** Every coverage or reach bar: its tooltip, its rectangle and the name drawn on it. */
function bars(svg: string): Bar[] {
  const re =
    /<g class="interval (covered|gap)"><title>([^<]*)<\/title><rect class="\1" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)".*?(?:<text [^>]*class="bar-label"[^>]*>([^<]*)<\/text>)?<\/g>/g;
  return [...svg.matchAll(re)].map((m) => ({
    kind: m[1],
    title: m[2],
    x: Number(m[3]),
    y: Number(m[4]),
    width: Number(m[5]),
    label: m[6],
  }));
}

function svgWidth(svg: string): number {
  return Number(/<svg [^>]*width="([\d.]+)"/.exec(svg)![1]);
}

describe("plan picture", () => {
  const report = followTheSun();

  describe("time zone", () => {
    it("draws day lines at local midnight, 25 hours wide on the day London's clocks go back", () => {
      const svg = renderSvg(report, { timeZone: ZONE });
      const days = lines(svg, "day");
      assert.equal(days.length, 7);
      const widths = days.slice(1).map((x, i) => Math.round(x - days[i]));
      assert.deepEqual(widths, [124, 124, 124, 129, 124, 124]);
      // The week is 7 × 24 hours from Thursday 00:00 summer time: it ends Wednesday 23:00.
      assert.ok(Math.abs(lines(svg, "window-end")[0] - days[6] - (23 * DAY_PX) / 24) < 0.15);
      assert.deepEqual(lines(svg, "window-start"), []);
      assert.deepEqual(groupTexts(svg, "day-label"), [
        "Thu 2026-10-22",
        "Fri 2026-10-23",
        "Sat 2026-10-24",
        "Sun 10-25 (25 h)",
        "Mon 2026-10-26",
        "Tue 2026-10-27",
        "Wed 2026-10-28",
      ]);
      assert.ok(
        svg.includes(
          "Times in Europe/London (UTC+01:00, UTC+00:00 from Sun 2026-10-25 01:00); each day starts at local midnight.",
        ),
      );
      assert.ok(svg.includes("on-call week from Thu 2026-10-22 00:00</text>"));
    });

    it("draws a 23-hour day when New York's clocks go forward", () => {
      const at = "2026-03-05T05:00:00.000Z"; // Thursday 00:00 EST; DST starts on Sunday 03-08.
      const svg = renderSvg(followTheSun(at), { timeZone: "America/New_York" });
      const days = lines(svg, "day");
      const widths = days.slice(1).map((x, i) => Math.round(x - days[i]));
      // 7 × 24 hours from Thursday 00:00 EST end on the next Thursday at 01:00 EDT.
      assert.deepEqual(widths, [124, 124, 124, 119, 124, 124, 124]);
      assert.equal(groupTexts(svg, "day-label")[3], "Sun 03-08 (23 h)");
      assert.ok(
        svg.includes("Times in America/New_York (UTC-05:00, UTC-04:00 from Sun 2026-03-08 03:00)"),
      );
    });

    it("defaults to UTC: a week starting at 23:00 UTC has its first midnight an hour in", () => {
      const svg = renderSvg(report);
      const left = lines(svg, "window-start")[0];
      const days = lines(svg, "day");
      assert.equal(days.length, 7);
      assert.equal(Math.round((days[0] - left) * 10) / 10, Math.round((DAY_PX / 24) * 10) / 10);
      assert.ok(svg.includes("Times in UTC (UTC+00:00)"));
      // The first hour (Wednesday 23:00-24:00) is too narrow for a day label.
      assert.equal(groupTexts(svg, "day-label")[0], "Thu 2026-10-22");
      // Tooltips speak UTC.
      assert.equal(
        bars(svg)[0].title,
        "Wed 2026-10-21 23:00 - Thu 2026-10-22 00:00 (UTC): gap, nobody on call",
      );
    });

    it("rejects a zone that is not an IANA zone", () => {
      assert.throws(
        () => renderSvg(report, { timeZone: "Mars/Olympus_Mons" }),
        (err: Error) =>
          err instanceof RangeError &&
          err.message ===
            'the picture\'s time zone must be an IANA zone such as Europe/London or UTC; got "Mars/Olympus_Mons"',
      );
    });

    it("plan exits 2 on a bad --tz before running anything", async () => {
      const result = await runPlan(["--tz", "Europe/Londn", "--svg", "never.svg"]);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, "");
      assert.equal(
        result.stderr,
        '--tz must be an IANA time zone such as Europe/London, Asia/Tokyo or UTC; got "Europe/Londn"\n',
      );
    });
  });

  describe("bars", () => {
    const svg = renderSvg(report, { timeZone: ZONE });
    const all = bars(svg);

    it("puts the names on each bar, cut to fit, and keeps them in full in its tooltip", () => {
      const intervals = [...report.coverage, ...report.reach].map((r) => r.intervals.length);
      assert.deepEqual(intervals, [21, 21, 21]);
      assert.equal(all.length, 63);
      for (const bar of all) {
        if (bar.label === undefined) continue;
        assert.ok(textWidth(bar.label, 11, bar.kind === "gap") <= bar.width - 8, bar.label);
        if (bar.kind === "gap") {
          assert.equal(bar.label, "gap");
          continue;
        }
        const who = bar.title.split("): ")[1].split(", ");
        const shown = [who.join(", "), `${who[0]} +${who.length - 1}`];
        assert.ok(
          shown.includes(bar.label) ||
            (bar.label.endsWith("\u2026") && who.join(", ").startsWith(bar.label.slice(0, -1))),
          `${bar.label} / ${who.join(", ")}`,
        );
      }
      // checkout's bars name omar with whoever is on call, the widest in full.
      assert.ok(all.some((b) => b.label === "aki, omar"));
      assert.ok(all.some((b) => b.label === "ben +1"));
      const sre = all.filter((b) => Math.abs(b.y - all[0].y) < 1);
      assert.deepEqual(
        sre.slice(0, 4).map((b) => [b.title, b.label]),
        [
          [
            "Thu 2026-10-22 00:00 - Thu 2026-10-22 01:00 (Europe/London): gap, nobody on call",
            undefined,
          ],
          ["Thu 2026-10-22 01:00 - Thu 2026-10-22 12:00 (Europe/London): ben", "ben"],
          ["Thu 2026-10-22 12:00 - Thu 2026-10-22 13:00 (Europe/London): ben, mia", undefined],
          ["Thu 2026-10-22 13:00 - Fri 2026-10-23 00:00 (Europe/London): mia", "mia"],
        ],
      );
      // An hour is 5.2 px: too narrow for "gap" or a name.
      assert.equal(sre[0].width, 5.2);
    });

    it("shares a bar of several people in stripes of their colours", () => {
      const overlap =
        /<g class="interval covered"><title>Thu 2026-10-22 12:00 - [^<]*: ben, mia<\/title>(.*?)<\/g>/.exec(
          svg,
        )![1];
      assert.deepEqual(
        [
          ...overlap.matchAll(
            /<rect class="(covered|share)" [^>]*height="([\d.]+)" fill="(#[0-9a-f]{6})"/g,
          ),
        ].map((m) => m.slice(1)),
        [
          ["covered", "22", "#ffffb3"],
          ["share", "11", "#80b1d3"],
        ],
      );
    });

    it("gives each response plan a combined row: checkout always reaches someone, batch-jobs has the gaps", () => {
      assert.deepEqual(groupTexts(svg, "row-label schedule"), ["sre *"]);
      assert.deepEqual(groupTexts(svg, "row-label reach"), ["checkout *", "batch-jobs *"]);
      const rows = [...new Set(all.map((b) => b.y))];
      assert.equal(rows.length, 3);
      const gapsOf = (y: number) =>
        all.filter((b) => b.y === y && b.kind === "gap").map((b) => b.title);
      assert.deepEqual(gapsOf(rows[1]), []);
      assert.deepEqual(gapsOf(rows[2]), [
        "Thu 2026-10-22 00:00 - Thu 2026-10-22 01:00 (Europe/London): gap, nobody reached",
        "Fri 2026-10-23 00:00 - Fri 2026-10-23 01:00 (Europe/London): gap, nobody reached",
        "Sat 2026-10-24 00:00 - Sat 2026-10-24 01:00 (Europe/London): gap, nobody reached",
        "Sun 2026-10-25 00:00 - Sun 2026-10-25 01:00 (Europe/London): gap, nobody reached",
      ]);
      assert.equal(gapsOf(rows[0]).length, 4);
      // checkout's second stage pages omar: he is on its row all week, with whoever is on call.
      const checkout = all.filter((b) => b.y === rows[1]);
      assert.ok(checkout.every((b) => b.title.includes("omar")));
      assert.equal(checkout[1].label, "ben +1");
    });

    it("says so when there is nothing to draw", () => {
      const none = renderSvg({ ...report, coverage: [], reach: [], timelines: [] });
      assert.deepEqual(bars(none), []);
      assert.ok(none.includes(">On-call schedules: none</text>"));
      assert.ok(!none.includes("Escalation"));
      assert.equal(svgWidth(none), PAD + 60 + PAD + PLOT + PAD);
    });

    it("draws no response plan rows for an empty reach", () => {
      const none = renderSvg({ ...report, reach: [] }, { timeZone: ZONE });
      assert.ok(!none.includes("Response plans"));
      assert.equal(new Set(bars(none).map((b) => b.y)).size, 1);
    });

    it("notes the readings AWS's text does not settle under the grid", () => {
      assert.deepEqual(
        [...svg.matchAll(/<text [^>]*class="unsettled"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]),
        ["sre", "checkout", "batch-jobs"].map(
          (n) =>
            `*${n}: depends on readings AWS's text does not settle: london: overnight coverage (MON, TUE, WED, THU, FRI, SAT, SUN): runs into the next day`,
        ),
      );
    });
  });

  describe("legend", () => {
    it("names each person's colour, the gap and the stage kinds", () => {
      const svg = renderSvg(report, { timeZone: ZONE });
      const legend = [
        ...svg.matchAll(
          /<rect [^>]*fill="([^"]+)"[^>]*\/><text [^>]*class="legend-label"[^>]*>([^<]*)<\/text>/g,
        ),
      ].map((m) => [m[2], m[1]]);
      assert.deepEqual(legend, [
        ["aki", "#8dd3c7"],
        ["ben", "#ffffb3"],
        ["liam", "#bebada"],
        ["mia", "#80b1d3"],
        ["omar", "#fdb462"],
        ["gap: nobody on call or reached", "url(#gap-hatch)"],
        ["stage: pages until the next stage", "#90caf9"],
        ["final stage: pages, then the plan stops", "url(#final-page)"],
        ["stage that pages nobody", "#ef9a9a"],
      ]);
    });

    it("leaves out the stage kinds when there is no escalation chain", () => {
      const svg = renderSvg({ ...report, timelines: [] });
      assert.ok(!svg.includes("final stage"));
      assert.ok(svg.includes(">gap: nobody on call or reached</text>"));
    });
  });

  describe("size", () => {
    it("sizes the label column from the longest label", () => {
      const svg = renderSvg(report);
      // The longest label is "stage 2 +10 min".
      const label = Math.max(textWidth("stage 2 +10 min", 12), textWidth("batch-jobs *", 12));
      assert.equal(svgWidth(svg), Math.round((PAD + label + PAD + PLOT + PAD) * 10) / 10);

      const long = "payments-platform-primary-on-call";
      const wider = renderSvg({ ...report, coverage: [{ ...report.coverage[0], team: long }] });
      assert.equal(
        svgWidth(wider),
        Math.round((PAD + textWidth(`${long} *`, 12) + PAD + PLOT + PAD) * 10) / 10,
      );
    });

    it("cuts a label past the widest column, with the name in full in its tooltip", () => {
      const name = "x".repeat(60) + "-response-plan";
      const svg = renderSvg({ ...report, reach: [{ ...report.reach[0], responsePlan: name }] });
      assert.equal(svgWidth(svg), PAD + MAX_LABEL_PX + PAD + PLOT + PAD);
      const [drawn] = groupTexts(svg, "row-label reach");
      assert.ok(drawn.endsWith("\u2026"));
      assert.ok(textWidth(drawn, 12) <= MAX_LABEL_PX);
      assert.ok(svg.includes(`<title>${name}: reaches someone 168.0 h, gaps 0.0 h</title>`));
    });

    it("keeps the final stage readable however long the chain", () => {
      const entries = Array.from({ length: 7 }, (_, i) => ({
        ...report.timelines[0].entries[1],
        stage: i + 1,
        offsetMinutes: i * 30,
      }));
      const svg = renderSvg({ ...report, timelines: [{ chain: "long", entries }] });
      const rects = [
        ...svg.matchAll(/<rect class="page" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g),
      ].map((m) => [Number(m[1]), Number(m[2])]);
      const axis = /<line class="axis" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"/
        .exec(svg)!
        .slice(1)
        .map(Number);
      const [finalX, finalW] = rects[6];
      assert.ok(finalW >= MIN_STAGE_PX, String(finalW));
      assert.ok(finalX + finalW <= axis[1] + 0.1);
      assert.ok(rects.every(([x, w]) => x >= axis[0] && x + w <= axis[1] + 0.1));
      assert.ok(svg.includes('<g class="stage-bar final">'));
    });
  });

  describe("document", () => {
    it("is self-contained: no script, no external font, image or link", () => {
      const svg = renderSvg(report, { timeZone: ZONE });
      const html = renderHtml(report, { timeZone: ZONE });
      for (const doc of [svg, html]) {
        assert.ok(!/<script|@import|@font-face|href=|<image|<link/i.test(doc));
        assert.deepEqual(
          [...doc.matchAll(/https?:\/\/[^"\s]+/g)].map((m) => m[0]),
          ["http://www.w3.org/2000/svg"],
        );
        assert.deepEqual(
          [...new Set([...doc.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]))].sort(),
          ["#final-miss", "#final-page", "#gap-hatch"].filter((id) => doc.includes(`url(${id})`)),
        );
      }
      assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
      assert.ok(html.includes(svg.replace(/^<\?xml[^>]*>\n/, "")));
    });

    it("shows no address, masked or not", () => {
      const svg = renderSvg(report, { timeZone: ZONE });
      assert.ok(!/@example\.com|\+\d\d[\d*]|\d{6}/.test(svg));
    });
  });

  describe("text fitting", () => {
    it("measures with DejaVu Sans's advance widths", () => {
      assert.equal(textWidth("ben", 11), ((635 + 615 + 634) * 11) / 1000);
      assert.equal(textWidth("W", 10, true), 11.03);
      assert.equal(textWidth("漢", 10), 10);
    });

    it("takes the first candidate that fits, else a cut with an ellipsis, else nothing", () => {
      assert.equal(fitText(["aki, omar", "aki +1"], 60, 11), "aki, omar");
      assert.equal(fitText(["aki, omar", "aki +1"], 45, 11), "aki +1");
      assert.equal(fitText(["liam, omar", "liam +1"], 30, 11), "lia\u2026");
      assert.equal(fitText(["liam"], 20, 11), "li\u2026");
      assert.equal(fitText(["liam"], 5, 11), "");
    });

    it("wraps at spaces within the width", () => {
      const lines = wrapText("one two three four five six", 60, 11);
      assert.deepEqual(lines, ["one two", "three four", "five six"]);
      assert.ok(lines.every((l) => textWidth(l, 11) <= 60));
    });
  });

  it("draws the fixture's four summer-time gaps, as the coverage engine finds them", () => {
    const sre = teamCoverage("sre", "sre-oncall", rotations(), AT);
    assert.equal(sre.gapMinutes, 4 * 60);
    assert.deepEqual(
      sre.gaps.map((g) => g.start),
      ["2026-10-21T23:00Z", "2026-10-22T23:00Z", "2026-10-23T23:00Z", "2026-10-24T23:00Z"],
    );
  });
});

/// <reference lib="dom" />
// The page's own types, for the code that runs in chromium (page.evaluate).
/**
 * The week view in a real browser (Debian's chromium through playwright-core): what a reader sees,
 * measured from the rendered page. Run with `npm run test:browser`; set `CHROMIUM` to another
 * chromium binary and `SCREENSHOT` to a PNG path to keep the screenshot (the README's is
 * docs/week-view.png, written by `npm run screenshot`).
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { renderHtml } from "../../plan/picture";
import { AT, FIXTURE, followTheSun, ZONE } from "./week-scenario";

const ROOT = path.join(__dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface Box {
  readonly x: number;
  readonly y: number;
  readonly right: number;
  readonly bottom: number;
}

/** What the page shows, measured in the page: every text and bar with its box on screen. */
interface Measured {
  readonly viewport: { width: number; height: number };
  readonly svg: Box;
  readonly plotLeft: number;
  readonly bars: { kind: string; title: string; bar: Box; label?: { text: string; box: Box } }[];
  readonly rowLabels: { text: string; box: Box }[];
  readonly dayLabels: { text: string; box: Box }[];
  readonly legend: { text: string; swatch: Box; box: Box; visible: boolean }[];
  readonly texts: { text: string; box: Box }[];
}

async function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.left, y: r.top, right: r.right, bottom: r.bottom };
    };
    const svg = document.querySelector("svg")!;
    const firstLine = document.querySelector("line.day, line.window-start")!;
    const bars = Array.from(document.querySelectorAll("g.interval, g.stage-bar")).map((g) => {
      const label = g.querySelector("text.bar-label");
      return {
        kind: g.getAttribute("class")!,
        title: g.querySelector("title")!.textContent!,
        bar: box(g.querySelector("rect")!),
        label: label ? { text: label.textContent!, box: box(label) } : undefined,
      };
    });
    const texts = (sel: string) =>
      Array.from(document.querySelectorAll(sel)).map((t) => ({
        text: t.textContent!,
        box: box(t),
      }));
    const legend = Array.from(document.querySelectorAll("g.legend-item")).map((g) => {
      const t = g.querySelector("text")!;
      const style = getComputedStyle(t);
      return {
        text: t.textContent!,
        swatch: box(g.querySelector("rect")!),
        box: box(t),
        visible: style.visibility === "visible" && style.display !== "none",
      };
    });
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      svg: box(svg),
      plotLeft: firstLine.getBoundingClientRect().left,
      bars,
      rowLabels: texts("g.row-label text"),
      dayLabels: texts("g.day-label text"),
      legend,
      texts: texts("text"),
    };
  });
}

const inside = (inner: Box, outer: Box, slack = 0.5) =>
  inner.x >= outer.x - slack &&
  inner.right <= outer.right + slack &&
  inner.y >= outer.y - slack &&
  inner.bottom <= outer.bottom + slack;
const overlap = (a: Box, b: Box) =>
  a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;

describe("plan picture in chromium", function () {
  this.timeout(180_000);
  let context: BrowserContext;
  let page: Page;
  let seen: Measured;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "picture-browser-"));

  before(async function () {
    assert.ok(fs.existsSync(CHROMIUM), `no chromium at ${CHROMIUM} (apt-get install chromium)`);
    // A fresh profile every run: nothing from an earlier run or another user leaks in.
    context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(renderHtml(followTheSun(), { timeZone: ZONE }));
    seen = await measure(page);
  });
  after(async () => {
    await context?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fits the picture in the viewport, every text inside it", () => {
    assert.ok(seen.svg.right <= seen.viewport.width, JSON.stringify(seen.svg));
    for (const t of seen.texts) {
      if (t.text === "") continue;
      assert.ok(inside(t.box, seen.svg), `${t.text} ${JSON.stringify(t.box)}`);
    }
  });

  it("shows each name inside its bar", () => {
    const named = seen.bars.filter((b) => b.label !== undefined);
    assert.ok(named.length >= 40, String(named.length));
    for (const b of named) {
      assert.ok(inside(b.label!.box, b.bar), `${b.label!.text} outside ${b.title}`);
    }
    const shown = new Set(named.map((b) => b.label!.text));
    for (const name of ["aki", "ben", "liam", "mia", "aki, omar", "ben +1", "omar EMAIL"]) {
      assert.ok(shown.has(name), name);
    }
  });

  it("shows the gaps: four in the schedule, none for checkout, four for batch-jobs", async () => {
    const gaps = seen.bars.filter((b) => b.kind === "interval gap");
    assert.equal(gaps.length, 8);
    for (const g of gaps) assert.ok(g.bar.right - g.bar.x >= 3, g.title);
    assert.deepEqual(
      gaps.map((g) => g.title.split(": ")[1]),
      [...Array(4).fill("gap, nobody on call"), ...Array(4).fill("gap, nobody reached")],
    );
    assert.equal(await page.locator("g.interval.gap rect").first().isVisible(), true);
  });

  it("keeps every row label in the label column, clear of the bars", () => {
    assert.deepEqual(
      seen.rowLabels.map((l) => l.text),
      ["sre *", "checkout *", "batch-jobs *", "stage 1 +0 min", "stage 2 +10 min"],
    );
    for (const l of seen.rowLabels) {
      assert.ok(l.box.right <= seen.plotLeft, `${l.text} ends at ${l.box.right}`);
      for (const b of seen.bars) assert.ok(!overlap(l.box, b.bar), `${l.text} / ${b.title}`);
    }
  });

  it("labels each local day inside its column, without overlap", () => {
    assert.equal(seen.dayLabels.length, 7);
    assert.equal(seen.dayLabels[3].text, "Sun 10-25 (25 h)");
    seen.dayLabels.slice(1).forEach((l, i) => {
      assert.ok(seen.dayLabels[i].box.right < l.box.x, `${seen.dayLabels[i].text} / ${l.text}`);
    });
  });

  it("shows a legend of every person, the gap and the stage kinds, none overlapping", () => {
    assert.deepEqual(
      seen.legend.map((l) => l.text),
      [
        "aki",
        "ben",
        "liam",
        "mia",
        "omar",
        "gap: nobody on call or reached",
        "stage: pages until the next stage",
        "final stage: pages, then the plan stops",
        "stage that pages nobody",
      ],
    );
    for (const [i, l] of seen.legend.entries()) {
      assert.ok(l.visible && l.box.right - l.box.x > 5, l.text);
      assert.ok(inside(l.box, seen.svg) && inside(l.swatch, seen.svg), l.text);
      for (const other of seen.legend.slice(i + 1)) {
        assert.ok(!overlap(l.box, other.box) && !overlap(l.swatch, other.box), l.text);
      }
    }
  });

  it("draws the final stage wide enough to read its name", () => {
    const final = seen.bars.find((b) => b.kind === "stage-bar final")!;
    assert.equal(final.label?.text, "omar EMAIL");
    assert.ok(final.bar.right - final.bar.x >= 48);
  });

  /** Runs plan on the fixture with `--tz`, as a user does, and returns the HTML file it wrote. */
  async function planHtml(): Promise<string> {
    const html = path.join(dir, "plan.html");
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          path.join(ROOT, "bin", "incident-manager-plan"),
          ...["--spec", FIXTURE, "--at", AT, "--tz", ZONE, "--no-policies", "--html", html],
        ],
        { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
      );
      child.on("error", reject);
      child.on("close", resolve);
    });
    assert.equal(code, 0);
    return html;
  }

  it("renders what plan --tz writes: local days and the zone in the header", async () => {
    const html = await planHtml();
    const other = await context.newPage();
    await other.goto(`file://${html}`);
    const written = await measure(other);
    assert.ok(
      await other
        .getByText("Times in Europe/London (UTC+01:00, UTC+00:00 from Sun 2026-10-25 01:00)")
        .isVisible(),
    );
    assert.deepEqual(
      written.dayLabels.map((l) => l.text),
      seen.dayLabels.map((l) => l.text),
    );
    for (const b of written.bars) {
      if (b.label !== undefined) assert.ok(inside(b.label.box, b.bar), b.label.text);
    }
    await other.close();
  });

  it("takes a screenshot of the picture plan --tz writes", async () => {
    const file = process.env.SCREENSHOT ?? path.join(dir, "week-view.png");
    const written = await context.newPage();
    await written.goto(`file://${await planHtml()}`);
    await written.locator("svg").screenshot({ path: file });
    await written.close();
    const png = fs.readFileSync(file);
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    // The PNG's own header says its size: the picture's, at one pixel per unit.
    assert.equal(png.readUInt32BE(16), Math.ceil(seen.svg.right - seen.svg.x));
  });
});

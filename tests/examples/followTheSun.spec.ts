import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { CoverageReport } from "../../components/coverage";
import { Capture, installCapture, settle } from "../../testing";

const EXAMPLE = path.join(__dirname, "../../examples/follow-the-sun");

/** The coverage as the example's README prints it. */
function render(title: string, report: CoverageReport): string {
  const gaps =
    report.gaps.length === 0 ? "none" : report.gaps.map((g) => `${g.start}-${g.end}`).join(", ");
  const lines = report.intervals.map(
    (i) =>
      `${i.start}  ${i.end}  ${Object.entries(i.rotations)
        .map(([name, members]) => `${name}: ${members.join(", ")}`)
        .join("; ")}`,
  );
  return [`${title}, gaps: ${gaps}`, ...lines].join("\n");
}

describe("examples/follow-the-sun", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture("follow-the-sun", "dev");
  });

  it("runs under mocks, covers the clock in winter and summer, as its README shows", async () => {
    const program = await import(path.join(EXAMPLE, "index"));
    await settle();
    const count = (type: string) => capture.resources.filter((r) => r.type === type).length;
    assert.equal(capture.resources.length, 23);
    assert.equal(count("aws:ssmcontacts/contact:Contact"), 4);
    assert.equal(count("aws:ssmcontacts/contactChannel:ContactChannel"), 9);
    assert.equal(count("aws:ssmcontacts/plan:Plan"), 4);
    assert.equal(count("aws-native:ssmcontacts:Rotation"), 2);
    assert.equal(count("aws-native:ssmcontacts:Contact"), 1);
    const schedule = capture.resources.find((r) => r.name === "sre-schedule")!;
    assert.deepEqual(schedule.inputs.plan, [
      {
        rotationIds: [
          "arn:aws:ssm-contacts:ap-northeast-1:123456789012:rotation/tokyo",
          "arn:aws:ssm-contacts:ap-northeast-1:123456789012:rotation/london",
        ],
      },
    ]);
    assert.deepEqual(program.winter.gaps, []);
    assert.deepEqual(program.summer.gaps, []);
    const readme = fs.readFileSync(path.join(EXAMPLE, "README.md"), "utf8");
    assert.ok(readme.includes(render("winter (2026-01-12, UTC)", program.winter)));
    assert.ok(readme.includes(render("summer (2026-07-13, UTC)", program.summer)));
  });
});

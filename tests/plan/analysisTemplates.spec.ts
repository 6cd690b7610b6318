/**
 * plan on a stack with post-incident analysis templates (conformance/specs/post-incident.yaml):
 * the text report's templates section, and `analysisTemplates` in `--json`. One run, no pack.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type PlanResult, ROOT, runPlan as plan } from "../support/plan";

const SPEC = path.join(ROOT, "conformance", "specs", "post-incident.yaml");

describe("plan: post-incident analysis templates", function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-templates-"));
  const json = path.join(dir, "plan.json");
  let result: PlanResult;

  before(async () => {
    result = await plan([
      "--spec",
      SPEC,
      "--no-policies",
      "--at",
      "2026-06-01T00:00:00Z",
      "--json",
      json,
    ]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the templates section: each template once, with the regions it is created in", () => {
    assert.equal(result.code, 0);
    const lines = result.stdout.split("\n");
    const start = lines.indexOf("== Post-incident analysis templates ==");
    assert.ok(start > 0, result.stdout);
    assert.deepEqual(lines.slice(start, start + 4), [
      "== Post-incident analysis templates ==",
      "  sre-analysis  (ap-northeast-1, ap-northeast-2)",
      "",
      "== Monthly cost estimate ==",
    ]);
    // The documents are in the resource tree too, one per region.
    assert.ok(
      result.stdout.includes(
        "├─ incident-manager-analysis-sre-analysis-ap-northeast-2  (aws:ssm/document:Document)\n",
      ),
    );
  });

  it("writes analysisTemplates in --json", () => {
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
      analysisTemplates: unknown;
    };
    assert.deepEqual(report.analysisTemplates, [
      { name: "sre-analysis", regions: ["ap-northeast-1", "ap-northeast-2"] },
    ]);
  });

  it("prints no templates section for a stack without templates", async () => {
    // The reference scenario has none (Pulumi.dev.yaml).
    const reference = await plan(["--reference", "--no-policies", "--at", "2026-06-01T00:00:00Z"]);
    assert.equal(reference.code, 0);
    assert.ok(reference.stdout.includes("== Monthly cost estimate =="));
    assert.ok(!reference.stdout.includes("Post-incident analysis templates"));
  });
});

/**
 * `require-response-plan-reachable-coverage`
 * (policies/rules/responsePlans/requireResponsePlanReachableCoverage.ts): the compliant fixture
 * stacks of both flavours, then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { mutate, nativeStack } from "../../fixtures";
import { configFor } from "../../harness";
import { violations, compliance } from "../../support";

/** The fixture's sev1 engages only the on-call schedule, whose rotation covers weekdays 08:30-16:00 Tokyo. */
function officeHoursOnly() {
  const stack = mutate(nativeStack(), "primary", (p) => {
    p.recurrence.shiftCoverages = ["MON", "TUE", "WED", "THU", "FRI"].map((dayOfWeek) => ({
      dayOfWeek,
      coverageTimes: [{ startTime: "08:30", endTime: "16:00" }],
    }));
  });
  return mutate(
    stack,
    "sev1",
    (p) => (p.engagements = [p.engagements[0].replace("sre-escalation", "sre-oncall")]),
  );
}

describe("require-response-plan-reachable-coverage", () => {
  const rule = r.requireResponsePlanReachableCoverage;
  compliance(rule, "plan reaching a 24x7 schedule and a PERSONAL contact");

  it("Noncompliance 1: the only schedule a plan engages covers weekdays 08:30-16:00 (aws-native)", async () => {
    // The rotation starts Monday 2026-01-05 09:00 in Tokyo (00:00 UTC): the reference week's start.
    assert.deepEqual(await violations(rule, officeHoursOnly()), [
      "ResponsePlan 'sev1' (response plan 'sev1') reaches nobody for 130.5 h of the reference week from 2026-01-05T00:00Z (22.3% reached, minimum 100%); the first gap is 2026-01-05T07:00Z - 2026-01-05T23:30Z. This does not depend on an unsettled reading.",
    ]);
  });

  it("Noncompliance 2: says when the gaps depend on a reading AWS's text does not settle", async () => {
    const stack = mutate(officeHoursOnly(), "primary", (p) => (p.recurrence.numberOfOnCalls = 2));
    const [message] = await violations(rule, stack);
    assert.match(
      message,
      /reaches nobody for 130\.5 h .* This depends on what AWS's text does not settle or the stack does not show: primary: 2 on call at once: the next 2 members, wrapping\.$/,
    );
  });

  it("accepts the gaps when `minimumCoveragePercent` allows them", async () => {
    assert.deepEqual(
      await violations(rule, officeHoursOnly(), configFor(rule, { minimumCoveragePercent: 20 })),
      [],
    );
  });

  it("counts a rotation outside the stack as reached, not as a gap", async () => {
    const stack = mutate(officeHoursOnly(), "sre-oncall", (p) =>
      p.plan[0].rotationIds.push(
        "arn:aws:ssm-contacts:ap-northeast-1:123456789012:rotation/elsewhere",
      ),
    );
    assert.deepEqual(await violations(rule, stack), []);
  });
});

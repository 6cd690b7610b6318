import { strict as assert } from "assert";
import { Capture, installCapture, reset, settle } from "../../plan/capture";
import { buildWithComponents, organisation } from "../../bench/organisation";
import { longestChain, MINIMUM_CHAIN } from "../../bench/criticalPath";

describe("bench: the synthetic organisation", () => {
  let capture: Capture;
  let im: typeof import("../../components");

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
  });
  beforeEach(() => reset(capture));

  it("splits members into teams of about 8 and gives one response plan per 5 members", () => {
    const small = organisation(10);
    assert.deepEqual(
      small.teams.map((t) => t.aliases),
      [
        ["p1", "p3", "p5", "p7", "p9"],
        ["p2", "p4", "p6", "p8", "p10"],
      ],
    );
    assert.deepEqual(small.responsePlans, [
      { name: "service1", team: "team1" },
      { name: "service2", team: "team2" },
    ]);
    const large = organisation(1000);
    assert.equal(large.teams.length, 125);
    assert.ok(large.teams.every((t) => t.aliases.length === 8));
    assert.equal(large.responsePlans.length, 200);
    assert.equal(organisation(100).teams.length, 13);
  });

  it("registers these resources for 10 members, with no warning", async () => {
    buildWithComponents(im, organisation(10));
    await settle();
    const counts: Record<string, number> = {};
    for (const r of capture.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    assert.deepEqual(counts, {
      "incident-manager:index:IncidentManagerSetup": 1,
      "incident-manager:index:OnCallTeam": 2,
      "incident-manager:index:EscalationChain": 2,
      "incident-manager:index:ResponsePlanWithAlarms": 2,
      "aws-native:ssmincidents:ReplicationSet": 1,
      // 10 members and 2 escalation plans.
      "aws:ssmcontacts/contact:Contact": 12,
      "aws:ssmcontacts/contactChannel:ContactChannel": 10,
      // 10 engagement plans and 2 escalation plans.
      "aws:ssmcontacts/plan:Plan": 12,
      "aws-native:ssmcontacts:Rotation": 2,
      // The teams' on-call schedules.
      "aws-native:ssmcontacts:Contact": 2,
      "aws:ssmincidents/responsePlan:ResponsePlan": 2,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 4,
      "aws:cloudwatch/eventRule:EventRule": 2,
      "aws:cloudwatch/eventTarget:EventTarget": 2,
      "aws:iam/role:Role": 2,
      "aws:iam/rolePolicy:RolePolicy": 2,
    });
    assert.equal(capture.resources.length, 60);
    assert.deepEqual(capture.warnings, []);
  });

  it("finds the longest dependency chain, through the rotation and the schedule", async () => {
    buildWithComponents(im, organisation(10));
    await settle();
    const chain = longestChain(capture.resources);
    assert.deepEqual(
      chain.map((r) => r.name),
      [
        "org-replication-set",
        "team1-p1",
        "team1-p1-email",
        "team1-p1-plan",
        "team1-weekly",
        "team1-schedule",
        "team1-plan",
        "service1-response-plan",
        // The role policy that lets EventBridge start incidents with the plan.
        "service1-events",
        "service1-rule-service1-health",
      ],
    );
    assert.equal(MINIMUM_CHAIN.length, 7);
  });
});

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Capture, CapturedResource, installCapture, reset, settle } from "../../testing";
import { buildWithComponents, organisation } from "../../bench/organisation";
import { ALARM_TYPE, depthByType, longestChain, MINIMUM_CHAIN } from "../../bench/criticalPath";
import { PACKS, REPO_ROOT, repositoryRoot } from "../../bench/paths";

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

  it("serialises nothing the resource types do not need: every chain is at most 7 long", async () => {
    buildWithComponents(im, organisation(10));
    await settle();
    assert.equal(MINIMUM_CHAIN.length, 7);
    // The longest chain ending at each type. A rotation waits for its members' contacts only, and
    // an EventBridge target for the response plan and the role, not the role's policy.
    assert.deepEqual(depthByType(capture.resources), {
      "aws-native:ssmincidents:ReplicationSet": 1,
      "aws:ssmcontacts/contact:Contact": 2,
      "aws:iam/role:Role": 2,
      "aws:cloudwatch/eventRule:EventRule": 2,
      "aws:ssmcontacts/contactChannel:ContactChannel": 3,
      "aws-native:ssmcontacts:Rotation": 3,
      "aws-native:ssmcontacts:Contact": 4,
      // Engagement plans at 4, escalation plans at 5.
      "aws:ssmcontacts/plan:Plan": 5,
      "aws:ssmincidents/responsePlan:ResponsePlan": 6,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 7,
      "aws:iam/rolePolicy:RolePolicy": 7,
      "aws:cloudwatch/eventTarget:EventTarget": 7,
    });
    assert.equal(longestChain(capture.resources).length, MINIMUM_CHAIN.length);
    // Of the chains of 7 that end at an alarm, the first found: the rotation and the schedule
    // run alongside the member's channels and engagement plan.
    assert.deepEqual(
      longestChain(capture.resources, (r) => r.type === ALARM_TYPE).map((r) => r.name),
      [
        "org-replication-set",
        "team1-p1",
        "team1-weekly",
        "team1-schedule",
        "team1-plan",
        "service1-response-plan",
        "service1-alarm-service1-cpu",
      ],
    );
  });

  it("finds the longest chain ending where asked, or none", () => {
    const resource = (name: string, dependencies: string[], type = "t"): CapturedResource => ({
      urn: name,
      type,
      name,
      inputs: {},
      secretInputs: [],
      state: {},
      custom: true,
      protect: false,
      dependencies,
      propertyDependencies: {},
      additionalSecretOutputs: [],
    });
    const graph = [
      resource("a", []),
      resource("b", ["a"]),
      resource("c", ["b", "a", "missing"], "end"),
      resource("d", ["c"]),
    ];
    assert.deepEqual(
      longestChain(graph).map((r) => r.name),
      ["a", "b", "c", "d"],
    );
    assert.deepEqual(
      longestChain(graph, (r) => r.type === "end").map((r) => r.name),
      ["a", "b", "c"],
    );
    assert.deepEqual(
      longestChain(graph, () => false),
      [],
    );
    assert.deepEqual(depthByType(graph), { t: 4, end: 3 });
  });
});

describe("bench: paths", () => {
  it("finds the repository and both policy packs from the sources and from dist/bench", () => {
    const root = path.join(__dirname, "..", "..");
    assert.equal(REPO_ROOT, root);
    assert.equal(repositoryRoot(path.join(root, "dist", "bench")), root);
    assert.deepEqual(PACKS, {
      full: path.join(root, "policies"),
      trivial: path.join(root, "bench", "trivial-pack"),
    });
    for (const dir of Object.values(PACKS)) {
      assert.ok(fs.existsSync(path.join(dir, "PulumiPolicy.yaml")), `${dir} is a policy pack`);
    }
  });
});

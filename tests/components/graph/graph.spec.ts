import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as nativeTypes from "@pulumi/aws-native";
import { Capture, CapturedResource, installCapture, reset, settle } from "../../../testing";
import { coverage } from "../../../components/coverage";
import { renderTimeline } from "../../../components/timeline";
import {
  escalationTimelines,
  type GraphResource,
  readRotation,
  ResourceGraph,
  responsePlanReach,
  scheduleCoverage,
  UNKNOWN_REACH,
} from "../../../components/graph";
import { graphOf } from "../../../plan/report";
import { AT, FROM, withClassic, withComponents, withNative } from "./scenario";

const WEEK = { from: FROM, days: 7 };

/** Intervals as `start end who...` for compact exact assertions. */
const rows = (
  intervals: readonly {
    start: string;
    end: string;
    onCall?: readonly string[];
    reached?: readonly string[];
  }[],
) => intervals.map((i) => [i.start, i.end, ...(i.onCall ?? i.reached ?? [])].join(" "));

/** Who the schedule has on call each day of the week from FROM, London covering until 22:00. */
const SCHEDULE_ROWS = [
  "2026-11-02T00:00Z 2026-11-02T11:00Z taro",
  ...[2, 3, 4, 5, 6, 7, 8].flatMap((d) => {
    const day = String(d).padStart(2, "0");
    const next = String(d + 1).padStart(2, "0");
    return [
      `2026-11-${day}T11:00Z 2026-11-${day}T22:00Z jiro`,
      `2026-11-${day}T22:00Z 2026-11-${day}T23:00Z`,
      // The weekly hand-off, Monday 08:00 in Tokyo, is Sunday 23:00 UTC.
      d < 8
        ? `2026-11-${day}T23:00Z 2026-11-${next}T11:00Z taro`
        : "2026-11-08T23:00Z 2026-11-09T00:00Z hanako",
    ];
  }),
];

describe("components/graph", () => {
  let capture: Capture;
  let aws: typeof awsTypes;
  let native: typeof nativeTypes;
  let components: Parameters<typeof withComponents>[0];

  before(async () => {
    capture = await installCapture();
    aws = await import("@pulumi/aws");
    native = await import("@pulumi/aws-native");
    components = {
      team: await import("../../../components/onCallTeam"),
      chain: await import("../../../components/escalationChain"),
      plan: await import("../../../components/responsePlanWithAlarms"),
    };
  });
  beforeEach(() => reset(capture));

  /** The resources one build registered, copied out of the capture. */
  async function built(build: () => unknown): Promise<CapturedResource[]> {
    reset(capture);
    build();
    await settle();
    assert.deepEqual(capture.errors, []);
    return [...capture.resources];
  }

  describe("one scenario, three ways: components, raw @pulumi/aws, raw @pulumi/aws-native", () => {
    let flavours: { name: string; graph: ResourceGraph }[];
    let made: ReturnType<typeof withComponents>;

    before(async () => {
      const fromComponents = await built(() => (made = withComponents(components, "22:00")));
      const classic = await built(() => withClassic(aws, native, "22:00"));
      const awsNative = await built(() => withNative(native, "22:00"));
      flavours = [
        { name: "components", graph: graphOf(fromComponents) },
        { name: "@pulumi/aws", graph: graphOf(classic) },
        { name: "@pulumi/aws-native", graph: graphOf(awsNative) },
      ];
    });

    it("reads the same paging timeline as EscalationChain prints, from each flavour", () => {
      const expected = [
        "t+0  stage 1  taro   VOICE  +81******001       on call in sre-oncall, resend after 5 min if sending fails",
        "t+5  stage 2  kenji  EMAIL  k****@example.com",
      ].join("\n");
      assert.equal(renderTimeline(made.chain.timeline(AT)), expected);
      for (const { name, graph } of flavours) {
        const timelines = escalationTimelines(graph, AT);
        assert.deepEqual(
          timelines.map((t) => t.alias),
          ["payments-escalation"],
          name,
        );
        assert.deepEqual(timelines[0].entries, made.chain.timeline(AT), name);
        assert.equal(renderTimeline(timelines[0].entries), expected, name);
      }
    });

    it("reads the same on-call coverage as OnCallTeam computes, with a daily gap 22:00-23:00 UTC", () => {
      const team = made.team.coverage(WEEK);
      assert.deepEqual(rows(team.intervals), SCHEDULE_ROWS);
      assert.equal(team.gapMinutes, 7 * 60);
      for (const { name, graph } of flavours) {
        const [schedule, ...others] = scheduleCoverage(graph, WEEK);
        assert.deepEqual(others, [], name);
        assert.equal(schedule.schedule, "sre-oncall", name);
        assert.deepEqual(rows(schedule.intervals), SCHEDULE_ROWS, name);
        assert.deepEqual(schedule.gaps, team.gaps, name);
        assert.equal(schedule.gaps[0].start, "2026-11-02T22:00Z", name);
        assert.equal(schedule.gapMinutes, 7 * 60, name);
        assert.equal(schedule.coveredMinutes, 7 * 24 * 60 - 7 * 60, name);
        assert.deepEqual(schedule.unsettled, [], name);
      }
    });

    it("gives each response plan the same reach in each flavour", () => {
      const reports = flavours.map(({ graph }) =>
        responsePlanReach(graph, WEEK)
          .map((r) => r.report)
          .sort((a, b) => a.responsePlan.localeCompare(b.responsePlan)),
      );
      for (const [i, report] of reports.entries()) {
        assert.deepEqual(report, reports[0], flavours[i].name);
      }
      const byName = Object.fromEntries(reports[0].map((r) => [r.responsePlan, r]));
      assert.deepEqual(Object.keys(byName).sort(), [
        "direct-personal",
        "direct-schedule",
        "via-escalation",
      ]);
      // A schedule engaged directly: its gaps are the plan's.
      const schedule = byName["direct-schedule"];
      assert.deepEqual(rows(schedule.intervals), SCHEDULE_ROWS);
      assert.equal(schedule.gapMinutes, 7 * 60);
      assert.equal(schedule.reachedMinutes, 7 * 24 * 60 - 7 * 60);
      assert.deepEqual(schedule.gaps[6], { start: "2026-11-08T22:00Z", end: "2026-11-08T23:00Z" });
      // Through the escalation: the schedule, then kenji, who is reached at any hour.
      const escalation = byName["via-escalation"];
      assert.equal(escalation.gapMinutes, 0);
      assert.deepEqual(rows(escalation.intervals).slice(0, 3), [
        "2026-11-02T00:00Z 2026-11-02T11:00Z taro kenji",
        "2026-11-02T11:00Z 2026-11-02T22:00Z jiro kenji",
        "2026-11-02T22:00Z 2026-11-02T23:00Z kenji",
      ]);
      // A PERSONAL contact engaged directly is reached all the time.
      assert.deepEqual(rows(byName["direct-personal"].intervals), [
        "2026-11-02T00:00Z 2026-11-09T00:00Z kenji",
      ]);
      assert.equal(byName["direct-personal"].reachedMinutes, 7 * 24 * 60);
      assert.deepEqual(byName["direct-personal"].unsettled, []);
    });
  });

  describe("follow the sun", () => {
    it("a Tokyo and a London rotation leave no gap together though each alone has gaps", async () => {
      for (const build of [
        () => withClassic(aws, native, "23:00"),
        () => withNative(native, "23:00"),
      ]) {
        const graph = graphOf(await built(build));
        const [schedule] = scheduleCoverage(graph, WEEK);
        assert.deepEqual(schedule.gaps, []);
        assert.equal(schedule.coveredMinutes, 7 * 24 * 60);
        const [reach] = responsePlanReach(graph, WEEK).filter(
          (r) => r.report.responsePlan === "direct-schedule",
        );
        assert.equal(reach.report.gapMinutes, 0);
        const alone = graph.ofKind("rotation").map((r) => {
          const read = readRotation(graph, r);
          assert.ok("rotation" in read);
          const report = coverage([read.rotation], WEEK);
          return [read.rotation.name, report.gapMinutes, report.gaps[0]];
        });
        alone.sort((a, b) => String(b[0]).localeCompare(String(a[0])));
        assert.deepEqual(alone, [
          // Tokyo covers 23:00-11:00 UTC, London 11:00-23:00 UTC.
          ["tokyo", 7 * 12 * 60, { start: "2026-11-02T11:00Z", end: "2026-11-02T23:00Z" }],
          ["london", 7 * 12 * 60, { start: "2026-11-02T00:00Z", end: "2026-11-02T11:00Z" }],
        ]);
      }
    });
  });

  describe("values unknown in preview", () => {
    /** A resource whose property `key` throws as the policy SDK's unknown values do. */
    const node = (
      type: string,
      name: string,
      props: Record<string, unknown>,
      unknown: readonly string[] = [],
      propertyDependencies: Record<string, GraphResource[]> = {},
    ): GraphResource => {
      const bag = { ...props };
      for (const key of unknown) {
        Object.defineProperty(bag, key, {
          enumerable: true,
          get() {
            throw new Error(`${key} is unknown`);
          },
        });
      }
      bag.arn ??= `arn:aws:ssm-contacts:us-east-1:123456789012:contact/${name}`;
      return { type, name, urn: `urn:${type}::${name}`, props: bag, propertyDependencies };
    };

    it("an engagement ARN not yet known reaches (unknown), never a gap", () => {
      const plan = node("aws-native:ssmincidents:ResponsePlan", "p", { name: "pending" }, [
        "engagements",
      ]);
      const [reading] = responsePlanReach(new ResourceGraph([plan]), WEEK);
      assert.deepEqual(rows(reading.report.intervals), [
        `2026-11-02T00:00Z 2026-11-09T00:00Z ${UNKNOWN_REACH}`,
      ]);
      assert.equal(reading.report.gapMinutes, 0);
      assert.deepEqual(reading.report.unsettled, ["the engagements of ResponsePlan 'p': unknown"]);
      assert.ok(reading.unknowns[0].error instanceof Error);
    });

    it("a rotation ARN not yet known leaves the schedule (unknown), or follows its one dependency", () => {
      const rotation = node("aws-native:ssmcontacts:Rotation", "r", {
        name: "day",
        contactIds: ["arn:aws:ssm-contacts:us-east-1:123456789012:contact/amy"],
        startTime: "2026-11-02T00:00:00",
        timeZoneId: "UTC",
        recurrence: { dailySettings: ["00:00"], numberOfOnCalls: 1, recurrenceMultiplier: 1 },
      });
      const stage = {};
      Object.defineProperty(stage, "rotationIds", {
        enumerable: true,
        get() {
          throw new Error("rotationIds is unknown");
        },
      });
      const schedule = (deps: GraphResource[]) =>
        node(
          "aws-native:ssmcontacts:Contact",
          "s",
          { alias: "oncall", type: "ONCALL_SCHEDULE", plan: [stage] },
          [],
          { plan: deps },
        );
      // Reading `plan[0].rotationIds` throws: nothing is known of the schedule's rotations.
      const [unknown] = scheduleCoverage(new ResourceGraph([schedule([]), rotation]), WEEK);
      assert.equal(unknown.gapMinutes, 0);
      assert.deepEqual(rows(unknown.intervals), [
        `2026-11-02T00:00Z 2026-11-09T00:00Z ${UNKNOWN_REACH}`,
      ]);
      assert.deepEqual(unknown.unsettled, ["the rotations of Contact 's': unknown"]);
    });

    it("an escalation target not yet known follows the stage's one contact dependency", () => {
      const amy = node("aws:ssmcontacts/contact:Contact", "amy", {
        alias: "amy",
        type: "PERSONAL",
      });
      const bob = node("aws:ssmcontacts/contact:Contact", "bob", {
        alias: "bob",
        type: "PERSONAL",
      });
      const target = {};
      Object.defineProperty(target, "contactId", {
        enumerable: true,
        get() {
          throw new Error("contactId is unknown");
        },
      });
      const graphWith = (deps: GraphResource[]) => {
        const contact = node(
          "aws-native:ssmcontacts:Contact",
          "esc",
          {
            alias: "esc",
            type: "ESCALATION",
            plan: [{ durationInMinutes: 0, targets: [{ contactTargetInfo: target }] }],
          },
          [],
          { plan: deps },
        );
        const plan = node("aws:ssmincidents/responsePlan:ResponsePlan", "rp", {
          name: "rp",
          engagements: ["arn:aws:ssm-contacts:us-east-1:123456789012:contact/esc"],
        });
        return new ResourceGraph([amy, bob, contact, plan]);
      };
      const [one] = responsePlanReach(graphWith([amy]), WEEK);
      assert.deepEqual(rows(one.report.intervals), ["2026-11-02T00:00Z 2026-11-09T00:00Z amy"]);
      // Two candidates: the graph cannot tell which, so the minutes are unknown, not a gap.
      const [two] = responsePlanReach(graphWith([amy, bob]), WEEK);
      assert.deepEqual(rows(two.report.intervals), [
        `2026-11-02T00:00Z 2026-11-09T00:00Z ${UNKNOWN_REACH}`,
      ]);
      assert.equal(two.report.gapMinutes, 0);
      assert.deepEqual(two.report.unsettled, ["`plan[0].targets[0].contactTargetInfo`: unknown"]);
    });
  });
});

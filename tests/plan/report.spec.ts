import { strict as assert } from "assert";
import { captured } from "../support/captured";
import { coverage, type RotationDefinition } from "../../components/coverage";
import type { BuiltComponent } from "../../plan/program";
import { coverageOf, notesOf } from "../../plan/report";

describe("plan/report notes", () => {
  it("notes how a replication set of several regions may change, in both provider flavours", () => {
    assert.deepEqual(
      notesOf([
        captured("aws-native:ssmincidents:ReplicationSet", "two", {
          regions: [{ regionName: "ap-northeast-1" }, { regionName: "ap-northeast-2" }],
        }),
        captured("aws:ssmincidents/replicationSet:ReplicationSet", "one", {
          regions: [{ name: "us-east-1" }],
        }),
        captured("aws:ssmincidents/replicationSet:ReplicationSet", "classic", {
          regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
        }),
      ]),
      [
        "Replication set two (ap-northeast-1, ap-northeast-2): change one region per update; a region cannot be removed within 24 hours of its creation, and a region's key cannot change in place.",
        "Replication set classic (us-east-1, us-west-2): change one region per update; a region cannot be removed within 24 hours of its creation, and a region's key cannot change in place.",
      ],
    );
  });
});

describe("plan/report coverage marks", () => {
  it("marks the coverage of a team whose rotations depend on an unsettled reading", () => {
    const rotations: RotationDefinition[] = [
      {
        name: "pairs",
        members: ["amy", "bob", "cy"],
        startTime: "2026-06-01T09:00:00",
        timeZone: "UTC",
        recurrence: { daily: ["09:00"], numberOfOnCalls: 2 },
      },
    ];
    const team = {
      type: "incident-manager:index:OnCallTeam",
      name: "sre",
      instance: {
        schedule: { alias: "sre-oncall" },
        rotationDefinitions: rotations,
        coverage: (w: { from: Date; days: number }) => coverage(rotations, w),
      },
    } as unknown as BuiltComponent;
    const [report] = coverageOf([team], new Date("2026-06-01T09:00:00Z"));
    assert.deepEqual(report.unsettled, ["pairs: 2 on call at once: the next 2 members, wrapping"]);
    assert.deepEqual(report.intervals[0].onCall, ["amy", "bob"]);
  });
});

import { strict as assert } from "assert";
import { Capture, installCapture, reset, settle } from "../../testing";
import { EMERGENCY_TIMELINE, TIMELINE_AT } from "../support/scenario";

type Components = typeof import("../../components");

/**
 * The real OnCallTeam and EscalationChain together: the chain checks the final stage and prints
 * its timeline from the references the team returns, not from hand-built ones.
 */
describe("OnCallTeam and EscalationChain together", () => {
  let capture: Capture;
  let im: Components;

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
  });
  beforeEach(() => reset(capture));

  const members = [
    { alias: "taro", displayName: "Taro", channels: [{ type: "VOICE", address: "090-1234-5001" }] },
    { alias: "jiro", displayName: "Jiro", channels: [{ type: "SMS", address: "090-1234-5002" }] },
    {
      alias: "saburo",
      displayName: "Saburo",
      channels: [{ type: "EMAIL", address: "saburo@example.com" }],
    },
  ] as const;
  const rotation = {
    name: "weekly",
    members: ["taro", "jiro"],
    startTime: "2026-11-02T09:00:00",
    timeZone: "Asia/Tokyo",
    recurrence: { weekly: [{ dayOfWeek: "MON" as const, handOffTime: "09:00" }] },
  };

  function build(allowInterruptiveFinalStage = false, last = "saburo") {
    const setup = new im.IncidentManagerSetup("im", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
    });
    const team = new im.OnCallTeam("sre", {
      setup,
      defaultCountry: "JP",
      members: members.map((m) => ({
        ...m,
        channels: [...m.channels],
        engagement: [{ channel: m.channels[0].type, afterMinutes: 0, retryIntervalInMinutes: 0 }],
      })),
      rotations: [rotation],
    });
    const chain = new im.EscalationChain("emergency", {
      setup,
      alias: "emergency-escalation-plan",
      displayName: "Emergency escalation plan",
      allowInterruptiveFinalStage,
      stages: [
        { durationInMinutes: 5, targets: [{ target: team.member("taro") }] },
        { durationInMinutes: 5, targets: [{ target: team.member("jiro") }] },
        { durationInMinutes: 0, targets: [{ target: team.member(last) }] },
      ],
    });
    return { setup, team, chain };
  }

  /** A chain that pages the team's on-call schedule, then saburo. */
  function onCallChain(
    setup: InstanceType<Components["IncidentManagerSetup"]>,
    team: InstanceType<Components["OnCallTeam"]>,
  ) {
    return new im.EscalationChain("oncall", {
      setup,
      alias: "oncall-escalation",
      displayName: "On-call escalation",
      stages: [
        { durationInMinutes: 10, targets: [{ target: team.schedule! }] },
        { durationInMinutes: 0, targets: [{ target: team.member("saburo") }] },
      ],
    });
  }

  it("prints the reference scenario's timeline from the team's own references", async () => {
    const { chain } = build();
    await settle();
    assert.equal(im.renderTimeline(chain.timeline(TIMELINE_AT)), EMERGENCY_TIMELINE);
  });

  it("makes the escalation plan wait for each engaged contact, its channels and its plan", async () => {
    build();
    await settle();
    const plan = capture.resources.find((r) => r.name === "emergency-plan")!;
    const urnOf = (name: string) => capture.resources.find((r) => r.name === name)!.urn;
    for (const alias of ["taro", "jiro", "saburo"]) {
      assert.ok(plan.dependencies.includes(urnOf(`sre-${alias}`)), `waits for ${alias}`);
      assert.ok(
        plan.dependencies.includes(urnOf(`sre-${alias}-plan`)),
        `waits for ${alias}'s plan`,
      );
    }
    assert.ok(plan.dependencies.includes(urnOf("im-replication-set")));
  });

  it("resolves an on-call schedule target to whoever is on call", async () => {
    const setup = new im.IncidentManagerSetup("im", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
    });
    const team = new im.OnCallTeam("sre", {
      setup,
      defaultCountry: "JP",
      members: members.map((m) => ({ ...m, channels: [...m.channels] })),
      rotations: [rotation],
    });
    const chain = onCallChain(setup, team);
    // Tuesday 3 November 2026, 10:00 in Tokyo: the first week of the rotation, taro's.
    const entries = chain.timeline(new Date("2026-11-03T01:00:00Z"));
    assert.deepEqual(
      entries.map((e) => [e.offsetMinutes, e.stage, e.contact, e.channelType]),
      [
        [0, 1, "taro", "VOICE"],
        [10, 2, "saburo", "EMAIL"],
      ],
    );
    // The week after, jiro is on call.
    const next = chain.timeline(new Date("2026-11-10T01:00:00Z"));
    assert.equal(next[0].contact, "jiro");
    await settle();
  });

  it("makes an escalation plan engaging the schedule wait for every on-call member's channels and plan", async () => {
    const { setup, team } = build();
    onCallChain(setup, team);
    await settle();
    const named = (name: string) => capture.resources.find((r) => r.name === name)!;
    assert.deepEqual(
      named("oncall-plan")
        .dependencies.map((urn) => urn.split("::").pop())
        .sort(),
      [
        "im-replication-set",
        "oncall-contact",
        "sre-schedule",
        "sre-weekly",
        ...["sre-taro", "sre-taro-voice", "sre-taro-plan"],
        ...["sre-jiro", "sre-jiro-sms", "sre-jiro-plan"],
        ...["sre-saburo", "sre-saburo-email", "sre-saburo-plan"],
      ].sort(),
    );
    // The rotation itself waits only for the contacts it lists.
    assert.deepEqual(
      named("sre-weekly")
        .dependencies.map((urn) => urn.split("::").pop())
        .sort(),
      ["im-replication-set", "sre-jiro", "sre-taro"],
    );
  });

  it("rejects a final stage whose team member is reached by VOICE", () => {
    assert.throws(
      () => build(false, "taro"),
      (err: Error) =>
        err.message ===
        "EscalationChain 'emergency': `stages[2].targets[0].target` is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got taro by VOICE. Engage a contact whose engagement plan uses only EMAIL, or set `allowInterruptiveFinalStage: true`.",
    );
  });
});

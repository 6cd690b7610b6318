import { strict as assert } from "assert";
import { Capture, CapturedResource, installCapture, reset, settle, valueOf } from "../../testing";
import { EMERGENCY_ALARM, EMERGENCY_TIMELINE, TIMELINE_AT } from "../support/scenario";

type Components = typeof import("../../components");

const ACCOUNT = "123456789012";
const contactArn = (alias: string) =>
  `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact/${alias}`;
const PLAN_ARN = `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/emergency-response-plan`;

/**
 * The reference scenario end to end, from the four real components: a CPU alarm opens the incident
 * "Emergency Occurred" (impact 3) through the response plan "emergency-response-plan", which
 * engages the escalation plan "emergency-escalation-plan": taro by VOICE for 5 minutes, jiro by
 * SMS for 5 minutes, then saburo by EMAIL, every target essential. The replication set is in
 * ap-northeast-1 and ap-northeast-2; numbers are written 090-xxxx-xxxx with defaultCountry JP.
 */
describe("the reference scenario: alarm, response plan, escalation chain and team", () => {
  let capture: Capture;
  let im: Components;

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
  });
  beforeEach(() => reset(capture));

  function build() {
    const setup = new im.IncidentManagerSetup("im", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
    });
    const person = (alias: string, type: "VOICE" | "SMS" | "EMAIL", address: string) => ({
      alias,
      displayName: alias[0].toUpperCase() + alias.slice(1),
      channels: [{ type, address }],
      // Each engagement plan reaches its only channel at once.
      engagement: [{ channel: type, afterMinutes: 0, retryIntervalInMinutes: 0 }],
    });
    const team = new im.OnCallTeam("sre", {
      setup,
      defaultCountry: "JP",
      members: [
        person("taro", "VOICE", "090-1234-5001"),
        person("jiro", "SMS", "090-1234-5002"),
        person("saburo", "EMAIL", "saburo@example.com"),
      ],
      rotations: [
        {
          name: "weekly",
          members: ["taro", "jiro"],
          startTime: "2026-11-02T09:00:00",
          timeZone: "Asia/Tokyo",
          recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
        },
      ],
    });
    const chain = new im.EscalationChain("emergency", {
      setup,
      alias: "emergency-escalation-plan",
      displayName: "Emergency escalation plan",
      stages: [
        { durationInMinutes: 5, targets: [{ target: team.member("taro") }] },
        { durationInMinutes: 5, targets: [{ target: team.member("jiro") }] },
        { durationInMinutes: 0, targets: [{ target: team.member("saburo") }] },
      ],
    });
    const plan = new im.ResponsePlanWithAlarms("emergency", {
      setup,
      responsePlanName: "emergency-response-plan",
      incident: { title: "Emergency Occurred", impact: 3 },
      engagements: [chain],
      alarms: [EMERGENCY_ALARM],
    });
    return { setup, team, chain, plan };
  }

  const named = (name: string, type?: string): CapturedResource => {
    const found = capture.resources.filter((r) => r.name === name && (!type || r.type === type));
    assert.equal(found.length, 1, `one resource named ${name}`);
    return found[0];
  };

  it("registers exactly these resources, in this order, under these parents", async () => {
    build();
    await settle();
    const component = (type: string) => `incident-manager:index:${type}`;
    assert.deepEqual(
      capture.resources.map((r) => `${r.type}::${r.name}`),
      [
        `${component("IncidentManagerSetup")}::im`,
        `${component("OnCallTeam")}::sre`,
        `${component("EscalationChain")}::emergency`,
        `${component("ResponsePlanWithAlarms")}::emergency`,
        "aws-native:ssmincidents:ReplicationSet::im-replication-set",
        "aws:ssmcontacts/contact:Contact::sre-taro",
        "aws:ssmcontacts/contact:Contact::sre-jiro",
        "aws:ssmcontacts/contact:Contact::sre-saburo",
        "aws:ssmcontacts/contact:Contact::emergency-contact",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-taro-voice",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-jiro-sms",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-saburo-email",
        "aws-native:ssmcontacts:Rotation::sre-weekly",
        "aws:ssmcontacts/plan:Plan::sre-taro-plan",
        "aws:ssmcontacts/plan:Plan::sre-jiro-plan",
        "aws:ssmcontacts/plan:Plan::sre-saburo-plan",
        "aws-native:ssmcontacts:Contact::sre-schedule",
        "aws:ssmcontacts/plan:Plan::emergency-plan",
        "aws:ssmincidents/responsePlan:ResponsePlan::emergency-response-plan",
        "aws:cloudwatch/metricAlarm:MetricAlarm::emergency-alarm-emergency-alarm",
      ],
    );
    assert.equal(capture.resources.length, 20);

    const urn = (type: string, name: string) => named(name, component(type)).urn;
    const parentOf = Object.fromEntries(capture.resources.map((r) => [r.name, r.parent]));
    const under = (type: string, name: string, children: string[]) =>
      children.forEach((child) =>
        assert.equal(parentOf[child], urn(type, name), `${child} is a child of ${name}`),
      );
    for (const type of ["IncidentManagerSetup", "OnCallTeam", "EscalationChain"]) {
      assert.equal(capture.resources.find((r) => r.type === component(type))!.parent, undefined);
    }
    assert.equal(named("emergency", component("ResponsePlanWithAlarms")).parent, undefined);
    under("IncidentManagerSetup", "im", ["im-replication-set"]);
    under("OnCallTeam", "sre", [
      ...["taro", "jiro", "saburo"].flatMap((a) => [`sre-${a}`, `sre-${a}-plan`]),
      "sre-taro-voice",
      "sre-jiro-sms",
      "sre-saburo-email",
      "sre-weekly",
      "sre-schedule",
    ]);
    under("EscalationChain", "emergency", ["emergency-contact", "emergency-plan"]);
    under("ResponsePlanWithAlarms", "emergency", [
      "emergency-response-plan",
      "emergency-alarm-emergency-alarm",
    ]);
    assert.deepEqual(capture.warnings, []);
  });

  it("stores the 090 numbers in E.164 form, secret, and reaches each channel at once", async () => {
    build();
    await settle();
    const channels = capture.resources.filter(
      (r) => r.type === "aws:ssmcontacts/contactChannel:ContactChannel",
    );
    assert.deepEqual(
      channels.map((c) => [c.name, c.inputs.type, c.inputs.deliveryAddress, c.secretInputs]),
      [
        ["sre-taro-voice", "VOICE", { simpleAddress: "+819012345001" }, ["deliveryAddress"]],
        ["sre-jiro-sms", "SMS", { simpleAddress: "+819012345002" }, ["deliveryAddress"]],
        ["sre-saburo-email", "EMAIL", { simpleAddress: "saburo@example.com" }, ["deliveryAddress"]],
      ],
    );
    for (const [alias, channel] of [
      ["taro", "voice"],
      ["jiro", "sms"],
      ["saburo", "email"],
    ]) {
      assert.deepEqual(named(`sre-${alias}-plan`).inputs, {
        contactId: contactArn(alias),
        region: "ap-northeast-1",
        stages: [
          {
            durationInMinutes: 0,
            targets: [
              {
                channelTargetInfo: {
                  contactChannelId: `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact-channel/${alias}/sre-${alias}-${channel}`,
                  retryIntervalInMinutes: 0,
                },
              },
            ],
          },
        ],
      });
    }
  });

  it("builds the escalation plan 5/5/0 with every target essential", async () => {
    build();
    await settle();
    assert.deepEqual(named("emergency-contact").inputs, {
      alias: "emergency-escalation-plan",
      displayName: "Emergency escalation plan",
      type: "ESCALATION",
      region: "ap-northeast-1",
    });
    const stage = (minutes: number, alias: string) => ({
      durationInMinutes: minutes,
      targets: [{ contactTargetInfo: { contactId: contactArn(alias), isEssential: true } }],
    });
    assert.deepEqual(named("emergency-plan").inputs, {
      contactId: contactArn("emergency-escalation-plan"),
      region: "ap-northeast-1",
      stages: [stage(5, "taro"), stage(5, "jiro"), stage(0, "saburo")],
    });
  });

  it("opens the incident through the response plan, which engages the chain", async () => {
    const { plan, chain } = build();
    await settle();
    assert.deepEqual(named("emergency-response-plan").inputs, {
      region: "ap-northeast-1",
      name: "emergency-response-plan",
      incidentTemplate: { title: "Emergency Occurred", impact: 3 },
      engagements: [contactArn("emergency-escalation-plan")],
    });
    const alarm = named("emergency-alarm-emergency-alarm");
    assert.deepEqual(alarm.inputs, {
      ...EMERGENCY_ALARM,
      region: "ap-northeast-1",
      alarmActions: [PLAN_ARN],
    });
    assert.ok((alarm.inputs.alarmActions as string[]).includes(PLAN_ARN));
    assert.equal(await valueOf(plan.arn), PLAN_ARN);
    assert.equal(await valueOf(chain.arn), contactArn("emergency-escalation-plan"));
    assert.deepEqual(await valueOf(plan.alarmArns), {
      "emergency-alarm": `arn:aws:cloudwatch:ap-northeast-1:${ACCOUNT}:alarm:emergency-alarm`,
    });
    assert.deepEqual(await valueOf(plan.ruleArns), {});
    assert.equal(plan.runbookRoleArn, undefined);
  });

  it("orders the deployment: replication set, contacts, chain, plan, alarm", async () => {
    build();
    await settle();
    const depends = (name: string, on: string) =>
      assert.ok(named(name).dependencies.includes(named(on).urn), `${name} waits for ${on}`);
    const set = "im-replication-set";
    const children = capture.resources.filter(
      (r) => !r.type.startsWith("incident-manager:") && r.name !== set,
    );
    assert.equal(children.length, 15);
    children.forEach((r) => depends(r.name, set));
    assert.deepEqual(named(set).dependencies, []);
    // The alarm is created after the plan it names as its action.
    depends("emergency-alarm-emergency-alarm", "emergency-response-plan");
    // The response plan after the chain it engages.
    depends("emergency-response-plan", "emergency-contact");
    depends("emergency-response-plan", "emergency-plan");
    // The chain's plan after every contact it engages, their channels and their plans.
    for (const [alias, channel] of [
      ["taro", "voice"],
      ["jiro", "sms"],
      ["saburo", "email"],
    ]) {
      for (const name of [`sre-${alias}`, `sre-${alias}-${channel}`, `sre-${alias}-plan`]) {
        depends("emergency-plan", name);
      }
    }
    depends("emergency-plan", "emergency-contact");
    // The rotation after the setup and the contacts it lists (taro and jiro), not after their
    // channels or plans.
    assert.deepEqual(
      [...named("sre-weekly").dependencies].sort(),
      [set, "sre-taro", "sre-jiro"].map((n) => named(n).urn).sort(),
    );
    // Nothing waits for the alarm, and the plan does not wait for the team's schedule.
    for (const r of capture.resources) {
      assert.ok(!r.dependencies.includes(named("emergency-alarm-emergency-alarm").urn));
    }
    assert.ok(!named("emergency-response-plan").dependencies.includes(named("sre-schedule").urn));
  });

  it("prints who is paged when, if nobody acknowledges", async () => {
    const { chain } = build();
    await settle();
    assert.equal(im.renderTimeline(chain.timeline(TIMELINE_AT)), EMERGENCY_TIMELINE);
  });
});

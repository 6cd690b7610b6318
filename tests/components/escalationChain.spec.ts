import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Capture, installCapture, reset, settle, valueOf } from "../../testing";
import { assertRejected, itRejects, RejectCase } from "../support/rejects";
import { contactArn, member, schedule } from "../support/references";

type Chain = typeof import("../../components/escalationChain");
type Setup = typeof import("../../components/incidentManagerSetup");
type Timeline = typeof import("../../components/timeline");

const CONTACT = "aws:ssmcontacts/contact:Contact";
const PLAN = "aws:ssmcontacts/plan:Plan";
const COMPONENT = "incident-manager:index:EscalationChain";

describe("EscalationChain", () => {
  let capture: Capture;
  let mod: Chain;
  let setupMod: Setup;
  let timeline: Timeline;

  before(async () => {
    capture = await installCapture();
    mod = await import("../../components/escalationChain");
    setupMod = await import("../../components/incidentManagerSetup");
    timeline = await import("../../components/timeline");
  });
  beforeEach(() => reset(capture));

  const byType = (type: string) => capture.resources.filter((r) => r.type === type);
  const one = (type: string) => {
    const found = byType(type);
    assert.equal(found.length, 1, `expected one ${type}, got ${found.length}`);
    return found[0];
  };

  const taro = member("taro", [["VOICE", "+819012340001"]]);
  const jiro = member("jiro", [["SMS", "+819012340002"]]);
  const saburo = member("saburo", [["EMAIL", "saburo@example.com"]]);
  const reference = () => ({
    alias: "payments-escalation",
    displayName: "Payments escalation",
    stages: [
      { durationInMinutes: 5, targets: [{ target: taro }] },
      { durationInMinutes: 5, targets: [{ target: jiro }] },
      { durationInMinutes: 0, targets: [{ target: saburo }] },
    ],
  });

  describe("the reference scenario: taro (VOICE), jiro (SMS), then saburo (EMAIL)", () => {
    it("registers one ESCALATION contact and its plan of stages 5/5/0, nothing else", async () => {
      const chain = new mod.EscalationChain("payments", reference());
      await settle();
      assert.deepEqual(
        capture.resources.map((r) => `${r.type}::${r.name}`),
        [`${COMPONENT}::payments`, `${CONTACT}::payments-contact`, `${PLAN}::payments-plan`],
      );
      const component = one(COMPONENT);
      const contact = one(CONTACT);
      const plan = one(PLAN);
      assert.equal(contact.parent, component.urn);
      assert.equal(plan.parent, component.urn);
      assert.deepEqual(contact.inputs, {
        alias: "payments-escalation",
        displayName: "Payments escalation",
        type: "ESCALATION",
      });
      const escalationArn =
        "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/payments-escalation";
      assert.deepEqual(plan.inputs, {
        contactId: escalationArn,
        stages: [
          {
            durationInMinutes: 5,
            targets: [{ contactTargetInfo: { contactId: contactArn("taro"), isEssential: true } }],
          },
          {
            durationInMinutes: 5,
            targets: [{ contactTargetInfo: { contactId: contactArn("jiro"), isEssential: true } }],
          },
          {
            durationInMinutes: 0,
            targets: [
              { contactTargetInfo: { contactId: contactArn("saburo"), isEssential: true } },
            ],
          },
        ],
      });
      assert.deepEqual(plan.dependencies, [contact.urn]);
      assert.deepEqual(contact.dependencies, []);
      assert.deepEqual(contact.secretInputs, []);
      assert.deepEqual(plan.secretInputs, []);
      assert.equal(await valueOf(chain.arn), escalationArn);
      assert.equal(chain.alias, "payments-escalation");
      assert.deepEqual(chain.dependencies, [chain.contact, chain.plan]);
      assert.deepEqual(capture.warnings, []);
    });

    it("prints the paging timeline", () => {
      const chain = new mod.EscalationChain("payments", reference());
      assert.equal(
        timeline.renderTimeline(chain.timeline()),
        [
          "t+0   stage 1  taro    VOICE  +81******001",
          "t+5   stage 2  jiro    SMS    +81******002",
          "t+10  stage 3  saburo  EMAIL  s*****@example.com",
        ].join("\n"),
      );
    });
  });

  it("creates its resources in the setup's primary region, after the replication set, with tags", async () => {
    const setup = new setupMod.IncidentManagerSetup("im", {
      regions: ["ap-northeast-2", "ap-northeast-1"],
      allowDestroy: true,
      tags: { team: "sre", env: "prod" },
    });
    const chain = new mod.EscalationChain("payments", {
      ...reference(),
      setup,
      tags: { env: "staging", service: "payments" },
    });
    await settle();
    const set = one("aws-native:ssmincidents:ReplicationSet");
    const contact = one(CONTACT);
    const plan = one(PLAN);
    assert.equal(contact.inputs.region, "ap-northeast-2");
    assert.equal(plan.inputs.region, "ap-northeast-2");
    assert.deepEqual(contact.inputs.tags, { team: "sre", env: "staging", service: "payments" });
    assert.equal(plan.inputs.tags, undefined);
    assert.deepEqual(contact.dependencies, [set.urn]);
    assert.deepEqual([...plan.dependencies].sort(), [set.urn, contact.urn].sort());
    assert.equal(
      await valueOf(chain.arn),
      "arn:aws:ssm-contacts:ap-northeast-2:123456789012:contact/payments-escalation",
    );
    assert.equal(capture.resources.length, 2 + 3);
  });

  it("passes essential flags through, defaulting to true", async () => {
    const chain = new mod.EscalationChain("payments", {
      alias: "payments-escalation",
      displayName: "Payments escalation",
      stages: [
        {
          durationInMinutes: 10,
          targets: [{ target: taro, isEssential: false }, { target: jiro }],
        },
        { durationInMinutes: 0, targets: [{ target: saburo, isEssential: true }] },
      ],
    });
    await settle();
    const stages = one(PLAN).inputs.stages as {
      targets: { contactTargetInfo: { contactId: string; isEssential: boolean } }[];
    }[];
    assert.deepEqual(
      stages.map((s) => s.targets.map((t) => t.contactTargetInfo.isEssential)),
      [[false, true], [true]],
    );
    assert.deepEqual(
      chain.timeline().map((e) => [e.contact, e.isEssential]),
      [
        ["taro", false],
        ["jiro", true],
        ["saburo", true],
      ],
    );
  });

  describe("an on-call schedule target", () => {
    // taro is on call on weekdays from 09:00 to 18:00 UTC; nobody otherwise.
    const oncall = schedule("sre-oncall", [taro, jiro], (at) =>
      at.getUTCHours() >= 9 && at.getUTCHours() < 18 ? ["taro"] : [],
    );
    const args = () => ({
      alias: "payments-escalation",
      displayName: "Payments escalation",
      stages: [
        { durationInMinutes: 15, targets: [{ target: oncall }] },
        { durationInMinutes: 0, targets: [{ target: saburo }] },
      ],
    });

    it("engages the schedule's ARN and resolves who is on call in the timeline", async () => {
      const chain = new mod.EscalationChain("payments", args());
      await settle();
      const stages = one(PLAN).inputs.stages as {
        targets: { contactTargetInfo: { contactId: string } }[];
      }[];
      assert.equal(stages[0].targets[0].contactTargetInfo.contactId, contactArn("sre-oncall"));
      const day = chain.timeline(new Date("2026-01-05T10:00:00Z"));
      assert.deepEqual(
        day.map((e) => [e.offsetMinutes, e.stage, e.contact, e.schedule, e.status, e.address]),
        [
          [0, 1, "taro", "sre-oncall", "page", "+81******001"],
          [15, 2, "saburo", undefined, "page", "s*****@example.com"],
        ],
      );
    });

    it("flags the stage when nobody is on call", () => {
      const chain = new mod.EscalationChain("payments", args());
      assert.equal(
        timeline.renderTimeline(chain.timeline(new Date("2026-01-05T23:00:00Z"))),
        [
          "t+0   stage 1  sre-oncall  -      nobody on call: this stage pages no one through the schedule",
          "t+15  stage 2  saburo      EMAIL  s*****@example.com",
        ].join("\n"),
      );
    });
  });

  it("waits for the resources of the contacts it engages", async () => {
    const { ssmcontacts } = await import("@pulumi/aws");
    const hanakoContact = new ssmcontacts.Contact("sre-hanako", {
      alias: "hanako",
      type: "PERSONAL",
    });
    const hanako = member("hanako", [["EMAIL", "hanako@example.com"]], {
      arn: hanakoContact.arn,
      dependencies: [hanakoContact],
    });
    new mod.EscalationChain("payments", {
      alias: "payments-escalation",
      displayName: "Payments escalation",
      stages: [{ durationInMinutes: 0, targets: [{ target: hanako }] }],
    });
    await settle();
    const plan = one(PLAN);
    const hanakoUrn = capture.resources.find((r) => r.name === "sre-hanako")!.urn;
    assert.ok(plan.dependencies.includes(hanakoUrn), "the plan depends on hanako's contact");
    assert.deepEqual(plan.propertyDependencies.stages, [hanakoUrn]);
  });

  describe("contact ARN targets", () => {
    const hanakoArn = "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/hanako";

    it("engages a contact by ARN and shows its alias with channels unknown", async () => {
      const chain = new mod.EscalationChain("payments", {
        alias: "payments-escalation",
        displayName: "Payments escalation",
        stages: [
          { durationInMinutes: 5, targets: [{ target: taro }] },
          // Not checked here: an ARN's channels are the policy pack's to check.
          { durationInMinutes: 0, targets: [{ target: { arn: hanakoArn } }] },
        ],
      });
      await settle();
      const stages = one(PLAN).inputs.stages as {
        targets: { contactTargetInfo: { contactId: string } }[];
      }[];
      assert.equal(stages[1].targets[0].contactTargetInfo.contactId, hanakoArn);
      assert.equal(
        timeline.renderTimeline(chain.timeline()),
        [
          "t+0  stage 1  taro    VOICE             +81******001",
          "t+5  stage 2  hanako  channels unknown",
        ].join("\n"),
      );
      assert.deepEqual(capture.warnings, [
        "EscalationChain 'payments': the final stage engages hanako (`stages[1].targets[0].target`) without `channelTypes`, so it cannot be checked to reach its targets by EMAIL only. Pass the OnCallTeam's target, or give `channelTypes`.",
      ]);
    });

    it("accepts an Output ARN and checks it when it resolves", async () => {
      const good = new mod.EscalationChain("good", {
        alias: "good",
        displayName: "Good",
        stages: [
          { durationInMinutes: 0, targets: [{ target: { arn: pulumi.output(hanakoArn) } }] },
        ],
      });
      await settle();
      assert.deepEqual(one(PLAN).inputs.stages, [
        {
          durationInMinutes: 0,
          targets: [{ contactTargetInfo: { contactId: hanakoArn, isEssential: true } }],
        },
      ]);
      assert.equal(good.timeline()[0].contact, "(unresolved ARN)");

      reset(capture);
      const topic = "arn:aws:sns:ap-northeast-1:123456789012:alerts";
      const bad = new mod.EscalationChain("bad", {
        alias: "bad",
        displayName: "Bad",
        stages: [{ durationInMinutes: 0, targets: [{ target: { arn: pulumi.output(topic) } }] }],
      });
      await assert.rejects(
        valueOf(bad.plan.stages),
        (err: Error) =>
          err.name === "ValidationError" &&
          err.message.endsWith(
            `EscalationChain 'bad': \`stages[0].targets[0].target.arn\` must be an SSM Contacts contact ARN (arn:aws:ssm-contacts:<region>:<account>:contact/<alias>); got an ARN of the sns service (${topic})`,
          ),
      );
      await settle();
      assert.deepEqual(
        capture.resources.map((r) => r.name),
        ["bad", "bad-contact"],
      );
    });
  });

  describe("data-first targets, setup and outputs", () => {
    const hanakoArn = contactArn("hanako");

    it("checks a target given as an Output when it resolves, with the message a plain one gets", async () => {
      const chain = new mod.EscalationChain("late", {
        alias: "late",
        displayName: "Late",
        stages: [
          { durationInMinutes: 5, targets: [{ target: saburo }] },
          {
            durationInMinutes: 0,
            targets: [
              {
                target: pulumi.output({
                  arn: hanakoArn,
                  alias: "hanako",
                  channelTypes: ["VOICE" as const],
                }),
              },
            ],
          },
        ],
      });
      const plain =
        "`stages[1].targets[0].target` is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got hanako by VOICE. Engage a contact whose engagement plan uses only EMAIL, or set `allowInterruptiveFinalStage: true`.";
      await assert.rejects(
        valueOf(chain.plan.stages),
        (err: Error) =>
          err.name === "ValidationError" &&
          err.message.endsWith(`EscalationChain 'late': ${plain}`),
      );
      reset(capture);
      assert.throws(
        () =>
          new mod.EscalationChain("late", {
            alias: "late",
            displayName: "Late",
            stages: [
              { durationInMinutes: 5, targets: [{ target: saburo }] },
              {
                durationInMinutes: 0,
                targets: [{ target: { arn: hanakoArn, alias: "hanako", channelTypes: ["VOICE"] } }],
              },
            ],
          }),
        (err: Error) => err.message === `EscalationChain 'late': ${plain}`,
      );
    });

    it("reports an Output target that repeats an earlier one of its stage when it resolves", async () => {
      const chain = new mod.EscalationChain("twice", {
        alias: "twice",
        displayName: "Twice",
        stages: [
          {
            durationInMinutes: 0,
            targets: [{ target: saburo }, { target: pulumi.output({ arn: contactArn("saburo") }) }],
          },
        ],
      });
      await assert.rejects(valueOf(chain.plan.stages), (err: Error) =>
        err.message.endsWith(
          "EscalationChain 'twice': `stages[0].targets[1].target` repeats the contact \"saburo\", already used at `stages[0].targets[0]`; a stage engages each contact once. Remove the duplicate.",
        ),
      );
    });

    it("engages an Output target that resolves to an EMAIL-only contact", async () => {
      new mod.EscalationChain("ok", {
        alias: "ok",
        displayName: "Ok",
        stages: [
          {
            durationInMinutes: 0,
            targets: [
              { target: pulumi.output({ arn: hanakoArn, channelTypes: ["EMAIL" as const] }) },
            ],
          },
        ],
      });
      await settle();
      assert.deepEqual(one(PLAN).inputs.stages, [
        {
          durationInMinutes: 0,
          targets: [{ contactTargetInfo: { contactId: hanakoArn, isEssential: true } }],
        },
      ]);
      assert.deepEqual(capture.warnings, []);
    });

    it("takes a setup given as a plain SetupReference and waits for its ARN's resources", async () => {
      const { ssmcontacts } = await import("@pulumi/aws");
      // Any resource stands for the replication set: the dependency rides on its Output.
      const stand = new ssmcontacts.Contact("stand-in", { alias: "stand-in", type: "PERSONAL" });
      new mod.EscalationChain("payments", {
        ...reference(),
        setup: {
          replicationSetArn: stand.arn.apply(
            () => "arn:aws:ssm-incidents::123456789012:replication-set/abc",
          ),
          primaryRegion: "ap-northeast-2",
          tags: { team: "sre" },
        },
      });
      await settle();
      const standUrn = capture.resources.find((r) => r.name === "stand-in")!.urn;
      const contact = capture.resources.find((r) => r.name === "payments-contact")!;
      assert.equal(contact.inputs.region, "ap-northeast-2");
      assert.deepEqual(contact.inputs.tags, { team: "sre" });
      assert.deepEqual(contact.dependencies, [standUrn]);
      assert.ok(one(PLAN).dependencies.includes(standUrn));
    });

    it("publishes arn, alias, type and target; arn waits for the contact and its plan", async () => {
      const chain = new mod.EscalationChain("payments", reference());
      await settle();
      const escalationArn = contactArn("payments-escalation");
      assert.equal(chain.type, "ESCALATION");
      assert.deepEqual(await valueOf(chain.target), {
        arn: escalationArn,
        alias: "payments-escalation",
        type: "ESCALATION",
      });
      // A resource that takes the chain's ARN depends on both children.
      const { ssmcontacts } = await import("@pulumi/aws");
      new ssmcontacts.Contact("consumer", {
        alias: "consumer",
        type: "ESCALATION",
        displayName: chain.arn,
      });
      await settle();
      const consumer = capture.resources.find((r) => r.name === "consumer")!;
      const chainContact = capture.resources.find((r) => r.name === "payments-contact")!;
      assert.deepEqual([...consumer.dependencies].sort(), [chainContact.urn, one(PLAN).urn].sort());
      // Nothing private is a property of the component.
      assert.deepEqual(
        Object.keys(chain)
          .filter((k) => !k.startsWith("__"))
          .sort(),
        ["alias", "arn", "target", "type", "urn"],
      );
    });

    it("prepare returns the issues without throwing, and usePrepared skips validating again", async () => {
      const bad = mod.prepareEscalationChain("payments", { ...reference(), alias: "Bad" } as never);
      assert.equal(bad.ok, false);
      assert.deepEqual(bad.ok ? [] : bad.issues.map((i) => i.path.join(".")), ["alias"]);
      const args = reference();
      const prepared = mod.prepareEscalationChain("payments", args);
      assert.ok(prepared.ok);
      // The spec stands for these args: once handed over, the args are not read again.
      mod.usePrepared(args, prepared.spec);
      args.stages = [];
      new mod.EscalationChain("payments", args);
      await settle();
      assert.equal((one(PLAN).inputs.stages as unknown[]).length, 3);
    });
  });

  it("allowInterruptiveFinalStage accepts a final stage by VOICE and warns", async () => {
    const oncall = schedule("sre-oncall", [taro, jiro, saburo], () => ["taro"]);
    new mod.EscalationChain("payments", {
      alias: "payments-escalation",
      displayName: "Payments escalation",
      stages: [
        { durationInMinutes: 5, targets: [{ target: saburo }] },
        { durationInMinutes: 0, targets: [{ target: taro }, { target: oncall }] },
      ],
      allowInterruptiveFinalStage: true,
      tags: { team: "payments" },
    });
    await settle();
    assert.equal(byType(PLAN).length, 1);
    // The tag the policy pack's require-email-only-final-stage honours (policies/RULES.md).
    assert.deepEqual(one(CONTACT).inputs.tags, {
      team: "payments",
      "incident-manager/allow-interruptive-final-stage": "true",
    });
    assert.deepEqual(capture.warnings, [
      "EscalationChain 'payments': the final stage reaches taro by VOICE (`stages[1].targets[0].target`); sre-oncall (on-call schedule) member taro by VOICE; jiro by SMS (`stages[1].targets[1].target`); a late-night call or SMS as the last resort wakes people who are not responsible.",
    ]);
  });

  describe("rejects bad input with one error and registers nothing", () => {
    const base = reference();
    const withStages = (stages: unknown) => ({ ...base, stages });
    const last = base.stages[2];
    const cases: RejectCase[] = [
      [
        "no stages",
        withStages([]),
        "EscalationChain 'payments': `stages` needs at least one stage; got none. Add a stage with a duration and at least one target.",
      ],
      [
        "stages missing",
        { alias: "payments-escalation", displayName: "Payments escalation" },
        "EscalationChain 'payments': `stages` is required (array)",
      ],
      [
        "an empty stage",
        withStages([{ durationInMinutes: 0, targets: [] }, last]),
        "EscalationChain 'payments': `stages[0].targets` needs at least one target (a contact or an on-call schedule); got none. Add a target, or remove the stage.",
      ],
      [
        "45 minutes",
        withStages([{ durationInMinutes: 45, targets: [{ target: taro }] }, last]),
        "EscalationChain 'payments': `stages[0].durationInMinutes` must be a whole number of minutes from 0 to 30 (ssm-contacts CreateContact Plan.Stages[].DurationInMinutes); got 45. Use 30 or less, and add a stage that engages the next targets.",
      ],
      [
        "-1 minutes",
        withStages([{ durationInMinutes: -1, targets: [{ target: taro }] }, last]),
        "EscalationChain 'payments': `stages[0].durationInMinutes` must be a whole number of minutes from 0 to 30 (ssm-contacts CreateContact Plan.Stages[].DurationInMinutes); got -1. Use 0 to start the next stage at once.",
      ],
      [
        "2.5 minutes",
        withStages([{ durationInMinutes: 2.5, targets: [{ target: taro }] }, last]),
        "EscalationChain 'payments': `stages[0].durationInMinutes` must be a whole number of minutes from 0 to 30 (ssm-contacts CreateContact Plan.Stages[].DurationInMinutes); got 2.5.",
      ],
      [
        "a duration missing",
        withStages([{ targets: [{ target: taro }] }, last]),
        "EscalationChain 'payments': `stages[0].durationInMinutes` must be a whole number of minutes from 0 to 30 (ssm-contacts CreateContact Plan.Stages[].DurationInMinutes); got nothing.",
      ],
      [
        "a final stage by VOICE",
        withStages([
          base.stages[0],
          base.stages[1],
          { durationInMinutes: 0, targets: [{ target: taro }] },
        ]),
        "EscalationChain 'payments': `stages[2].targets[0].target` is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got taro by VOICE. Engage a contact whose engagement plan uses only EMAIL, or set `allowInterruptiveFinalStage: true`.",
      ],
      [
        "the pack's exemption tag without allowInterruptiveFinalStage",
        { ...base, tags: { "incident-manager/allow-interruptive-final-stage": "true" } },
        'EscalationChain \'payments\': `tags["incident-manager/allow-interruptive-final-stage"]` exempts the chain from the policy pack\'s rule `require-email-only-final-stage`, which only `allowInterruptiveFinalStage: true` may do; got "true" without it. Set `allowInterruptiveFinalStage: true` instead, or remove the tag.',
      ],
      [
        "a final stage whose schedule has a member reached by SMS",
        withStages([
          base.stages[0],
          {
            durationInMinutes: 0,
            targets: [
              { target: saburo },
              { target: schedule("sre-oncall", [saburo, jiro], () => ["saburo"]) },
            ],
          },
        ]),
        "EscalationChain 'payments': `stages[1].targets[1].target` is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got sre-oncall (on-call schedule) member jiro by SMS. Engage a contact whose engagement plan uses only EMAIL, or set `allowInterruptiveFinalStage: true`.",
      ],
      [
        "a target that is not a contact target",
        withStages([{ durationInMinutes: 0, targets: [{ target: 42 }] }]),
        "EscalationChain 'payments': `stages[0].targets[0].target` must be a contact target { arn, alias?, type?, channelTypes? } (`team.member(\"alias\")`, `team.schedule`, a chain's `target`, or { arn }); got 42",
      ],
      [
        "an object without an ARN",
        withStages([
          { durationInMinutes: 0, targets: [{ target: { kind: "member", alias: "saburo" } }] },
        ]),
        "EscalationChain 'payments': `stages[0].targets[0].target.arn` is required (string)",
      ],
      [
        "a raw ARN string instead of { arn }",
        withStages([
          {
            durationInMinutes: 0,
            targets: [
              { target: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/saburo" },
            ],
          },
        ]),
        'EscalationChain \'payments\': `stages[0].targets[0].target` must be a contact target { arn, alias?, type?, channelTypes? }; got the string "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/saburo". Write a contact made elsewhere as { arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/saburo" }.',
      ],
      [
        "a contact alias instead of an ARN",
        withStages([{ durationInMinutes: 0, targets: [{ target: { arn: "saburo" } }] }]),
        "EscalationChain 'payments': `stages[0].targets[0].target.arn` must be an SSM Contacts contact ARN such as arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro; got \"saburo\"",
      ],
      [
        "an ARN of the wrong service",
        withStages([
          {
            durationInMinutes: 0,
            targets: [{ target: { arn: "arn:aws:sns:ap-northeast-1:123456789012:alerts" } }],
          },
        ]),
        "EscalationChain 'payments': `stages[0].targets[0].target.arn` must be an SSM Contacts contact ARN (arn:aws:ssm-contacts:<region>:<account>:contact/<alias>); got an ARN of the sns service (arn:aws:sns:ap-northeast-1:123456789012:alerts)",
      ],
      [
        "a final-stage target whose channel types include VOICE",
        withStages([
          base.stages[0],
          {
            durationInMinutes: 0,
            targets: [
              {
                target: {
                  arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/hanako",
                  channelTypes: ["EMAIL", "VOICE"],
                },
              },
            ],
          },
        ]),
        "EscalationChain 'payments': `stages[1].targets[0].target` is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got hanako by VOICE. Engage a contact whose engagement plan uses only EMAIL, or set `allowInterruptiveFinalStage: true`.",
      ],
      [
        "a channel type Incident Manager does not have",
        withStages([
          {
            durationInMinutes: 0,
            targets: [
              {
                target: {
                  arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/hanako",
                  channelTypes: ["PAGER"],
                },
              },
            ],
          },
        ]),
        'EscalationChain \'payments\': `stages[0].targets[0].target.channelTypes[0]` must be one of "EMAIL", "SMS", "VOICE"; got "PAGER"',
      ],
      [
        "the same contact twice in a stage",
        withStages([
          {
            durationInMinutes: 5,
            targets: [{ target: taro }, { target: taro, isEssential: false }],
          },
          last,
        ]),
        "EscalationChain 'payments': `stages[0].targets[1].target` repeats the contact \"taro\", already used at `stages[0].targets[0]`; a stage engages each contact once. Remove the duplicate.",
      ],
      [
        "an alias with spaces",
        { ...base, alias: "payments escalation" },
        'EscalationChain \'payments\': `alias` must use only lower-case letters, digits, "_" and "-" (ssm-contacts CreateContact Alias: ^[a-z0-9_\\-]*$); got "payments escalation". Changing an alias later replaces the contact, so pick it with care.',
      ],
      [
        "an empty display name",
        { ...base, displayName: " " },
        "EscalationChain 'payments': `displayName` must be a display name of 1-255 characters (ssm-contacts CreateContact DisplayName); got \" \"",
      ],
      [
        "essential as a string",
        withStages([{ durationInMinutes: 0, targets: [{ target: saburo, isEssential: "yes" }] }]),
        "EscalationChain 'payments': `stages[0].targets[0].isEssential` must be a boolean; got \"yes\"",
      ],
      [
        "a misspelt field",
        { ...base, allowInterruptiveFinalStep: true },
        "EscalationChain 'payments': `(args)` has unknown field `allowInterruptiveFinalStep`; check the spelling (did you mean `allowInterruptiveFinalStage`?)",
      ],
      [
        "a setup given as args",
        { ...base, setup: { regions: ["ap-northeast-1", "ap-northeast-2"] } },
        'EscalationChain \'payments\': `setup` must be an IncidentManagerSetup or its outputs { replicationSetArn, primaryRegion, ... } (the component, not its args); got {"regions":["ap-northeast-1","ap-northeast-2"]}',
      ],
      [
        "a stage that is a bare target",
        withStages(["saburo"]),
        "EscalationChain 'payments': `stages[0]` must be { durationInMinutes, targets }; got \"saburo\"",
      ],
    ];
    itRejects(
      () => capture,
      (args) => new mod.EscalationChain("payments", args),
      cases,
    );

    it("lists every broken rule in one error", async () => {
      await assertRejected(
        capture,
        () =>
          new mod.EscalationChain("payments", {
            alias: "Payments",
            displayName: "Payments escalation",
            stages: [
              { durationInMinutes: 31, targets: [] },
              { durationInMinutes: 0, targets: [{ target: { arn: "taro" } }] },
            ],
          }),
        "EscalationChain 'payments' has 4 invalid inputs:\n" +
          '  - `alias` must use only lower-case letters, digits, "_" and "-" (ssm-contacts CreateContact Alias: ^[a-z0-9_\\-]*$); got "Payments". Changing an alias later replaces the contact, so pick it with care.\n' +
          "  - `stages[0].durationInMinutes` must be a whole number of minutes from 0 to 30 (ssm-contacts CreateContact Plan.Stages[].DurationInMinutes); got 31. Use 30 or less, and add a stage that engages the next targets.\n" +
          "  - `stages[0].targets` needs at least one target (a contact or an on-call schedule); got none. Add a target, or remove the stage.\n" +
          '  - `stages[1].targets[0].target.arn` must be an SSM Contacts contact ARN such as arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro; got "taro"',
      );
    });
  });
});

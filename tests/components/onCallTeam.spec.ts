import { strict as assert } from "assert";
import * as fc from "fast-check";
import { Capture, installCapture, reset, settle, valueOf } from "../../testing";
import { assertRejected } from "../support/rejects";

type Team = typeof import("../../components/onCallTeam");
type Setup = typeof import("../../components/incidentManagerSetup");
type Args = import("../../components/onCallTeam").OnCallTeamArgs;

const TEAM = "urn:pulumi:plan::incident-manager::incident-manager:index:OnCallTeam::sre";
const CONTACT = "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact";

/** Three members reached by VOICE, SMS and EMAIL, one weekly rotation. */
function threeMembers(): Args {
  return {
    defaultCountry: "JP",
    members: [
      {
        alias: "taro",
        displayName: "Taro Yamada",
        channels: [
          { type: "VOICE", address: "090-1234-5678" },
          { type: "SMS", address: "+81 90 1234 5678" },
          { type: "EMAIL", address: "taro@example.com" },
        ],
      },
      {
        alias: "hanako",
        displayName: "Hanako Sato",
        channels: [
          { type: "SMS", address: "+81-80-9876-5432", name: "mobile" },
          { type: "EMAIL", address: "hanako@example.com" },
        ],
        engagement: [
          { channel: "EMAIL", afterMinutes: 0, retryIntervalInMinutes: 0 },
          { channel: "mobile", afterMinutes: 10, retryIntervalInMinutes: 5 },
        ],
      },
      {
        alias: "jiro",
        displayName: "Jiro Suzuki",
        channels: [
          { type: "VOICE", address: "+1 212 555 0123" },
          { type: "EMAIL", address: "jiro@example.com" },
        ],
      },
    ],
    rotations: [
      {
        name: "primary",
        members: ["taro", "hanako", "jiro"],
        startTime: "2026-04-06T09:00:00",
        timeZone: "Asia/Tokyo",
        recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
      },
    ],
    tags: { team: "sre" },
  };
}

describe("OnCallTeam", () => {
  let capture: Capture;
  let mod: Team;
  let setupMod: Setup;

  before(async () => {
    capture = await installCapture();
    mod = await import("../../components/onCallTeam");
    setupMod = await import("../../components/incidentManagerSetup");
  });
  beforeEach(() => reset(capture));

  const byType = (type: string) => capture.resources.filter((r) => r.type === type);
  const named = (name: string) => {
    const found = capture.resources.filter((r) => r.name === name);
    assert.equal(found.length, 1, `expected one resource named ${name}, got ${found.length}`);
    return found[0];
  };

  describe("a three-member team with a setup", () => {
    let team: InstanceType<Team["OnCallTeam"]>;
    let replicationSetUrn: string;

    beforeEach(async () => {
      const setup = new setupMod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
      });
      replicationSetUrn = await valueOf(setup.replicationSet!.urn);
      await settle();
      reset(capture);
      team = new mod.OnCallTeam("sre", { ...threeMembers(), setup });
      await settle();
    });

    it("registers exactly the contacts, channels, plans, rotation and schedule", () => {
      assert.deepEqual(capture.resources.map((r) => `${r.type}::${r.name}`).sort(), [
        "aws-native:ssmcontacts:Contact::sre-schedule",
        "aws-native:ssmcontacts:Rotation::sre-primary",
        "aws:ssmcontacts/contact:Contact::sre-hanako",
        "aws:ssmcontacts/contact:Contact::sre-jiro",
        "aws:ssmcontacts/contact:Contact::sre-taro",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-hanako-email",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-hanako-mobile",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-jiro-email",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-jiro-voice",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-taro-email",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-taro-sms",
        "aws:ssmcontacts/contactChannel:ContactChannel::sre-taro-voice",
        "aws:ssmcontacts/plan:Plan::sre-hanako-plan",
        "aws:ssmcontacts/plan:Plan::sre-jiro-plan",
        "aws:ssmcontacts/plan:Plan::sre-taro-plan",
        "incident-manager:index:OnCallTeam::sre",
      ]);
      for (const r of capture.resources) {
        if (r.type === "incident-manager:index:OnCallTeam") continue;
        assert.equal(r.parent, TEAM, `${r.name} is a child of the team`);
        assert.ok(r.dependencies.includes(replicationSetUrn), `${r.name} waits for the setup`);
      }
    });

    it("creates PERSONAL contacts in the primary region with the tags", () => {
      assert.deepEqual(named("sre-taro").inputs, {
        alias: "taro",
        displayName: "Taro Yamada",
        type: "PERSONAL",
        region: "ap-northeast-1",
        tags: { team: "sre" },
      });
    });

    it("normalizes every address and keeps it secret in state", () => {
      const channels = byType("aws:ssmcontacts/contactChannel:ContactChannel");
      assert.deepEqual(
        channels.map((c) => [c.name, c.inputs.type, c.inputs.name, c.inputs.deliveryAddress]),
        [
          ["sre-taro-voice", "VOICE", "voice", { simpleAddress: "+819012345678" }],
          ["sre-taro-sms", "SMS", "sms", { simpleAddress: "+819012345678" }],
          ["sre-taro-email", "EMAIL", "email", { simpleAddress: "taro@example.com" }],
          ["sre-hanako-mobile", "SMS", "mobile", { simpleAddress: "+818098765432" }],
          ["sre-hanako-email", "EMAIL", "email", { simpleAddress: "hanako@example.com" }],
          ["sre-jiro-voice", "VOICE", "voice", { simpleAddress: "+12125550123" }],
          ["sre-jiro-email", "EMAIL", "email", { simpleAddress: "jiro@example.com" }],
        ],
      );
      for (const c of channels) {
        assert.deepEqual(c.secretInputs, ["deliveryAddress"]);
        assert.deepEqual(c.additionalSecretOutputs, ["deliveryAddress"]);
        assert.equal(c.inputs.region, "ap-northeast-1");
        assert.equal(c.inputs.contactId, `${CONTACT}/${c.name.split("-")[1]}`);
      }
    });

    it("builds the default and the explicit engagement plans", () => {
      const channel = (alias: string, name: string) =>
        `arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact-channel/${alias}/sre-${alias}-${name}`;
      const target = (alias: string, name: string, retry: number) => ({
        channelTargetInfo: {
          contactChannelId: channel(alias, name),
          retryIntervalInMinutes: retry,
        },
      });
      assert.deepEqual(named("sre-taro-plan").inputs, {
        contactId: `${CONTACT}/taro`,
        region: "ap-northeast-1",
        stages: [
          {
            durationInMinutes: 5,
            targets: [
              target("taro", "voice", 5),
              target("taro", "sms", 5),
              target("taro", "email", 0),
            ],
          },
        ],
      });
      assert.deepEqual(named("sre-hanako-plan").inputs.stages, [
        { durationInMinutes: 10, targets: [target("hanako", "email", 0)] },
        { durationInMinutes: 5, targets: [target("hanako", "mobile", 5)] },
      ]);
    });

    it("creates the rotation and the ONCALL_SCHEDULE contact listing it", () => {
      const rotation = named("sre-primary");
      assert.deepEqual(rotation.inputs, {
        name: "primary",
        contactIds: [`${CONTACT}/taro`, `${CONTACT}/hanako`, `${CONTACT}/jiro`],
        startTime: "2026-04-06T09:00:00",
        timeZoneId: "Asia/Tokyo",
        recurrence: {
          numberOfOnCalls: 1,
          recurrenceMultiplier: 1,
          weeklySettings: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
        },
        tags: [{ key: "team", value: "sre" }],
      });
      // A rotation waits for the setup and its members' contacts, whose ARNs it lists, and for
      // nothing else: the members' channels and plans are created alongside it.
      const contactUrns = ["sre-taro", "sre-hanako", "sre-jiro"].map((n) => named(n).urn);
      assert.deepEqual(rotation.propertyDependencies.contactIds, contactUrns);
      assert.deepEqual(
        [...rotation.dependencies].sort(),
        [replicationSetUrn, ...contactUrns].sort(),
      );
      for (const r of capture.resources) {
        if (r.type.endsWith(":ContactChannel") || r.type === "aws:ssmcontacts/plan:Plan") {
          assert.ok(!rotation.dependencies.includes(r.urn), `the rotation waits for ${r.name}`);
        }
      }
      const schedule = named("sre-schedule");
      assert.deepEqual(schedule.inputs, {
        alias: "sre-oncall",
        displayName: "sre on-call schedule",
        type: "ONCALL_SCHEDULE",
        plan: [
          { rotationIds: ["arn:aws:ssm-contacts:ap-northeast-1:123456789012:rotation/primary"] },
        ],
        tags: [{ key: "team", value: "sre" }],
      });
      assert.deepEqual(schedule.propertyDependencies.plan, [rotation.urn]);
    });

    it("exposes ARNs by alias, channel name and rotation name", async () => {
      assert.deepEqual(await valueOf(team.contacts), {
        taro: `${CONTACT}/taro`,
        hanako: `${CONTACT}/hanako`,
        jiro: `${CONTACT}/jiro`,
      });
      assert.deepEqual(Object.keys((await valueOf(team.channels)).hanako), ["mobile", "email"]);
      assert.deepEqual(await valueOf(team.rotations), {
        primary: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:rotation/primary",
      });
      assert.equal(await valueOf(team.scheduleArn), `${CONTACT}/sre-oncall`);
    });

    it("hands out member and schedule references", async () => {
      const { isContactReference } = await import("../../components/references");
      const hanako = team.member("hanako");
      assert.ok(isContactReference(hanako));
      assert.ok(Object.isFrozen(hanako));
      assert.equal(hanako.kind, "member");
      assert.equal(hanako.team, "sre");
      assert.equal(hanako.displayName, "Hanako Sato");
      assert.deepEqual(hanako.channelTypes, ["EMAIL", "SMS"]);
      assert.deepEqual(hanako.engagement, [
        {
          channelName: "email",
          type: "EMAIL",
          address: "hanako@example.com",
          afterMinutes: 0,
          retryIntervalInMinutes: 0,
        },
        {
          channelName: "mobile",
          type: "SMS",
          address: "+818098765432",
          afterMinutes: 10,
          retryIntervalInMinutes: 5,
        },
      ]);
      assert.equal(await valueOf(hanako.arn), `${CONTACT}/hanako`);
      const deps = await Promise.all(hanako.dependencies.map((d) => valueOf(d.urn)));
      assert.deepEqual(
        deps.map((u) => u.split("::").pop()),
        ["sre-hanako", "sre-hanako-mobile", "sre-hanako-email", "sre-hanako-plan"],
      );
      assert.deepEqual(team.member("taro").channelTypes, ["VOICE", "SMS", "EMAIL"]);

      const schedule = team.schedule;
      assert.ok(isContactReference(schedule));
      assert.equal(schedule.kind, "schedule");
      assert.equal(schedule.alias, "sre-oncall");
      assert.deepEqual(
        schedule.members.map((m) => m.alias),
        ["taro", "hanako", "jiro"],
      );
      assert.equal(await valueOf(schedule.arn), `${CONTACT}/sre-oncall`);
      // Whatever engages the schedule waits for it, its rotation, and every on-call member's
      // contact, channels and plan.
      const scheduleDeps = await Promise.all(schedule.dependencies.map((d) => valueOf(d.urn)));
      assert.deepEqual(
        scheduleDeps.map((u) => u.split("::").pop()),
        [
          "sre-schedule",
          "sre-primary",
          ...["sre-taro", "sre-taro-voice", "sre-taro-sms", "sre-taro-email", "sre-taro-plan"],
          ...["sre-hanako", "sre-hanako-mobile", "sre-hanako-email", "sre-hanako-plan"],
          ...["sre-jiro", "sre-jiro-voice", "sre-jiro-email", "sre-jiro-plan"],
        ],
      );
      // Week 2 of the rotation (from Monday 13 April, 09:00 in Tokyo) is hanako's.
      assert.deepEqual(schedule.onCallAt(new Date("2026-04-13T00:00Z")), ["hanako"]);
      assert.deepEqual(schedule.onCallAt(new Date("2026-04-12T23:59Z")), ["taro"]);
      assert.deepEqual(schedule.onCallAt(new Date("2026-04-05T00:00Z")), []);
    });

    it("refuses a reference to someone outside the team", () => {
      assert.throws(
        () => team.member("saburo"),
        (err: Error) =>
          err.message ===
          `OnCallTeam 'sre' has no member "saburo"; its members are taro, hanako, jiro.`,
      );
    });

    it("reports coverage of its rotations", () => {
      const report = team.coverage({ from: "2026-04-06T00:00Z", days: 21 });
      assert.deepEqual(
        report.intervals.map((i) => [i.start, i.end, ...i.onCall]),
        [
          ["2026-04-06T00:00Z", "2026-04-13T00:00Z", "taro"],
          ["2026-04-13T00:00Z", "2026-04-20T00:00Z", "hanako"],
          ["2026-04-20T00:00Z", "2026-04-27T00:00Z", "jiro"],
        ],
      );
      assert.deepEqual(report.gaps, []);
    });
  });

  it("without a setup: no region input and no dependency", async () => {
    new mod.OnCallTeam("sre", threeMembers());
    await settle();
    assert.equal(capture.resources.length, 16);
    for (const r of capture.resources) {
      assert.equal(r.inputs.region, undefined);
      assert.deepEqual(
        r.dependencies.filter((d) => d.includes("ReplicationSet")),
        [],
      );
    }
  });

  it("tags its children with the setup's tags, its own taking precedence", async () => {
    const setup = new setupMod.IncidentManagerSetup("im", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
      tags: { environment: "prod", team: "platform" },
    });
    new mod.OnCallTeam("sre", { ...threeMembers(), setup });
    await settle();
    assert.deepEqual(named("sre-taro").inputs.tags, { environment: "prod", team: "sre" });
    assert.deepEqual(named("sre-taro-plan").inputs.tags, undefined);
    const nativeTags = [
      { key: "environment", value: "prod" },
      { key: "team", value: "sre" },
    ];
    assert.deepEqual(named("sre-primary").inputs.tags, nativeTags);
    assert.deepEqual(named("sre-schedule").inputs.tags, nativeTags);
  });

  it("plaintextAddresses stores addresses in plain text", async () => {
    new mod.OnCallTeam("sre", { ...threeMembers(), plaintextAddresses: true });
    await settle();
    for (const c of byType("aws:ssmcontacts/contactChannel:ContactChannel")) {
      assert.deepEqual(c.secretInputs, []);
      assert.deepEqual(c.additionalSecretOutputs, []);
    }
  });

  it("reordering members and channels changes no child name or input", async () => {
    new mod.OnCallTeam("sre", threeMembers());
    await settle();
    const before = capture.resources.map((r) => [r.type, r.name, JSON.stringify(r.inputs)]);
    reset(capture);
    const args = threeMembers();
    new mod.OnCallTeam("sre", {
      ...args,
      members: [...args.members]
        .reverse()
        .map((m) => ({ ...m, channels: [...m.channels].reverse() })),
    });
    await settle();
    const after = capture.resources.map((r) => [r.type, r.name, JSON.stringify(r.inputs)]);
    const key = (row: string[]) => `${row[0]}::${row[1]}`;
    assert.deepEqual(after.map(key).sort(), before.map(key).sort());
    // Contacts keep their inputs; plans differ only where the default order is by type.
    for (const row of after.filter((r) => r[0] === "aws:ssmcontacts/contact:Contact")) {
      assert.deepEqual(
        row,
        before.find((b) => key(b) === key(row)),
      );
    }
    for (const row of after.filter((r) => r[0] === "aws:ssmcontacts/plan:Plan")) {
      assert.deepEqual(
        row,
        before.find((b) => key(b) === key(row)),
      );
    }
  });

  it("takes the schedule's alias and display name, coverage, multiplier and onCall", async () => {
    const args = threeMembers();
    new mod.OnCallTeam("Platform Team", {
      ...args,
      schedule: { alias: "platform", displayName: "Platform on call" },
      rotations: [
        {
          name: "office",
          members: ["taro", "hanako"],
          startTime: "2026-04-06T09:00:00",
          timeZone: "Asia/Tokyo",
          recurrence: {
            daily: ["09:00"],
            recurrenceMultiplier: 2,
            numberOfOnCalls: 2,
            coverage: { MON: [{ start: "09:00", end: "18:00" }] },
          },
        },
      ],
    });
    await settle();
    const rotation = named("Platform Team-office");
    assert.deepEqual(rotation.inputs.recurrence, {
      numberOfOnCalls: 2,
      recurrenceMultiplier: 2,
      dailySettings: ["09:00"],
      shiftCoverages: [
        { dayOfWeek: "MON", coverageTimes: [{ startTime: "09:00", endTime: "18:00" }] },
      ],
    });
    const schedule = named("Platform Team-schedule");
    assert.equal(schedule.inputs.alias, "platform");
    assert.equal(schedule.inputs.displayName, "Platform on call");
    assert.equal(mod.defaultScheduleAlias("Platform Team"), "platform-team-oncall");
  });

  it("derives a schedule display name CloudFormation accepts from any component name", async () => {
    assert.equal(mod.defaultScheduleDisplayName("sre"), "sre on-call schedule");
    assert.equal(
      mod.defaultScheduleDisplayName("sre.tokyo (primary)"),
      "sre-tokyo -primary- on-call schedule",
    );
    assert.equal(mod.defaultScheduleDisplayName("..."), "- on-call schedule");
    assert.equal(mod.defaultScheduleDisplayName("()"), "- on-call schedule");
    assert.equal(mod.defaultScheduleDisplayName("x".repeat(300)).length, 255);
    // AWS::SSMContacts::Contact DisplayName, and the API's pattern the handler also applies.
    const cfn = /^[a-zA-Z0-9_\-\s]*$/;
    const api = /^[\p{L}\p{Z}\p{N}_.-]*$/u;
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (name) => {
        const text = mod.defaultScheduleDisplayName(name);
        return cfn.test(text) && api.test(text) && text.length <= 255 && text.trim() !== "";
      }),
      { numRuns: 500 },
    );
    new mod.OnCallTeam("sre.tokyo", threeMembers());
    await settle();
    const schedule = named("sre.tokyo-schedule");
    assert.equal(schedule.inputs.displayName, "sre-tokyo on-call schedule");
    assert.equal(schedule.inputs.alias, "sre-tokyo-oncall");
  });

  it("refuses more than 50 tags once merged over the setup's, before registering the team", async () => {
    const setup = new setupMod.IncidentManagerSetup("im", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
      tags: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`setup${i}`, "x"])),
    });
    assert.throws(
      () =>
        new mod.OnCallTeam("sre", {
          ...threeMembers(),
          setup,
          tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`team${i}`, "x"])),
        }),
      (err: Error) => {
        assert.equal(err.name, "ValidationError");
        assert.equal(
          err.message,
          "OnCallTeam 'sre': `tags` holds 51 tags once merged over the setup's tags; AWS allows at most 50 (ssm-contacts TagResource Tags). Remove 1.",
        );
        return true;
      },
    );
    await settle();
    assert.deepEqual(
      capture.resources
        .filter(
          (r) => r.type === "incident-manager:index:OnCallTeam" || r.type.includes("ssmcontacts"),
        )
        .map((r) => r.name),
      [],
    );
  });

  it("prepares its spec: addresses normalized, the engagement resolved", () => {
    const prepared = mod.prepareOnCallTeam("sre", threeMembers());
    assert.ok(prepared.ok);
    const { spec } = prepared;
    assert.deepEqual(spec.members[0].channels, [
      { type: "VOICE", name: "voice", address: "+819012345678" },
      { type: "SMS", name: "sms", address: "+819012345678" },
      { type: "EMAIL", name: "email", address: "taro@example.com" },
    ]);
    assert.deepEqual(
      spec.members[1].engagement.map((s) => [
        s.channelName,
        s.afterMinutes,
        s.retryIntervalInMinutes,
      ]),
      [
        ["email", 0, 0],
        ["mobile", 10, 5],
      ],
    );
    assert.deepEqual(spec.rotations[0].recurrence, {
      weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
      recurrenceMultiplier: 1,
      numberOfOnCalls: 1,
    });
    assert.equal(spec.plaintextAddresses, false);
  });

  describe("rejects bad input with one error and registers nothing", () => {
    type Mutate = (args: Args) => unknown;
    const member = (i: number) => (a: Args) => a.members[i] as unknown as Record<string, unknown>;
    const rotation = (a: Args) => a.rotations![0] as unknown as Record<string, unknown>;
    const cases: [string, Mutate, string][] = [
      [
        "a trunk-0 number",
        (a) => ((member(0)(a).channels as { address: string }[])[0].address = "+8109012345678"),
        "OnCallTeam 'sre': `members[0].channels[0].address` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got \"+81******678\". Drop the trunk 0 after the country code: write +81******678.",
      ],
      [
        "a too-short number",
        (a) => ((member(2)(a).channels as { address: string }[])[0].address = "+81 90 1234"),
        "OnCallTeam 'sre': `members[2].channels[0].address` is not a valid number for JP; got \"+81******234\". Check the number of digits and the area or mobile prefix.",
      ],
      [
        "an SMS to a fixed line",
        (a) => ((member(0)(a).channels as { address: string }[])[1].address = "03-1234-5678"),
        "OnCallTeam 'sre': `members[0].channels[1].address` is a fixed line, which cannot receive SMS (the activation code would never arrive); got \"************\". Use a mobile number for SMS, or make this a VOICE channel.",
      ],
      [
        "a national number without defaultCountry",
        (a) => {
          delete (a as { defaultCountry?: string }).defaultCountry;
        },
        "OnCallTeam 'sre': `members[0].channels[0].address` must be an E.164 number such as +81******678; got \"*************\". Write it with + and the country code, or set `defaultCountry` to read national numbers.",
      ],
      [
        "an invalid email",
        (a) => ((member(1)(a).channels as { address: string }[])[1].address = "hanako@@example"),
        "OnCallTeam 'sre': `members[1].channels[1].address` must be a valid email address such as o*****@example.com; got \"h*****@@example\". Check the address for typos.",
      ],
      [
        "JST as a time zone",
        (a) => (rotation(a).timeZone = "JST"),
        "OnCallTeam 'sre': `rotations[0].timeZone` must be an IANA time zone id such as Asia/Tokyo or America/Los_Angeles; got \"JST\". Abbreviations such as JST or PST are not time zones: write the Region/City id.",
      ],
      [
        "a rotation member not in the team",
        (a) => (rotation(a).members = ["taro", "saburo"]),
        "OnCallTeam 'sre': `rotations[0].members[1]` names someone who is not a member of this team; got \"saburo\". Add them to `members` or use one of: taro, hanako, jiro.",
      ],
      [
        "duplicate aliases",
        (a) => {
          member(2)(a).alias = "taro";
          rotation(a).members = ["taro", "hanako"];
        },
        "OnCallTeam 'sre': `members[2].alias` repeats the alias \"taro\", already used at `members[0].alias`; each member needs its own alias.",
      ],
      [
        "an alias with capitals",
        (a) => (member(0)(a).alias = "Taro"),
        'OnCallTeam \'sre\': `members[0].alias` must use only lower-case letters, digits, "_" and "-" (ssm-contacts CreateContact Alias: ^[a-z0-9_\\-]*$); got "Taro". Changing an alias later replaces the contact, so pick it with care.',
      ],
      [
        "an alias over 255 characters",
        (a) => (member(0)(a).alias = "t".repeat(256)),
        "OnCallTeam 'sre': `members[0].alias` must be a contact alias of 1-255 characters (ssm-contacts CreateContact Alias); got 256 characters. Shorten it.",
      ],
      [
        "engagement naming a missing channel",
        (a) =>
          (member(1)(a).engagement = [
            { channel: "pager", afterMinutes: 0, retryIntervalInMinutes: 0 },
          ]),
        "OnCallTeam 'sre': `members[1].engagement[0].channel` names no channel of this member; got \"pager\". Use a channel's name or type (mobile, email).",
      ],
      [
        "afterMinutes 31",
        (a) =>
          (member(1)(a).engagement = [
            { channel: "email", afterMinutes: 31, retryIntervalInMinutes: 0 },
          ]),
        "OnCallTeam 'sre': `members[1].engagement[0].afterMinutes` must be a whole number from 0 to 30 (an engagement plan stage lasts at most 30 minutes: ssm-contacts CreateContact Plan.Stages[].DurationInMinutes); got 31. Engage this channel within 30 minutes, or page it from a later EscalationChain stage.",
      ],
      [
        "retryIntervalInMinutes 61",
        (a) =>
          (member(1)(a).engagement = [
            { channel: "email", afterMinutes: 0, retryIntervalInMinutes: 61 },
          ]),
        "OnCallTeam 'sre': `members[1].engagement[0].retryIntervalInMinutes` must be a whole number from 0 to 60 (ssm-contacts CreateContact Plan.Stages[].Targets[].ChannelTargetInfo.RetryIntervalInMinutes); got 61. Use 60 or less (0: no retry).",
      ],
      [
        "an engagement that starts late",
        (a) =>
          (member(1)(a).engagement = [
            { channel: "email", afterMinutes: 5, retryIntervalInMinutes: 0 },
          ]),
        "OnCallTeam 'sre': `members[1].engagement` starts at 5 minutes, so nobody is paged at first; got no step at 0. Engage one channel at `afterMinutes: 0`.",
      ],
      [
        "a recurrence with two kinds",
        (a) =>
          (rotation(a).recurrence = {
            daily: ["09:00"],
            weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
          }),
        "OnCallTeam 'sre': `rotations[0].recurrence` needs exactly one of `daily`, `weekly` or `monthly`; got daily and weekly. Keep one kind of hand-off.",
      ],
      [
        "31 rotation members",
        (a) => (rotation(a).members = Array.from({ length: 31 }, () => "taro")),
        "OnCallTeam 'sre': `rotations[0].members` holds at most 30 members (AWS::SSMContacts::Rotation ContactIds); got 31. Split it into two rotations.",
      ],
      [
        "a start time with an offset",
        (a) => (rotation(a).startTime = "2026-04-06T09:00:00+09:00"),
        "OnCallTeam 'sre': `rotations[0].startTime` must be a local time yyyy-MM-ddTHH:mm:ss without an offset (the rotation's `timeZone` gives it); got \"2026-04-06T09:00:00+09:00\". Write 2026-04-06T09:00:00.",
      ],
      [
        "a start time in UTC",
        (a) => (rotation(a).startTime = "2026-04-06T00:00:00Z"),
        "OnCallTeam 'sre': `rotations[0].startTime` must be a local time yyyy-MM-ddTHH:mm:ss without an offset (the rotation's `timeZone` gives it); got \"2026-04-06T00:00:00Z\". Write 2026-04-06T00:00:00.",
      ],
      [
        "a start time with seconds",
        (a) => (rotation(a).startTime = "2026-04-06T09:00:30"),
        "OnCallTeam 'sre': `rotations[0].startTime` must start on a whole minute (seconds :00), as hand-offs and shift coverage are to the minute; got \"2026-04-06T09:00:30\". Write 2026-04-06T09:00:00.",
      ],
      [
        "an empty shift coverage",
        (a) => (rotation(a).recurrence = { daily: ["09:00"], coverage: {} }),
        "OnCallTeam 'sre': `rotations[0].recurrence.coverage` lists no weekday, and AWS does not say what an empty shift coverage means; got {}. Leave `coverage` out for coverage around the clock, or list the weekdays the rotation covers.",
      ],
      [
        "a hand-off without two digits",
        (a) => (rotation(a).recurrence = { daily: ["9:00"] }),
        "OnCallTeam 'sre': `rotations[0].recurrence.daily[0]` must be a local time HH:MM from 00:00 to 23:59; got \"9:00\". Write two digits each, e.g. 09:00.",
      ],
      [
        "a multiplier of 101",
        (a) => (rotation(a).recurrence = { daily: ["09:00"], recurrenceMultiplier: 101 }),
        "OnCallTeam 'sre': `rotations[0].recurrence.recurrenceMultiplier` must be a whole number from 1 to 100 (ssm-contacts CreateRotation Recurrence.RecurrenceMultiplier); got 101. Use 1-100.",
      ],
      [
        "more on call than members",
        (a) => (rotation(a).recurrence = { daily: ["09:00"], numberOfOnCalls: 4 }),
        "OnCallTeam 'sre': `rotations[0].recurrence.numberOfOnCalls` puts more members on call at once than the rotation has; got 4 for 3. Lower `numberOfOnCalls` or add members.",
      ],
      [
        "a shift coverage under 30 minutes",
        (a) =>
          (rotation(a).recurrence = {
            daily: ["09:00"],
            coverage: { TUE: [{ start: "09:00", end: "09:15" }] },
          }),
        "OnCallTeam 'sre': `rotations[0].recurrence.coverage.TUE[0]` must cover at least 30 minutes (a limit on shifts); got 09:00-09:15. Widen it or remove it.",
      ],
      [
        "a rotation name with a hyphen",
        (a) => (rotation(a).name = "follow-the-sun"),
        'OnCallTeam \'sre\': `rotations[0].name` must be a rotation name of 1-255 letters, digits and "_" (AWS::SSMContacts::Rotation Name: ^[a-zA-Z0-9_]*$); got "follow-the-sun". Replace other characters with "_".',
      ],
      [
        "two SMS channels without names",
        (a) => {
          member(1)(a).channels = [
            { type: "SMS", address: "+818098765432" },
            { type: "SMS", address: "+819012345678" },
          ];
          delete member(1)(a).engagement;
        },
        "OnCallTeam 'sre': `members[1].channels[1]` repeats the channel name \"sms\", already used at `members[1].channels[0]`; channel names are unique per member. Give it a distinct `name`.",
      ],
      [
        "engagement naming a type two channels share",
        (a) => {
          member(1)(a).channels = [
            { type: "SMS", address: "+818098765432", name: "work" },
            { type: "SMS", address: "+819012345678", name: "home" },
          ];
          member(1)(a).engagement = [
            { channel: "SMS", afterMinutes: 0, retryIntervalInMinutes: 1 },
          ];
        },
        "OnCallTeam 'sre': `members[1].engagement[0].channel` names the type SMS, which 2 channels share; got \"SMS\". Name the channel instead (work, home).",
      ],
      [
        "a schedule alias that is a member's",
        (a) => ((a as { schedule?: object }).schedule = { alias: "jiro" }),
        "OnCallTeam 'sre': `schedule.alias` is also a member's alias; got \"jiro\". Aliases are unique in an account: pick another.",
      ],
      [
        "an empty list of rotations",
        (a) => ((a as unknown as { rotations: unknown[] }).rotations = []),
        "OnCallTeam 'sre': `rotations` needs at least one rotation (an on-call schedule without one pages nobody); got none. Leave `rotations` out for a team without an on-call schedule.",
      ],
      [
        "an unknown country",
        (a) => ((a as { defaultCountry?: string }).defaultCountry = "XX"),
        "OnCallTeam 'sre': `defaultCountry` must be an ISO 3166-1 alpha-2 country code such as JP or US; got \"XX\".",
      ],
      [
        "a misspelt field",
        (a) => ((member(0)(a) as Record<string, unknown>).chanels = []),
        "OnCallTeam 'sre': `members[0]` has unknown field `chanels`; check the spelling",
      ],
      [
        "an alias with a dot, which only CloudFormation allows",
        (a) => (member(0)(a).alias = "taro.yamada"),
        'OnCallTeam \'sre\': `members[0].alias` must use only lower-case letters, digits, "_" and "-" (ssm-contacts CreateContact Alias: ^[a-z0-9_\\-]*$); got "taro.yamada". Changing an alias later replaces the contact, so pick it with care.',
      ],
      [
        "a display name with parentheses",
        (a) => (member(0)(a).displayName = "Taro (SRE)"),
        'OnCallTeam \'sre\': `members[0].displayName` must use only letters, spaces, digits, "_", "." and "-" (ssm-contacts CreateContact DisplayName: ^[\\p{L}\\p{Z}\\p{N}_.\\-]*$); got "Taro (SRE)". Replace the other characters.',
      ],
      [
        "a schedule display name CloudFormation refuses",
        (a) => ((a as { schedule?: object }).schedule = { displayName: "SRE on-call (primary)" }),
        'OnCallTeam \'sre\': `schedule.displayName` must use only ASCII letters, digits, "_", "-" and spaces (AWS::SSMContacts::Contact DisplayName: ^[a-zA-Z0-9_\\-\\s]*$); got "SRE on-call (primary)". Replace the other characters.',
      ],
      [
        "Etc/GMT+9, which AWS's time zone pattern refuses",
        (a) => (rotation(a).timeZone = "Etc/GMT+9"),
        "OnCallTeam 'sre': `rotations[0].timeZone` must match AWS's time zone pattern ^[:a-zA-Z0-9_\\-\\s\\.\\\\/]*$ (ssm-contacts CreateRotation TimeZoneId); got \"Etc/GMT+9\". Etc/GMT+9 is UTC-9 (POSIX inverts the sign): use Pacific/Gambier for UTC-9, or Etc/GMT-9 if you meant UTC+9.",
      ],
      [
        "nine rotations",
        (a) =>
          ((a as unknown as { rotations: unknown[] }).rotations = Array.from(
            { length: 9 },
            (_, i) => ({
              ...(a.rotations![0] as object),
              name: `r${i}`,
            }),
          )),
        "OnCallTeam 'sre': `rotations` holds at most 8 rotations (an on-call schedule supports up to eight, per the Incident Manager user guide); got 9. Split them over two teams.",
      ],
      [
        "a tag key with a space, which SSM Contacts refuses",
        (a) => ((a as { tags?: object }).tags = { "cost center": "sre" }),
        'OnCallTeam \'sre\': `tags["cost center"]` is a tag key "cost center" that SSM Contacts refuses: it must match ^[\\\\\\/a-zA-Z0-9_+=\\-]*$ (ssm-contacts TagResource Tags[].Key). Replace the other characters.',
      ],
      [
        "an empty tag value, which SSM Contacts refuses",
        (a) => ((a as { tags?: object }).tags = { team: "" }),
        "OnCallTeam 'sre': `tags.team` is a tag value of 0 characters; SSM Contacts allows 1-256 (ssm-contacts TagResource Tags[].Value). Shorten it or fill it in.",
      ],
      [
        "an email address over 320 characters",
        (a) =>
          ((member(1)(a).channels as { address: string }[])[1].address =
            `${"h".repeat(309)}@example.com`),
        `OnCallTeam 'sre': \`members[1].channels[1].address\` must be an email address of at most 320 characters (ssm-contacts CreateContactChannel DeliveryAddress.SimpleAddress), not 321; got "${"h".repeat(80)}…" (321 characters). Check the address for typos.`,
      ],
    ];
    for (const [title, mutate, message] of cases) {
      it(title, async () => {
        const args = threeMembers();
        mutate(args);
        await assertRejected(capture, () => new mod.OnCallTeam("sre", args), message);
      });
    }

    it("lists every broken rule in one error, cross-field rules included", async () => {
      const args = threeMembers();
      member(0)(args).displayName = "";
      (member(0)(args).channels as { address: string }[])[0].address = "+8109012345678";
      rotation(args).timeZone = "PST";
      rotation(args).members = ["taro", "saburo"];
      await assertRejected(
        capture,
        () => new mod.OnCallTeam("sre", args),
        [
          "OnCallTeam 'sre' has 4 invalid inputs:",
          '  - `members[0].displayName` must be a display name of 1-255 characters (ssm-contacts CreateContact DisplayName); got ""',
          '  - `rotations[0].timeZone` must be an IANA time zone id such as Asia/Tokyo or America/Los_Angeles; got "PST". Abbreviations such as JST or PST are not time zones: write the Region/City id.',
          '  - `members[0].channels[0].address` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+81******678". Drop the trunk 0 after the country code: write +81******678.',
          '  - `rotations[0].members[1]` names someone who is not a member of this team; got "saburo". Add them to `members` or use one of: taro, hanako, jiro.',
        ].join("\n"),
      );
    });
  });
  describe("data first: references as data, two steps, prepared specs", () => {
    const urnsOf = (names: readonly string[]) => names.map((n) => named(n).urn);
    /** A resource that takes `arn` as an input: it depends on whatever `arn` carries. */
    const engage = async (name: string, arn: import("@pulumi/pulumi").Input<string>) => {
      const aws = await import("@pulumi/aws");
      new aws.ssmcontacts.Plan(name, {
        contactId: `${CONTACT}/consumer`,
        stages: [
          {
            durationInMinutes: 1,
            targets: [{ contactTargetInfo: { contactId: arn, isEssential: false } }],
          },
        ],
      });
      await settle();
      return capture.resources.find((r) => r.name === name)!;
    };

    it("takes a setup given as a plain SetupReference like the component", async () => {
      const setup = new setupMod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
        tags: { owner: "platform" },
      });
      const replicationSetUrn = await valueOf(setup.replicationSet!.urn);
      await settle();
      reset(capture);
      new mod.OnCallTeam("sre", {
        ...threeMembers(),
        setup: {
          replicationSetArn: setup.replicationSetArn,
          primaryRegion: "ap-northeast-1",
          tags: { owner: "platform" },
        },
      });
      await settle();
      assert.equal(byType("aws:ssmcontacts/contact:Contact").length, 3);
      for (const r of capture.resources) {
        if (r.type === "incident-manager:index:OnCallTeam") continue;
        assert.ok(r.dependencies.includes(replicationSetUrn), `${r.name} waits for the setup`);
      }
      assert.deepEqual(named("sre-taro").inputs, {
        alias: "taro",
        displayName: "Taro Yamada",
        type: "PERSONAL",
        region: "ap-northeast-1",
        tags: { owner: "platform", team: "sre" },
      });
    });

    it("publishes memberTargets and scheduleTarget as data", async () => {
      const team = new mod.OnCallTeam("sre", threeMembers());
      await settle();
      const targets = await valueOf(team.memberTargets);
      assert.deepEqual(targets, {
        taro: {
          arn: `${CONTACT}/taro`,
          alias: "taro",
          type: "PERSONAL",
          channelTypes: ["VOICE", "SMS", "EMAIL"],
        },
        hanako: {
          arn: `${CONTACT}/hanako`,
          alias: "hanako",
          type: "PERSONAL",
          channelTypes: ["EMAIL", "SMS"],
        },
        jiro: {
          arn: `${CONTACT}/jiro`,
          alias: "jiro",
          type: "PERSONAL",
          channelTypes: ["VOICE", "EMAIL"],
        },
      });
      assert.deepEqual(await valueOf(team.scheduleTarget), {
        arn: `${CONTACT}/sre-oncall`,
        alias: "sre-oncall",
        type: "ONCALL_SCHEDULE",
        channelTypes: ["VOICE", "SMS", "EMAIL"],
      });
      assert.equal(team.member("taro").type, "PERSONAL");
      assert.equal(team.schedule?.type, "ONCALL_SCHEDULE");
      assert.deepEqual(team.schedule?.channelTypes, ["VOICE", "SMS", "EMAIL"]);
      assert.deepEqual(team.onCallAt(new Date("2026-04-13T00:00Z")), ["hanako"]);
    });

    it("has no schedule target without rotations", async () => {
      const team = new mod.OnCallTeam("sre", { ...threeMembers(), rotations: undefined });
      await settle();
      assert.equal(await valueOf(team.scheduleTarget), undefined);
      assert.equal(team.schedule, undefined);
      assert.deepEqual(Object.keys(await valueOf(team.memberTargets)), ["taro", "hanako", "jiro"]);
    });

    it("makes whatever takes a target's ARN wait for the contact it names", async () => {
      const team = new mod.OnCallTeam("sre", threeMembers());
      await settle();
      const member = await engage("consumer-member", team.member("hanako").arn);
      const hanako = urnsOf([
        "sre-hanako",
        "sre-hanako-mobile",
        "sre-hanako-email",
        "sre-hanako-plan",
      ]);
      assert.deepEqual(
        hanako.filter((u) => !member.dependencies.includes(u)),
        [],
      );
      assert.ok(!member.dependencies.includes(named("sre-taro").urn), "not on another member");
      // The same through the published output, as another language receives it.
      const wire = await engage(
        "consumer-wire",
        team.memberTargets.apply((t) => t.hanako.arn as string),
      );
      assert.deepEqual(
        hanako.filter((u) => !wire.dependencies.includes(u)),
        [],
      );
      const schedule = await engage(
        "consumer-schedule",
        team.scheduleTarget.apply((t) => t!.arn as string),
      );
      const everything = urnsOf([
        "sre-schedule",
        "sre-primary",
        ...["sre-taro", "sre-taro-voice", "sre-taro-sms", "sre-taro-email", "sre-taro-plan"],
        ...["sre-hanako", "sre-hanako-mobile", "sre-hanako-email", "sre-hanako-plan"],
        ...["sre-jiro", "sre-jiro-voice", "sre-jiro-email", "sre-jiro-plan"],
      ]);
      assert.deepEqual(
        everything.filter((u) => !schedule.dependencies.includes(u)),
        [],
      );
    });

    it("keeps no state in properties: only data is public", () => {
      const team = new mod.OnCallTeam("sre", threeMembers());
      assert.deepEqual(
        Object.keys(team)
          .filter((k) => !k.startsWith("__"))
          .sort(),
        [
          "channels",
          "contacts",
          "memberTargets",
          "rotations",
          "scheduleArn",
          "scheduleTarget",
          "urn",
        ],
      );
    });

    it("prepares without throwing: every issue, nothing registered", () => {
      const args = threeMembers();
      args.members[0].channels[0] = { type: "VOICE", address: "+8109012345678" };
      args.rotations![0].members.push("saburo");
      const prepared = mod.prepareOnCallTeam("sre", args);
      assert.equal(prepared.ok, false);
      assert.deepEqual(!prepared.ok && prepared.issues.map((i) => i.path.join(".")), [
        "members.0.channels.0.address",
        "rotations.0.members.3",
      ]);
      assert.equal(capture.resources.length, 0);
    });

    it("resolves what needs the component's name in step 2", () => {
      const args = threeMembers();
      args.members[2] = { ...args.members[2], alias: "sre-oncall" };
      args.rotations![0].members[2] = "sre-oncall";
      const parsed = mod.parseOnCallTeamArgs("sre", args);
      assert.ok(parsed.ok, "the data is sound");
      const resolved = mod.resolveOnCallTeam("sre", parsed.data);
      assert.deepEqual(!resolved.ok && resolved.issues, [
        {
          path: ["schedule", "alias"],
          message:
            'defaults to "sre-oncall", which is also a member\'s alias. Set `schedule.alias` to another alias.',
        },
      ]);
      assert.ok(mod.resolveOnCallTeam("other", parsed.data).ok, "another name has another default");
    });

    it("builds a prepared spec without validating the args again", async () => {
      const args = threeMembers();
      const prepared = mod.prepareOnCallTeam("sre", args);
      assert.ok(prepared.ok);
      mod.usePrepared(args, prepared.spec);
      // Broken after preparing: the constructor builds the spec it was handed.
      (args.members[0] as { displayName: string }).displayName = "";
      new mod.OnCallTeam("sre", args);
      await settle();
      assert.equal(named("sre-taro").inputs.displayName, "Taro Yamada");
      // A spec prepared under another name is not this team's: the args are validated.
      reset(capture);
      assert.throws(
        () => new mod.OnCallTeam("ops", args),
        (err: Error) => err.message.startsWith("OnCallTeam 'ops': `members[0].displayName`"),
      );
      assert.equal(capture.resources.length, 0);
    });
  });
});

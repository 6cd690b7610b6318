import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import {
  CLOUDFORMATION_SCHEMA,
  parseStackResources,
  parseTemplate,
  templateToSnapshot,
} from "../../../plan/adopt/cloudformation";
import { main, renderSecrets } from "../../../plan/adopt/cli";
import { convertSnapshot, secretLine, type AdoptResult } from "../../../plan/adopt/convert";
import { parseSnapshot } from "../../../plan/adopt/snapshot";
import { SPEC_KEY, validateSpec } from "../../../stack/spec";

const FIXTURES = path.join(__dirname, "fixtures");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const ACCOUNT = "111122223333";
const CONTACT = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact`;
const CHANNEL = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact-channel`;
const SET = `arn:aws:ssm-incidents::${ACCOUNT}:replication-set/40bd98f0-4110-2dee-b35e-b87006f9e172`;
const PLAN = `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/emergency-response-plan`;

/**
 * The spec as the components accept it before adoption: without the adoption fields (import
 * IDs, the replication set's ARN) and with each secret address set where its config path says.
 */
function asAcceptedToday(result: AdoptResult): unknown {
  const spec = JSON.parse(JSON.stringify(result.spec));
  delete spec.setup.replicationSetArn;
  for (const list of ["teams", "escalations", "responsePlans"]) {
    for (const entry of spec[list]) delete entry.adopt;
  }
  for (const secret of result.secrets) {
    const at = /teams\[(\d+)\]\.members\[(\d+)\]\.channels\[(\d+)\]\.address$/.exec(secret.path)!;
    const [, t, m, c] = at.map(Number);
    spec.teams[t].members[m].channels[c].address = secret.address;
  }
  return spec;
}

/** The three people of the reference scenario, as the spec describes them. */
const member = (
  alias: string,
  displayName: string,
  type: string,
  channel: string,
  retry: number,
  lastStageMinutes?: number,
) => ({
  alias,
  displayName,
  channels: [{ type, name: channel, address: "[secret]" }],
  engagement: [{ channel, afterMinutes: 0, retryIntervalInMinutes: retry }],
  ...(lastStageMinutes === undefined ? {} : { lastStageMinutes }),
});

const escalation = (team: string) => ({
  name: "emergency-escalation-plan",
  alias: "emergency-escalation-plan",
  displayName: "Emergency escalation plan",
  stages: [
    { durationInMinutes: 5, targets: [{ target: `${team}/taro`, isEssential: true }] },
    { durationInMinutes: 5, targets: [{ target: `${team}/jiro`, isEssential: true }] },
    { durationInMinutes: 0, targets: [{ target: `${team}/saburo`, isEssential: true }] },
  ],
  adopt: true,
});

const responsePlan = {
  name: "emergency-response-plan",
  displayName: "Emergency response plan",
  incident: { title: "Emergency Occurred", impact: 3 },
  engagements: ["emergency-escalation-plan"],
  alarms: [
    {
      name: "emergency-alarm",
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_Target_5XX_Count",
      statistic: "Sum",
      period: 60,
      evaluationPeriods: 1,
      threshold: 10,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
    },
  ],
  adopt: { responsePlan: true, alarms: ["emergency-alarm"] },
};

const SECRETS = [
  { path: `${SPEC_KEY}.teams[0].members[0].channels[0].address`, address: "+819012345678" },
  { path: `${SPEC_KEY}.teams[0].members[1].channels[0].address`, address: "+819023456789" },
  { path: `${SPEC_KEY}.teams[0].members[2].channels[0].address`, address: "saburo@example.com" },
];

describe("adopt: converting a snapshot of an existing account", () => {
  const file = path.join(FIXTURES, "account-snapshot.json");
  const result = convertSnapshot(parseSnapshot(JSON.parse(read("account-snapshot.json")), file));

  it("describes the setup, the team, its rotation, the escalation and the response plan as they are", () => {
    const tags = { team: "emergency", service: "web", environment: "dev" };
    assert.deepEqual(result.spec.setup, {
      replicationSetArn: SET,
      regions: ["ap-northeast-1", "ap-northeast-2"],
      deletionProtected: true,
      tags,
    });
    const coverage = { start: "09:00", end: "21:00" };
    assert.deepEqual(result.spec.teams, [
      {
        name: "emergency",
        members: [
          member("taro", "Taro Yamada", "VOICE", "voice", 5),
          member("jiro", "Jiro Suzuki", "SMS", "sms", 5),
          member("saburo", "Saburo Sato", "EMAIL", "email", 0),
        ],
        rotations: [
          {
            name: "weekdays",
            members: ["taro", "jiro", "saburo"],
            // GetRotation's 2026-01-05T00:00:00Z is 09:00 in Tokyo.
            startTime: "2026-01-05T09:00:00",
            timeZone: "Asia/Tokyo",
            recurrence: {
              weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
              recurrenceMultiplier: 1,
              numberOfOnCalls: 1,
              coverage: {
                MON: [coverage],
                TUE: [coverage],
                WED: [coverage],
                THU: [coverage],
                FRI: [coverage],
              },
            },
          },
        ],
        schedule: { alias: "emergency-oncall", displayName: "emergency on-call schedule" },
        adopt: {
          contacts: ["taro", "jiro", "saburo", "emergency-oncall"],
          channels: {
            taro: { voice: `${CHANNEL}/taro/3f0d6a57-1c2b-4d8e-9a41-6b1e2f7c8d90` },
            jiro: { sms: `${CHANNEL}/jiro/8c1e4b2a-7d3f-4e9b-a6c5-0f2d1e3b4a59` },
            saburo: { email: `${CHANNEL}/saburo/d4a7e9c1-2b6f-4a3d-8e5c-7b9a0c1d2e3f` },
          },
          rotations: {
            weekdays: `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:rotation/5e7c3a1b-9d2f-4b6e-8a0c-1f3d5b7e9a2c`,
          },
        },
      },
    ]);
    assert.deepEqual(result.spec.escalations, [escalation("emergency")]);
    assert.deepEqual(result.spec.responsePlans, [responsePlan]);
    assert.deepEqual(result.notes, []);
  });

  it("keeps every address out of the spec, as a secret config value at its path", () => {
    assert.deepEqual(result.secrets, SECRETS);
    const text = JSON.stringify(result.spec);
    for (const s of SECRETS) assert.ok(!text.includes(s.address), s.address);
    assert.equal(
      secretLine(result.secrets[0], true),
      `pulumi config set --secret --path 'incident-manager:spec.teams[0].members[0].channels[0].address' '+819012345678'`,
    );
    assert.equal(
      secretLine(result.secrets[2], false),
      `pulumi config set --secret --path 'incident-manager:spec.teams[0].members[2].channels[0].address' 's*****@example.com'`,
    );
  });

  it("is, without its import IDs and with its addresses, a spec the stack accepts today", () => {
    const spec = validateSpec(asAcceptedToday(result));
    assert.equal(spec.teams.length, 1);
    assert.equal(spec.escalations.length, 1);
  });

  it("records what the spec cannot describe instead of changing it silently", () => {
    const snapshot = JSON.parse(read("account-snapshot.json"));
    const taro = snapshot.contacts[0];
    taro.getContact.Plan.Stages[0].DurationInMinutes = 10; // Longer than its retry interval.
    taro.listContactChannels.ContactChannels[0].Name = "taro phone"; // AWS allows spaces.
    snapshot.describeAlarms.MetricAlarms[0].DatapointsToAlarm = 1;
    snapshot.rotations[0].listTagsForResource.Tags = [{ Key: "team", Value: "emergency" }];
    const result = convertSnapshot(parseSnapshot(snapshot, "edited"));
    assert.deepEqual(result.notes, [
      "The replication set has tags the other resources do not share (service, environment); IncidentManagerSetup's `tags` go to every child, so they are left out.",
      "The contacts and rotations of emergency do not all carry the same tags; OnCallTeam tags them alike, so the spec keeps the tags they share (none) and adopting changes the others.",
      "The alarm emergency-alarm sets DatapointsToAlarm, which ResponsePlanWithAlarms does not describe; adopting it would change them.",
    ]);
    // The shared tag goes to the setup; the channel keeps the name AWS has.
    assert.deepEqual(result.spec.setup.tags, { team: "emergency" });
    const team = result.spec.teams[0] as { members: { channels: { name: string }[] }[] };
    assert.equal(team.members[0].channels[0].name, "taro phone");
  });
});

describe("adopt: converting a CloudFormation stack", () => {
  const templateFile = path.join(FIXTURES, "emergency-stack.yaml");
  const template = parseTemplate(read("emergency-stack.yaml"), templateFile);
  const resources = parseStackResources(
    JSON.parse(read("emergency-stack-resources.json")),
    "emergency-stack-resources.json",
  );
  const replicationSet = JSON.parse(read("replication-set.json"));

  it("parses YAML short-form intrinsics into their long form", () => {
    const r = template.Resources as Record<string, { Properties: Record<string, unknown> }>;
    assert.deepEqual(r.TaroChannel.Properties.ContactId, { Ref: "TaroContact" });
    assert.deepEqual(r.TaroPlan.Properties.ContactId, { "Fn::GetAtt": ["TaroContact", "Arn"] });
    assert.deepEqual(r.EmergencyAlarm.Properties.AlarmActions, [{ Ref: "ResponsePlan" }]);
    assert.deepEqual(
      yaml.load(
        "a: !Sub ['${X}-b', { X: !Ref Y }]\nb: !Join [',', [!Ref A, c]]\nc: !GetAtt [R, Arn]",
        {
          schema: CLOUDFORMATION_SCHEMA,
        },
      ),
      {
        a: { "Fn::Sub": ["${X}-b", { X: { Ref: "Y" } }] },
        b: { "Fn::Join": [",", [{ Ref: "A" }, "c"]] },
        c: { "Fn::GetAtt": ["R", "Arn"] },
      },
    );
  });

  const { snapshot, notes: templateNotes } = templateToSnapshot(template, resources, {
    getReplicationSet: replicationSet,
  });
  const result = convertSnapshot(snapshot);

  it("resolves Ref and GetAtt to the stack's physical IDs", () => {
    const escalationPlan = snapshot.contacts.find(
      (c) => c.getContact.Alias === "emergency-escalation-plan",
    )!;
    assert.deepEqual(
      escalationPlan.getContact.Plan!.Stages!.map(
        (s) => s.Targets![0].ContactTargetInfo!.ContactId,
      ),
      [`${CONTACT}/taro`, `${CONTACT}/jiro`, `${CONTACT}/saburo`],
    );
    assert.deepEqual(snapshot.describeAlarms.MetricAlarms![0].AlarmActions, [PLAN]);
    assert.deepEqual(templateNotes, []);
  });

  it("describes the recipe: a team without rotations, the escalation, the plan and its alarm", () => {
    assert.deepEqual(result.spec, {
      setup: {
        replicationSetArn: SET,
        regions: ["ap-northeast-1", "ap-northeast-2"],
        deletionProtected: true,
      },
      teams: [
        {
          name: "contacts",
          members: [
            member("taro", "Taro Yamada", "VOICE", "taro-voice", 0, 1),
            member("jiro", "Jiro Suzuki", "SMS", "jiro-sms", 0, 1),
            member("saburo", "Saburo Sato", "EMAIL", "saburo-email", 0, 1),
          ],
          adopt: {
            contacts: ["taro", "jiro", "saburo"],
            channels: {
              taro: { "taro-voice": `${CHANNEL}/taro/0b6f8a21-3c4d-4e5f-9a6b-7c8d9e0f1a2b` },
              jiro: { "jiro-sms": `${CHANNEL}/jiro/1c7a9b32-4d5e-4f6a-8b7c-8d9e0f1a2b3c` },
              saburo: { "saburo-email": `${CHANNEL}/saburo/2d8b0c43-5e6f-4a7b-9c8d-9e0f1a2b3c4d` },
            },
          },
        },
      ],
      escalations: [escalation("contacts")],
      responsePlans: [responsePlan],
    });
    // The parameter's Default gives taro's number; the others are in the template.
    assert.deepEqual(result.secrets, SECRETS);
  });

  it("describes each 1-minute stage exactly (lastStageMinutes), so nothing is left to note", () => {
    assert.deepEqual(result.notes, []);
  });

  it("leaves an address it cannot resolve for the user, and takes it from --parameter", () => {
    const noDefault = parseTemplate(
      read("emergency-stack.yaml").replace('Default: "+819012345678"', "NoEcho: true"),
      templateFile,
    );
    const unresolved = templateToSnapshot(noDefault, resources, {
      getReplicationSet: replicationSet,
    });
    assert.deepEqual(unresolved.notes, [
      'TaroChannel (AWS::SSMContacts::ContactChannel): {"Ref":"TaroPhone"} cannot be resolved from the template and the stack\'s resources; set it in the spec by hand.',
    ]);
    const script = renderSecrets(convertSnapshot(unresolved.snapshot));
    assert.ok(
      script.includes(
        `# unknown address, set it: pulumi config set --secret --path '${SECRETS[0].path}' '<address>'`,
      ),
      script,
    );
    const given = templateToSnapshot(noDefault, resources, {
      getReplicationSet: replicationSet,
      parameters: { TaroPhone: "+819012345678" },
    });
    assert.deepEqual(given.notes, []);
    assert.deepEqual(convertSnapshot(given.snapshot).secrets, SECRETS);
  });

  it("reports a resource missing from the stack and an unresolvable reference", () => {
    const partial = resources.filter((r) => r.LogicalResourceId !== "JiroChannel");
    const { notes } = templateToSnapshot(template, partial, { getReplicationSet: replicationSet });
    assert.deepEqual(notes, [
      'JiroPlan (AWS::SSMContacts::Plan): {"Fn::GetAtt":["JiroChannel","Arn"]} cannot be resolved from the template and the stack\'s resources; set it in the spec by hand.',
      "JiroChannel (AWS::SSMContacts::ContactChannel) is in the template but not in the stack's resources (or has no physical ID yet); it is left out.",
    ]);
  });
});

describe("adopt: the incident-manager-adopt command", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[]) {
    let out = "";
    let err = "";
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  }

  it("converts a stack into a stack config and a secrets script, printing no address", async () => {
    const out = path.join(dir, "Pulumi.adopted.yaml");
    const secrets = path.join(dir, "secrets.sh");
    const r = await run([
      "convert",
      "--template",
      path.join(FIXTURES, "emergency-stack.yaml"),
      "--resources",
      path.join(FIXTURES, "emergency-stack-resources.json"),
      "--replication-set",
      path.join(FIXTURES, "replication-set.json"),
      "--out",
      out,
      "--secrets",
      secrets,
    ]);
    assert.equal(r.err, "");
    assert.equal(r.code, 0);
    const config = (yaml.load(fs.readFileSync(out, "utf8")) as { config: Record<string, unknown> })
      .config;
    assert.equal(config["aws:region"], "ap-northeast-1");
    assert.equal(config["aws-native:region"], "ap-northeast-1");
    assert.equal((config[SPEC_KEY] as { teams: { name: string }[] }).teams[0].name, "contacts");
    const script = fs.readFileSync(secrets, "utf8");
    assert.equal(fs.statSync(secrets).mode & 0o777, 0o600);
    assert.ok(script.includes(`--path '${SECRETS[0].path}' '+819012345678'`));
    for (const text of [r.out, fs.readFileSync(out, "utf8")]) {
      for (const s of SECRETS) assert.ok(!text.includes(s.address), `${s.address} printed`);
    }
    assert.ok(
      r.out.includes(`pulumi config set --secret --path '${SECRETS[0].path}' '+81******678'`),
    );
    assert.ok(
      r.out.includes("  team contacts: contacts taro, jiro, saburo; 3 channel(s); 0 rotation(s)"),
    );
  });

  it("reads a snapshot offline, and refuses to overwrite without --force", async () => {
    const args = [
      "read",
      "--snapshot",
      path.join(FIXTURES, "account-snapshot.json"),
      "--out",
      path.join(dir, "a.yaml"),
      "--secrets",
      path.join(dir, "a.sh"),
    ];
    assert.equal((await run(args)).code, 0);
    const again = await run(args);
    assert.equal(again.code, 2);
    assert.equal(
      again.err,
      `incident-manager-adopt: ${path.join(dir, "a.yaml")} exists; pass --force to overwrite it, or choose another file.\n`,
    );
    assert.equal((await run([...args, "--force"])).code, 0);
  });

  it("exits 2 on a file that is not a snapshot, naming what is wrong", async () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ format: "other", contacts: [] }));
    const r = await run(["read", "--snapshot", bad, "--out", path.join(dir, "x.yaml")]);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      [
        `incident-manager-adopt: ${bad} is not an adoption snapshot:`,
        '  - `format` must be "incident-manager-adopt-snapshot/1"; got "other"',
        "  - `region` must be the region the account was read in; got undefined",
        "  - `rotations` must be a list (empty when there are none); got undefined",
        "  - `responsePlans` must be a list (empty when there are none); got undefined",
        "  - `describeAlarms` must be the output of DescribeAlarms; got undefined",
        "Write one with `incident-manager-adopt read --write-snapshot <file>`, or assemble it from the AWS CLI as the README shows.",
        "",
      ].join("\n"),
    );
  });

  it("asks for the region of a live read", async () => {
    const saved = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    try {
      const r = await run(["read"]);
      assert.equal(r.code, 2);
      assert.equal(
        r.err,
        "incident-manager-adopt: read needs --region <the replication set's first region> (or AWS_REGION), or --snapshot <file>.\n",
      );
    } finally {
      if (saved !== undefined) process.env.AWS_REGION = saved;
    }
  });
});

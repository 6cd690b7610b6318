import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand as ListAlarmTagsCommand,
} from "@aws-sdk/client-cloudwatch";
import {
  AccessDeniedException,
  GetContactCommand,
  ListContactChannelsCommand,
  ListContactsCommand,
  ListRotationsCommand,
  ListTagsForResourceCommand as ListContactTagsCommand,
  SSMContactsClient,
  ThrottlingException,
} from "@aws-sdk/client-ssm-contacts";
import {
  AccessDeniedException as IncidentsAccessDenied,
  GetReplicationSetCommand,
  GetResponsePlanCommand,
  ListReplicationSetsCommand,
  ListResponsePlansCommand,
  ListTagsForResourceCommand as ListIncidentTagsCommand,
  SSMIncidentsClient,
} from "@aws-sdk/client-ssm-incidents";
import { mockClient } from "aws-sdk-client-mock";
import { AccountReadError, readAccount, type AdoptClients } from "../../../plan/adopt/account";
import { main } from "../../../plan/adopt/cli";
import { convertSnapshot } from "../../../plan/adopt/convert";
import { parseSnapshot, type Snapshot } from "../../../plan/adopt/snapshot";

const FIXTURES = path.join(__dirname, "fixtures");
/** AWS's own examples of the SSM Contacts API (a copy of botocore 1.43's examples-1.json). */
const EXAMPLES = JSON.parse(
  fs.readFileSync(path.join(FIXTURES, "ssm-contacts-examples-1.json"), "utf8"),
).examples as Record<string, { input: Record<string, unknown>; output: Record<string, unknown> }[]>;
const example = (operation: string, i = 0) => EXAMPLES[operation][i];

const REGION = "us-east-2"; // The region of AWS's examples.
const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "example" };

/** What the tests use of an aws-sdk-client-mock stub, without its command types. */
interface LooseBehavior {
  resolves(output: unknown): LooseBehavior;
  resolvesOnce(output: unknown): LooseBehavior;
  rejects(error: Error): LooseBehavior;
  rejectsOnce(error: Error): LooseBehavior;
}
interface LooseStub {
  on(command: unknown, input?: object): LooseBehavior;
  commandCalls(command: unknown): { args: [{ input: Record<string, unknown> }] }[];
}

/** Real SDK clients whose `send` aws-sdk-client-mock answers. */
function mocked() {
  const clients: AdoptClients = {
    contacts: new SSMContactsClient({ region: REGION, credentials }),
    incidents: new SSMIncidentsClient({ region: REGION, credentials }),
    cloudwatch: new CloudWatchClient({ region: REGION, credentials }),
  };
  // @aws-sdk/client-ssm-contacts 3.523 (its newest release) is built on older @smithy/types than
  // aws-sdk-client-mock's, so its stub is typed loosely; it is the same stub.
  const contacts = mockClient(
    clients.contacts as unknown as Parameters<typeof mockClient>[0],
  ) as unknown as LooseStub;
  const incidents = mockClient(clients.incidents);
  const cloudwatch = mockClient(clients.cloudwatch);
  // An account with no replication set, rotations, response plans or alarms unless a test says so.
  incidents.on(ListReplicationSetsCommand).resolves({ replicationSetArns: [] });
  incidents.on(ListResponsePlansCommand).resolves({ responsePlanSummaries: [] });
  contacts.on(ListRotationsCommand).resolves({ Rotations: [] });
  contacts.on(ListContactTagsCommand).resolves({ Tags: [] });
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
  return { clients, contacts, incidents, cloudwatch };
}

/** The contacts of AWS's ListContacts example, each answered by GetContact and ListContactChannels. */
function answerExampleContacts(contacts: ReturnType<typeof mocked>["contacts"]) {
  const list = example("ListContacts").output.Contacts as {
    Alias: string;
    ContactArn: string;
    DisplayName: string;
    Type: string;
  }[];
  for (const summary of list) {
    const got = EXAMPLES.GetContact.find((e) => e.input.ContactId === summary.ContactArn);
    // AWS's examples describe akuam and example_escalation; the other two have no plan.
    contacts
      .on(GetContactCommand, { ContactId: summary.ContactArn })
      .resolves(got?.output ?? { ...summary, Plan: { Stages: [] } });
    const channels = EXAMPLES.ListContactChannels.find(
      (e) => e.input.ContactId === summary.ContactArn,
    );
    contacts
      .on(ListContactChannelsCommand, { ContactId: summary.ContactArn })
      .resolves(channels?.output ?? { ContactChannels: [] });
  }
  return list;
}

const DENIED =
  "User: arn:aws:iam::111122223333:user/adopter is not authorized to perform: ssm-contacts:ListContacts";

const noWait = () => {
  const waited: number[] = [];
  return { waited, sleep: async (ms: number) => void waited.push(ms) };
};

describe("adopt: reading the account with the AWS SDK", () => {
  it("reads AWS's example contacts, channels and escalation plan", async () => {
    const { clients, contacts } = mocked();
    contacts.on(ListContactsCommand).resolves(example("ListContacts").output);
    answerExampleContacts(contacts);
    const { snapshot, retryDelays } = await readAccount(clients, { region: REGION });
    assert.deepEqual(retryDelays, []);
    assert.deepEqual(
      snapshot.contacts.map((c) => [c.getContact.Alias, c.getContact.Type]),
      [
        ["akuam", "PERSONAL"],
        ["alejr", "PERSONAL"],
        ["anasi", "PERSONAL"],
        ["example_escalation", "ESCALATION"],
      ],
    );
    assert.deepEqual(
      snapshot.contacts[0].listContactChannels,
      example("ListContactChannels").output,
    );
    assert.equal(snapshot.getReplicationSet, undefined);

    const result = convertSnapshot(snapshot);
    assert.deepEqual(result.spec.escalations, [
      {
        name: "example_escalation",
        alias: "example_escalation",
        displayName: "Example Escalation Plan",
        stages: [
          { durationInMinutes: 5, targets: [{ target: "contacts/akuam", isEssential: true }] },
          { durationInMinutes: 5, targets: [{ target: "contacts/alejr", isEssential: false }] },
          { durationInMinutes: 0, targets: [{ target: "contacts/anasi", isEssential: false }] },
        ],
        adopt: true,
      },
    ]);
    const team = result.spec.teams[0] as { name: string; members: unknown[]; adopt: unknown };
    assert.equal(team.name, "contacts");
    assert.deepEqual(team.members[0], {
      alias: "akuam",
      displayName: "Akua Mansa",
      channels: [{ type: "SMS", name: "akuas sms", address: "[secret]" }],
      engagement: [],
    });
    assert.deepEqual(team.adopt, {
      contacts: ["akuam", "alejr", "anasi"],
      channels: {
        akuam: {
          "akuas sms":
            "arn:aws:ssm-contacts:us-east-2:111122223333:contact-channel/akuam/fc7405c4-46b2-48b7-87b2-93e2f225b90d",
        },
        alejr: {},
        anasi: {},
      },
    });
    assert.deepEqual(result.secrets, [
      {
        path: "incident-manager:spec.teams[0].members[0].channels[0].address",
        address: "+15005550100",
      },
    ]);
    // AWS's GetContact example engages three channels that its ListContactChannels example does
    // not list: each is reported, none is invented.
    assert.deepEqual(
      result.notes.filter((n) => n.startsWith("The engagement plan of akuam engages")),
      [
        "beb25840-5ac8-4644-95cc-7a8de390fa65",
        "49f3c24d-5f9f-4638-ae25-3f49e04229ad",
        "77d4f447-f619-4954-afff-85551e369c2a",
      ]
        .map(
          (id) =>
            `The engagement plan of akuam engages arn:aws:ssm-contacts:us-east-2:111122223333:contact-channel/akuam/${id}, which is not one of its channels; OnCallTeam engages a member's own channels only, so it is left out.`,
        )
        .concat(
          "The engagement plan of akuam engages none of its own channels; the spec gives it `engagement: []`, so adopting it removes the plan.",
        ),
    );
  });

  it("follows NextToken through every page of ListContacts", async () => {
    const { clients, contacts } = mocked();
    const all = example("ListContacts").output.Contacts as object[];
    contacts
      .on(ListContactsCommand)
      .resolvesOnce({ Contacts: all.slice(0, 2), NextToken: "page-2" })
      .resolvesOnce({ Contacts: all.slice(2) });
    answerExampleContacts(contacts);
    const { snapshot } = await readAccount(clients, { region: REGION });
    const calls = contacts.commandCalls(ListContactsCommand);
    assert.deepEqual(
      calls.map((c) => c.args[0].input.NextToken),
      [undefined, "page-2"],
    );
    assert.deepEqual(
      snapshot.contacts.map((c) => c.getContact.Alias),
      ["akuam", "alejr", "anasi", "example_escalation"],
    );
  });

  it("retries a ThrottlingException with the SDK's backoff, then succeeds", async () => {
    const { clients, contacts } = mocked();
    contacts
      .on(ListContactsCommand)
      .resolves({ Contacts: [example("ListContacts").output.Contacts as object[]][0].slice(0, 1) });
    const got = example("GetContact");
    contacts
      .on(GetContactCommand)
      .rejectsOnce(
        new ThrottlingException({
          message: "Rate exceeded",
          Message: "Rate exceeded",
          $metadata: {},
        }),
      )
      .resolves(got.output);
    contacts.on(ListContactChannelsCommand).resolves(example("ListContactChannels").output);
    const wait = noWait();
    const { snapshot, retryDelays } = await readAccount(clients, {
      region: REGION,
      sleep: wait.sleep,
    });
    assert.equal(contacts.commandCalls(GetContactCommand).length, 2);
    assert.equal(retryDelays.length, 1);
    // Throttling backs off from the SDK's 500 ms base with jitter, never past its 20 s cap.
    assert.ok(retryDelays[0] >= 0 && retryDelays[0] <= 20_000, `delay ${retryDelays[0]}`);
    assert.deepEqual(wait.waited, retryDelays);
    assert.equal(snapshot.contacts[0].getContact.DisplayName, "Akua Mansa");
  });

  it("gives up after the SDK's attempts and names the call", async () => {
    const { clients, contacts } = mocked();
    contacts.on(ListContactsCommand).rejects(
      new ThrottlingException({
        message: "Rate exceeded",
        Message: "Rate exceeded",
        $metadata: {},
      }),
    );
    const wait = noWait();
    await assert.rejects(
      readAccount(clients, { region: REGION, sleep: wait.sleep }),
      (err: Error) => {
        assert.ok(err instanceof AccountReadError);
        assert.equal(
          err.message,
          "ssm-contacts:ListContacts failed: ThrottlingException: Rate exceeded",
        );
        return true;
      },
    );
    assert.equal(contacts.commandCalls(ListContactsCommand).length, 3); // DEFAULT_MAX_ATTEMPTS
    assert.equal(wait.waited.length, 2);
  });

  it("names the IAM permission an AccessDenied lacks", async () => {
    const { clients, contacts } = mocked();
    contacts
      .on(ListContactsCommand)
      .rejects(new AccessDeniedException({ message: DENIED, Message: DENIED, $metadata: {} }));
    await assert.rejects(readAccount(clients, { region: REGION }), {
      name: "Error",
      message:
        "Reading the account needs the IAM permission `ssm-contacts:ListContacts`, which was denied (User: arn:aws:iam::111122223333:user/adopter is not authorized to perform: ssm-contacts:ListContacts). Allow `ssm-contacts:ListContacts` to the credentials adopt runs with (the README lists every permission it needs), or read a snapshot with `--snapshot <file>`.",
    });
    assert.equal(contacts.commandCalls(ListContactsCommand).length, 1); // Not retried.
  });

  it("names the ssm-incidents permission too", async () => {
    const { clients, incidents, contacts } = mocked();
    contacts.on(ListContactsCommand).resolves({ Contacts: [] });
    incidents.on(ListResponsePlansCommand).resolves({
      responsePlanSummaries: [
        { arn: "arn:aws:ssm-incidents::111122223333:response-plan/example", name: "example" },
      ],
    });
    incidents
      .on(GetResponsePlanCommand)
      .rejects(new IncidentsAccessDenied({ message: "denied", $metadata: {} }));
    await assert.rejects(readAccount(clients, { region: REGION }), (err: Error) =>
      err.message.startsWith(
        "Reading the account needs the IAM permission `ssm-incidents:GetResponsePlan`, which was denied (denied).",
      ),
    );
  });
});

describe("adopt: an existing account, read live, adopted with zero changes", () => {
  const file = path.join(FIXTURES, "account-snapshot.json");
  const fixture: Snapshot = parseSnapshot(JSON.parse(fs.readFileSync(file, "utf8")), file);

  /** Answers every read operation with the fixture's parts, as the account would. */
  function account() {
    const m = mocked();
    const set = fixture.getReplicationSet!.replicationSet;
    m.incidents.on(ListReplicationSetsCommand).resolves({ replicationSetArns: [set.arn!] });
    m.incidents
      .on(GetReplicationSetCommand, { arn: set.arn })
      .resolves(fixture.getReplicationSet as never);
    m.incidents
      .on(ListIncidentTagsCommand, { resourceArn: set.arn })
      .resolves(fixture.replicationSetTags as never);
    m.contacts.on(ListContactsCommand).resolves({
      Contacts: fixture.contacts.map((c) => ({
        ContactArn: c.getContact.ContactArn!,
        Alias: c.getContact.Alias!,
        DisplayName: c.getContact.DisplayName,
        Type: c.getContact.Type!,
      })),
    });
    for (const c of fixture.contacts) {
      const id = c.getContact.ContactArn!;
      m.contacts.on(GetContactCommand, { ContactId: id }).resolves(c.getContact as never);
      m.contacts
        .on(ListContactChannelsCommand, { ContactId: id })
        .resolves(c.listContactChannels as never);
      m.contacts
        .on(ListContactTagsCommand, { ResourceARN: id })
        .resolves(c.listTagsForResource as never);
    }
    // Rotations in two pages, as ListRotations pages them.
    m.contacts
      .on(ListRotationsCommand)
      .resolvesOnce({ Rotations: [], NextToken: "rotations-2" })
      .resolvesOnce({ Rotations: fixture.rotations.map((r) => r.rotation) as never });
    for (const r of fixture.rotations) {
      m.contacts
        .on(ListContactTagsCommand, { ResourceARN: r.rotation.RotationArn })
        .resolves(r.listTagsForResource as never);
    }
    m.incidents.on(ListResponsePlansCommand).resolves({
      responsePlanSummaries: fixture.responsePlans.map((p) => ({
        arn: p.getResponsePlan.arn!,
        name: p.getResponsePlan.name!,
      })),
    });
    for (const p of fixture.responsePlans) {
      m.incidents
        .on(GetResponsePlanCommand, { arn: p.getResponsePlan.arn })
        .resolves(p.getResponsePlan as never);
      m.incidents
        .on(ListIncidentTagsCommand, { resourceArn: p.getResponsePlan.arn })
        .resolves(p.listTagsForResource as never);
    }
    m.cloudwatch.on(DescribeAlarmsCommand).resolves(fixture.describeAlarms as never);
    m.cloudwatch
      .on(ListAlarmTagsCommand, {
        ResourceARN: "arn:aws:cloudwatch:ap-northeast-1:111122223333:alarm:emergency-alarm",
      })
      .resolves(fixture.alarmTags!["emergency-alarm"] as never);
    return m;
  }

  it("reads the same snapshot as the file, and converts it without a note", async () => {
    const m = account();
    const { snapshot } = await readAccount(m.clients, { region: "ap-northeast-1" });
    assert.deepEqual(JSON.parse(JSON.stringify(snapshot)), JSON.parse(JSON.stringify(fixture)));
    assert.deepEqual(
      m.contacts.commandCalls(ListRotationsCommand).map((c) => c.args[0].input.NextToken),
      [undefined, "rotations-2"],
    );
    const live = convertSnapshot(snapshot);
    assert.deepEqual(live, convertSnapshot(fixture));
    assert.deepEqual(live.notes, []);
  });

  it("runs as `read --region` with --write-snapshot, and exits 3 naming a denied permission", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-read-"));
    try {
      const m = account();
      let out = "";
      const code = await main(
        [
          "read",
          "--region",
          "ap-northeast-1",
          "--write-snapshot",
          path.join(dir, "account.json"),
          "--out",
          path.join(dir, "a.yaml"),
          "--secrets",
          path.join(dir, "a.sh"),
        ],
        { out: (t) => void (out += t), err: () => undefined, clients: () => m.clients },
      );
      assert.equal(code, 0);
      const written = path.join(dir, "account.json");
      assert.equal(fs.statSync(written).mode & 0o777, 0o600);
      assert.deepEqual(
        JSON.parse(fs.readFileSync(written, "utf8")),
        JSON.parse(JSON.stringify(fixture)),
      );
      assert.ok(
        out.startsWith(
          `Wrote ${path.join(dir, "a.yaml")}: 1 team(s), 1 escalation(s), 1 response plan(s).`,
        ),
      );
      assert.ok(!out.includes("+819012345678"));

      const denied = mocked();
      denied.incidents
        .on(ListReplicationSetsCommand)
        .rejects(new IncidentsAccessDenied({ message: "denied", $metadata: {} }));
      let err = "";
      const code3 = await main(
        ["read", "--region", "ap-northeast-1", "--out", path.join(dir, "b.yaml")],
        {
          out: () => undefined,
          err: (t) => void (err += t),
          clients: () => denied.clients,
        },
      );
      assert.equal(code3, 3);
      assert.ok(
        err.startsWith(
          "incident-manager-adopt: Reading the account needs the IAM permission `ssm-incidents:ListReplicationSets`",
        ),
        err,
      );
      assert.equal(fs.existsSync(path.join(dir, "b.yaml")), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

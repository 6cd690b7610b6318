/**
 * `plan --snapshot`'s adoption diff: the converted account snapshot, built by the config stack
 * under the mocks, matches the snapshot it came from; one mutation per kind of difference.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  Capture,
  CapturedResource,
  installCapture,
  reset,
  setMockAccount,
  settle,
} from "../../../testing";
import { convertSnapshot } from "../../../plan/adopt/convert";
import { FIXTURE_ACCOUNT, withAddresses } from "../../support/adoption";
import { type PlanResult as Result, runPlan as plan } from "../../support/plan";
import { diffAdoption, renderAdoption, replacingInputs } from "../../../plan/adopt/diff";
import { parseSnapshot, type Snapshot } from "../../../plan/adopt/snapshot";

const FILE = path.join(__dirname, "fixtures", "account-snapshot.json");
const snapshot = (): Snapshot => parseSnapshot(JSON.parse(fs.readFileSync(FILE, "utf8")), FILE);

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("adoption diff", () => {
  let capture: Capture;
  let stack: typeof import("../../../stack/spec");

  before(async () => {
    capture = await installCapture();
    stack = await import("../../../stack/spec");
    // The stack runs as the account the snapshot's ARNs name, as `plan --snapshot` does.
    setMockAccount(FIXTURE_ACCOUNT);
  });
  after(() => setMockAccount(undefined));
  beforeEach(() => reset(capture));

  /** Builds the converted spec of `snap`, changed by `edit`, and returns its custom resources. */
  async function build(snap: Snapshot, edit?: (spec: Mutable) => void) {
    const spec = withAddresses(convertSnapshot(snap)) as Mutable;
    edit?.(spec);
    stack.buildStack(spec);
    await settle();
    return capture.resources.filter((r) => r.custom) as CapturedResource[];
  }

  it("finds every adopted resource of the converted snapshot the same", async () => {
    const snap = snapshot();
    const report = diffAdoption(snap, await build(snap));
    assert.equal(report.changes, 0);
    assert.equal(report.resources.length, 16);
    assert.deepEqual(
      report.resources.filter((f) => f.status !== "same" || f.differences.length > 0),
      [],
    );
    assert.deepEqual(
      report.resources.filter((f) => f.notCompared.length > 0).map((f) => f.notCompared),
      [],
    );
    assert.ok(
      renderAdoption(report).startsWith("== Adoption (16 imported, 0 to change) ==\n  same "),
    );
  });

  it("reports a changed display name as a property difference, updated in place", async () => {
    const snap = snapshot();
    (snap.contacts[0].getContact as Mutable).DisplayName = "Taro Y.";
    const report = diffAdoption(snap, await build(snapshot()));
    assert.equal(report.changes, 1);
    const [finding] = report.resources.filter((f) => f.status !== "same");
    assert.deepEqual(
      { name: finding.name, status: finding.status, differences: finding.differences },
      {
        name: "emergency-taro",
        status: "differs",
        differences: [
          { path: "displayName", existing: "Taro Y.", desired: "Taro Yamada", replaces: false },
        ],
      },
    );
    assert.deepEqual(finding.consequences, []);
  });

  it("reports a changed alias as replacing, and an alias AWS does not hold as not found", async () => {
    assert.deepEqual(replacingInputs("aws:ssmcontacts/contact:Contact"), ["alias", "type"]);
    assert.deepEqual(replacingInputs("aws:ssmincidents/responsePlan:ResponsePlan"), ["name"]);
    assert.deepEqual(replacingInputs("aws:ssmcontacts/contactChannel:ContactChannel"), [
      "type",
      "contactId",
    ]);
    // The account holds the contact under another alias than the spec.
    const renamed = snapshot();
    (renamed.contacts[0].getContact as Mutable).Alias = "taro-y";
    const replaced = diffAdoption(renamed, await build(snapshot()));
    const [finding] = replaced.resources.filter((f) => f.status !== "same");
    assert.equal(replaced.changes, 1);
    assert.deepEqual(
      { name: finding.name, status: finding.status, differences: finding.differences },
      {
        name: "emergency-taro",
        status: "replaces",
        differences: [{ path: "alias", existing: "taro-y", desired: "taro", replaces: true }],
      },
    );
    assert.deepEqual(finding.consequences, [
      "`alias` cannot change in place: the contact is replaced with its channels and plan, and every replaced channel must be activated again by its owner.",
    ]);

    // The spec renames jiro: the import ID derived from the alias names no contact of the account.
    reset(capture);
    const snap = snapshot();
    const resources = await build(snap, (spec) => {
      const text = JSON.stringify(spec)
        .replace(/"jiro"/g, '"jiro2"')
        .replace(/"emergency\/jiro"/g, '"emergency/jiro2"')
        .replace(/contact-channel\/jiro\//g, "contact-channel/jiro2/");
      Object.assign(spec, JSON.parse(text));
    });
    const report = diffAdoption(snap, resources);
    assert.deepEqual(
      report.resources
        .filter((f) => f.status !== "same")
        .map((f) => `${f.status} ${f.type} ${f.importId}`),
      [
        "not found aws:ssmcontacts/contact:Contact arn:aws:ssm-contacts:ap-northeast-1:111122223333:contact/jiro2",
        "not found aws:ssmcontacts/contactChannel:ContactChannel arn:aws:ssm-contacts:ap-northeast-1:111122223333:contact-channel/jiro2/8c1e4b2a-7d3f-4e9b-a6c5-0f2d1e3b4a59",
        "not found aws:ssmcontacts/plan:Plan arn:aws:ssm-contacts:ap-northeast-1:111122223333:contact/jiro2",
        // What names jiro's contact changes with it.
        "differs aws-native:ssmcontacts:Rotation arn:aws:ssm-contacts:ap-northeast-1:111122223333:rotation/5e7c3a1b-9d2f-4b6e-8a0c-1f3d5b7e9a2c",
        "differs aws:ssmcontacts/plan:Plan arn:aws:ssm-contacts:ap-northeast-1:111122223333:contact/emergency-escalation-plan",
      ],
      renderAdoption(report),
    );
  });

  it("reports a changed retry interval in a plan", async () => {
    const snap = snapshot();
    const stage = (snap.contacts[1].getContact.Plan as Mutable).Stages[0];
    stage.Targets[0].ChannelTargetInfo.RetryIntervalInMinutes = 10;
    const report = diffAdoption(snap, await build(snapshot()));
    assert.equal(report.changes, 1);
    const [finding] = report.resources.filter((f) => f.status !== "same");
    assert.equal(finding.name, "emergency-jiro-plan");
    assert.deepEqual(finding.differences, [
      {
        path: "stages[0].targets[0].channelTargetInfo.retryIntervalInMinutes",
        existing: 10,
        desired: 5,
        replaces: false,
      },
    ]);
  });

  it("flags a replication set key that cannot change in place", async () => {
    const snap = snapshot();
    const regionMap = (snap.getReplicationSet!.replicationSet as Mutable).regionMap;
    const key = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    regionMap["ap-northeast-2"].sseKmsKeyId = key;
    const report = diffAdoption(snap, await build(snapshot()));
    assert.equal(report.changes, 1);
    const [finding] = report.resources.filter((f) => f.status !== "same");
    assert.equal(finding.type, "aws-native:ssmincidents:ReplicationSet");
    assert.deepEqual(finding.differences, [
      { path: "regions.ap-northeast-2", existing: key, desired: "AWS-owned", replaces: false },
    ]);
    assert.deepEqual(finding.consequences, [
      `The key of ap-northeast-2 cannot change in place (from ${key} to AWS-owned): UpdateReplicationSet only adds or deletes regions. Keep the existing key, or remove the region and add it again with the new key.`,
    ]);
  });

  it("replaces a channel whose type differs, which its owner must activate again", async () => {
    const snap = snapshot();
    (snap.contacts[1].listContactChannels.ContactChannels[0] as Mutable).Type = "VOICE";
    const report = diffAdoption(snap, await build(snapshot()));
    const [finding] = report.resources.filter((f) => f.status !== "same");
    assert.equal(report.changes, 1);
    assert.deepEqual(
      { name: finding.name, status: finding.status, differences: finding.differences },
      {
        name: "emergency-jiro-sms",
        status: "replaces",
        differences: [{ path: "type", existing: "VOICE", desired: "SMS", replaces: true }],
      },
    );
    assert.deepEqual(finding.consequences, [
      "`type` cannot change in place: the channel is replaced, and its owner must activate the new one with the code sent to it before it can be engaged.",
    ]);
  });

  it("flags a region swap: one region per update, none removed within 24 hours", async () => {
    const snap = snapshot();
    const regionMap = (snap.getReplicationSet!.replicationSet as Mutable).regionMap;
    regionMap["ap-southeast-1"] = regionMap["ap-northeast-2"];
    delete regionMap["ap-northeast-2"];
    const report = diffAdoption(snap, await build(snapshot()));
    const [finding] = report.resources.filter((f) => f.status !== "same");
    assert.equal(finding.status, "differs");
    assert.deepEqual(finding.differences, [
      {
        path: "regions.ap-northeast-2",
        existing: undefined,
        desired: "AWS-owned",
        replaces: false,
      },
      {
        path: "regions.ap-southeast-1",
        existing: "AWS-owned",
        desired: undefined,
        replaces: false,
      },
    ]);
    assert.deepEqual(finding.consequences, [
      "Regions change one at a time (here +ap-northeast-2, -ap-southeast-1): apply one change per `pulumi up`.",
      "ap-southeast-1 would be removed: a region cannot be removed within 24 hours of being added.",
    ]);
  });

  it("compares tags the account holds, and says when the snapshot holds none to compare", async () => {
    const snap = snapshot();
    (snap.responsePlans[0].listTagsForResource as Mutable).tags = {
      team: "emergency",
      service: "web",
    };
    delete (snap.contacts[2] as Mutable).listTagsForResource;
    const report = diffAdoption(snap, await build(snapshot()));
    const plan = report.resources.find((f) => f.name === "emergency-response-plan-response-plan")!;
    assert.deepEqual(plan.differences, [
      { path: "tags.environment", existing: undefined, desired: "dev", replaces: false },
    ]);
    const saburo = report.resources.find((f) => f.name === "emergency-saburo")!;
    assert.deepEqual(
      { status: saburo.status, notCompared: saburo.notCompared },
      { status: "same", notCompared: ["tags"] },
    );
    assert.ok(
      renderAdoption(report).includes(
        "  same      aws:ssmcontacts/contact:Contact emergency-saburo (arn:aws:ssm-contacts:ap-northeast-1:111122223333:contact/saburo)\n      not compared (the snapshot cannot tell): tags\n",
      ),
    );
  });

  it("masks a changed delivery address", async () => {
    const snap = snapshot();
    (
      snap.contacts[0].listContactChannels.ContactChannels[0].DeliveryAddress as Mutable
    ).SimpleAddress = "+819087654321";
    const report = diffAdoption(snap, await build(snapshot()));
    const [finding] = report.resources.filter((f) => f.status !== "same");
    assert.deepEqual(finding.differences, [
      {
        path: "deliveryAddress.simpleAddress",
        existing: "+81******321",
        desired: "+81******678",
        replaces: false,
      },
    ]);
    const text = renderAdoption(report);
    assert.ok(!text.includes("+819087654321") && !text.includes("+819012345678"), text);
  });
});

describe("plan --snapshot", function () {
  this.timeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-adopt-"));
  const specFile = path.join(dir, "adopted.json");
  const changedFile = path.join(dir, "changed-snapshot.json");
  let clean: Result;
  let changed: Result;
  let allowed: Result;

  before(async () => {
    fs.writeFileSync(specFile, JSON.stringify(withAddresses(convertSnapshot(snapshot()))));
    const snap = JSON.parse(fs.readFileSync(FILE, "utf8")) as Mutable;
    snap.contacts[0].getContact.DisplayName = "Taro Y.";
    fs.writeFileSync(changedFile, JSON.stringify(snap));
    const common = ["--spec", specFile, "--no-policies", "--at", "2026-06-01T00:00:00Z"];
    [clean, changed, allowed] = await Promise.all([
      plan([...common, "--snapshot", FILE, "--json", path.join(dir, "clean.json")]),
      plan([...common, "--snapshot", changedFile]),
      plan([...common, "--snapshot", changedFile, "--allow-adoption-changes"]),
    ]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 0 when every adopted resource is the same, and writes `adoption` in --json", () => {
    assert.equal(clean.code, 0, clean.stderr);
    assert.ok(clean.stdout.includes("\n== Adoption (16 imported, 0 to change) ==\n"), clean.stdout);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "clean.json"), "utf8")) as Mutable;
    assert.equal(json.adoption.changes, 0);
    assert.equal(json.adoption.resources.length, 16);
  });

  it("exits 1 with a difference, and prints it", () => {
    assert.equal(changed.code, 1, changed.stderr);
    assert.ok(changed.stdout.includes("\n== Adoption (16 imported, 1 to change) ==\n"));
    assert.ok(
      changed.stdout.includes(
        '  differs   aws:ssmcontacts/contact:Contact emergency-taro (arn:aws:ssm-contacts:ap-northeast-1:111122223333:contact/taro)\n      displayName: "Taro Y." -> "Taro Yamada"\n',
      ),
      changed.stdout,
    );
    assert.ok(changed.stdout.includes("pass --allow-adoption-changes to accept the changes"));
  });

  it("exits 0 with the same difference under --allow-adoption-changes", () => {
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.ok(allowed.stdout.includes('      displayName: "Taro Y." -> "Taro Yamada"\n'));
  });

  it("refuses a file that is not a snapshot with exit 2", async () => {
    const result = await plan(["--spec", specFile, "--no-policies", "--snapshot", specFile]);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(`${specFile} is not an adoption snapshot:`), result.stderr);
  });
});

/**
 * `plan --snapshot`'s adoption diff: the converted account snapshot, built by the config stack
 * under the mocks, matches the snapshot it came from; one mutation per kind of difference.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Capture, CapturedResource, installCapture, reset, settle } from "../../../plan/capture";
import { convertSnapshot, type AdoptResult } from "../../../plan/adopt/convert";
import { diffAdoption, renderAdoption, replacingInputs } from "../../../plan/adopt/diff";
import { parseSnapshot, type Snapshot } from "../../../plan/adopt/snapshot";

const FILE = path.join(__dirname, "fixtures", "account-snapshot.json");
const snapshot = (): Snapshot => parseSnapshot(JSON.parse(fs.readFileSync(FILE, "utf8")), FILE);

/** The spec with each secret address set at its config path, as the secrets script does. */
function withAddresses(result: AdoptResult): Record<string, unknown> {
  const spec = JSON.parse(JSON.stringify(result.spec)) as Record<string, unknown>;
  for (const { path: configPath, address } of result.secrets) {
    const keys = configPath
      .replace(/^incident-manager:spec\./, "")
      .split(/\.|\[(\d+)\]/)
      .filter((k) => k !== undefined && k !== "");
    let node = spec as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]] = address;
  }
  return spec;
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("adoption diff", () => {
  let capture: Capture;
  let stack: typeof import("../../../stack/spec");

  before(async () => {
    capture = await installCapture();
    stack = await import("../../../stack/spec");
  });
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

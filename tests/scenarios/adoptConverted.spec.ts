/**
 * The two adoption paths end to end: what `incident-manager-adopt` writes (from an account
 * snapshot, and from the CloudFormation recipe) is built by the config stack under the mocks, with
 * the addresses the secrets script would set. Adopting must create nothing: every custom resource
 * carries its import ID, and the converter has nothing to note.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Capture, installCapture, reset, setMockAccount, settle } from "../../testing";
import { diffAdoption } from "../../plan/adopt/diff";
import { FIXTURE_ACCOUNT, withAddresses } from "../support/adoption";
import { convertSnapshot, type AdoptResult } from "../../plan/adopt/convert";
import { parseSnapshot } from "../../plan/adopt/snapshot";
import {
  parseStackResources,
  parseTemplate,
  templateToSnapshot,
} from "../../plan/adopt/cloudformation";

const FIXTURES = path.join(__dirname, "..", "plan", "adopt", "fixtures");
const read = (file: string) => fs.readFileSync(path.join(FIXTURES, file), "utf8");

describe("scenario: adopting what incident-manager-adopt wrote", () => {
  let capture: Capture;
  let stack: typeof import("../../stack/spec");

  const later: unknown[] = [];
  const onRejection = (reason: unknown) => later.push(reason);

  before(async () => {
    capture = await installCapture();
    stack = await import("../../stack/spec");
    // The stack runs as the account the fixtures' ARNs name, as `plan --snapshot` does.
    setMockAccount(FIXTURE_ACCOUNT);
    process.on("unhandledRejection", onRejection);
  });
  after(() => {
    setMockAccount(undefined);
    process.off("unhandledRejection", onRejection);
  });
  beforeEach(() => {
    reset(capture);
    later.length = 0;
  });

  async function adopt(result: AdoptResult) {
    stack.buildStack(withAddresses(result));
    await settle();
    // Nothing fails when Outputs resolve either (the setup checks the account, for one).
    assert.deepEqual(later, []);
    return capture.resources.filter((r) => r.custom);
  }

  it("adopts a snapshot of an existing account: nothing noted, nothing created", async () => {
    const file = path.join(FIXTURES, "account-snapshot.json");
    const snapshot = parseSnapshot(JSON.parse(read("account-snapshot.json")), file);
    const result = convertSnapshot(snapshot);
    assert.deepEqual(result.notes, []);
    const resources = await adopt(result);
    const report = diffAdoption(snapshot, resources);
    assert.deepEqual(
      [report.changes, report.resources.filter((f) => f.status !== "same").length],
      [0, 0],
    );
    assert.ok(resources.length > 10);
    assert.deepEqual(
      resources.filter((r) => r.importId === undefined).map((r) => `${r.type} ${r.name}`),
      [],
    );
  });

  it("adopts the CloudFormation recipe the same way, with its 1-minute stages as they are", async () => {
    const template = parseTemplate(read("emergency-stack.yaml"), "emergency-stack.yaml");
    const resources = parseStackResources(
      JSON.parse(read("emergency-stack-resources.json")),
      "emergency-stack-resources.json",
    );
    const { snapshot, notes } = templateToSnapshot(template, resources, {
      getReplicationSet: JSON.parse(read("replication-set.json")),
    });
    const result = convertSnapshot(snapshot);
    assert.deepEqual([...notes, ...result.notes], []);
    const registered = await adopt(result);
    // plan --snapshot on the converted stack: every adopted resource matches what exists.
    const report = diffAdoption(snapshot, registered);
    assert.equal(report.resources.length, registered.length);
    assert.deepEqual(
      report.resources
        .filter((f) => f.status !== "same" || f.differences.length > 0)
        .map((f) => f.differences),
      [],
    );
    assert.deepEqual(
      registered.filter((r) => r.importId === undefined).map((r) => `${r.type} ${r.name}`),
      [],
    );
    assert.deepEqual(
      registered.map((r) => r.type).sort(),
      [
        "aws-native:ssmincidents:ReplicationSet",
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        ...Array<string>(4).fill("aws:ssmcontacts/contact:Contact"),
        ...Array<string>(3).fill("aws:ssmcontacts/contactChannel:ContactChannel"),
        ...Array<string>(4).fill("aws:ssmcontacts/plan:Plan"),
        "aws:ssmincidents/responsePlan:ResponsePlan",
      ].sort(),
    );
    const taroPlan = registered.find((r) => r.name === "contacts-taro-plan")!;
    assert.deepEqual(
      (taroPlan.inputs.stages as { durationInMinutes: number }[]).map((s) => s.durationInMinutes),
      [1],
    );
    const escalation = registered.find((r) => r.name === "emergency-escalation-plan-plan")!;
    assert.deepEqual(
      (escalation.inputs.stages as { durationInMinutes: number }[]).map((s) => s.durationInMinutes),
      [5, 5, 0],
    );
  });
});

/**
 * The two adoption paths end to end: what `incident-manager-adopt` writes (from an account
 * snapshot, and from the CloudFormation recipe) is built by the config stack under the mocks, with
 * the addresses the secrets script would set. Adopting must create nothing: every custom resource
 * carries its import ID, and the converter has nothing to note.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Capture, installCapture, reset, settle } from "../../plan/capture";
import { convertSnapshot, type AdoptResult } from "../../plan/adopt/convert";
import { parseSnapshot } from "../../plan/adopt/snapshot";
import {
  parseStackResources,
  parseTemplate,
  templateToSnapshot,
} from "../../plan/adopt/cloudformation";

const FIXTURES = path.join(__dirname, "..", "plan", "adopt", "fixtures");
const read = (file: string) => fs.readFileSync(path.join(FIXTURES, file), "utf8");

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

describe("scenario: adopting what incident-manager-adopt wrote", () => {
  let capture: Capture;
  let stack: typeof import("../../stack/spec");

  before(async () => {
    capture = await installCapture();
    stack = await import("../../stack/spec");
  });
  beforeEach(() => reset(capture));

  async function adopt(result: AdoptResult) {
    stack.buildStack(withAddresses(result));
    await settle();
    return capture.resources.filter((r) => r.custom);
  }

  it("adopts a snapshot of an existing account: nothing noted, nothing created", async () => {
    const file = path.join(FIXTURES, "account-snapshot.json");
    const result = convertSnapshot(parseSnapshot(JSON.parse(read("account-snapshot.json")), file));
    assert.deepEqual(result.notes, []);
    const resources = await adopt(result);
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

import { strict as assert } from "assert";
import { conformancePrograms, runConformance, summaryLine } from "../../conformance/run";
import type { ProgramResult } from "../../conformance/run";
import { formatViolation } from "../../aws/requests";

/**
 * Violations our own programs produce today, each `<program>: <violation>`. Empty: the reference
 * scenario, every example and the full-option specs send only values AWS's models accept.
 */
const EXPECTED_VIOLATIONS: readonly string[] = [];

describe("conformance: the reference scenario, the examples and the full-option specs against AWS's models", function () {
  this.timeout(120_000);
  let results: ProgramResult[];

  before(async () => {
    results = await runConformance();
  });

  it("runs the reference scenario, every example and every spec in conformance/specs/", () => {
    assert.deepEqual(
      conformancePrograms().map((p) => p.label),
      [
        "reference scenario",
        "examples/alarm-response-plan",
        "examples/emergency-escalation",
        "examples/escalation-chain",
        "examples/follow-the-sun",
        "examples/minimal-setup",
        "specs/chat-and-runbook",
        "specs/existing-keys",
        "specs/full-options",
        "specs/post-incident",
      ],
    );
  });

  it("maps every resource each program registers, and finds only the expected violations", () => {
    assert.deepEqual(
      results.map((r) => [r.label, r.resources, r.checked, r.unmapped]),
      [
        ["reference scenario", 16, 16, []],
        ["examples/alarm-response-plan", 3, 3, []],
        ["examples/emergency-escalation", 16, 16, []],
        ["examples/escalation-chain", 20, 20, []],
        ["examples/follow-the-sun", 21, 21, []],
        ["examples/minimal-setup", 1, 1, []],
        ["specs/chat-and-runbook", 30, 30, []],
        ["specs/existing-keys", 18, 18, []],
        ["specs/full-options", 45, 45, []],
        ["specs/post-incident", 25, 25, []],
      ],
    );
    assert.deepEqual(
      results.flatMap((r) => r.violations.map((v) => `${r.label}: ${formatViolation(v)}`)),
      EXPECTED_VIOLATIONS,
    );
  });

  it("sums it up in one line", () => {
    assert.equal(summaryLine(results), "conformance: 195 resources in 10 programs, 0 violations");
  });

  it("the full-option spec registers every kind of resource the components make", () => {
    const full = results.find((r) => r.label === "specs/full-options")!;
    assert.deepEqual(full.types, {
      "aws:kms/key:Key": 3, // one created key per region of three
      "aws:kms/alias:Alias": 3,
      "aws-native:ssmincidents:ReplicationSet": 1,
      "aws:iam/role:Role": 3, // findings, runbook, events
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
      "aws:iam/rolePolicy:RolePolicy": 2,
      "aws:ssmcontacts/contact:Contact": 5, // four members and the escalation
      "aws:ssmcontacts/contactChannel:ContactChannel": 8,
      "aws:ssmcontacts/plan:Plan": 5,
      "aws-native:ssmcontacts:Rotation": 3, // daily, weekly and monthly hand-offs
      "aws-native:ssmcontacts:Contact": 1, // the on-call schedule
      "aws:ssmincidents/responsePlan:ResponsePlan": 2,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 3,
      "aws:cloudwatch/compositeAlarm:CompositeAlarm": 1,
      "aws:cloudwatch/eventRule:EventRule": 2,
      "aws:cloudwatch/eventTarget:EventTarget": 2,
    });
  });

  it("the post-incident spec registers the templates, the PagerDuty secret and a Teams channel, all mapped", () => {
    const spec = results.find((r) => r.label === "specs/post-incident")!;
    assert.deepEqual(spec.types, {
      "aws-native:ssmincidents:ReplicationSet": 1,
      "aws:ssm/document:Document": 2, // the analysis template in each region
      "aws:kms/key:Key": 1, // the secret's multi-Region key and its replica
      "aws:kms/replicaKey:ReplicaKey": 1,
      "aws:iam/role:Role": 1, // the chat channel's
      "aws:ssmcontacts/contact:Contact": 3,
      "aws:sns/topic:Topic": 2,
      "aws:iam/rolePolicy:RolePolicy": 1,
      "aws:secretsmanager/secret:Secret": 1,
      "aws:ssmcontacts/contactChannel:ContactChannel": 2,
      "aws:secretsmanager/secretPolicy:SecretPolicy": 1,
      "aws:sns/topicPolicy:TopicPolicy": 2,
      "aws:secretsmanager/secretVersion:SecretVersion": 1,
      "aws:ssmcontacts/plan:Plan": 3,
      "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": 1,
      "aws:ssmincidents/responsePlan:ResponsePlan": 1,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 1,
    });
  });
});

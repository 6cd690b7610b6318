import { strict as assert } from "assert";
import * as aws from "../../aws";
import { AWS_CONSTRAINTS, awsPattern } from "../../aws/model";

/** Each fact is what AWS's own artefacts say (botocore 1.43, cfn-lint 1.51, the user guide). */
describe("AWS facts", () => {
  it("lists the 16 commercial regions where ssm-incidents and ssm-contacts both have endpoints", () => {
    assert.deepEqual(aws.INCIDENT_MANAGER_REGIONS, [
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "ca-central-1",
      "eu-central-1",
      "eu-north-1",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "sa-east-1",
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
    ]);
    assert.equal(aws.isIncidentManagerRegion("ap-northeast-3"), false);
    assert.equal(aws.isAwsRegion("ap-northeast-3"), true);
    assert.match(
      aws.checkIncidentManagerRegion("ap-northeast-3") ?? "",
      /^must be a region where Incident Manager is offered; got ap-northeast-3, which does not offer it \(no ssm-incidents\/ssm-contacts endpoint in AWS's endpoint data\)\. Use one of ap-northeast-1, /,
    );
  });

  it("reads contact aliases as the API does: no '.', unlike CloudFormation", () => {
    assert.equal(aws.CONTACT_ALIAS.patternText, "^[a-z0-9_\\-]*$");
    assert.deepEqual([aws.CONTACT_ALIAS.min, aws.CONTACT_ALIAS.max], [1, 255]);
    assert.equal(aws.CONTACT_ALIAS.pattern!.test("taro.yamada"), false);
    assert.equal(aws.CONTACT_ALIAS.pattern!.test("taro_yamada-2"), true);
    assert.equal(aws.CFN_CONTACT_ALIAS.pattern!.test("taro.yamada"), true);
    assert.equal(aws.CONTACT_ALIAS.source, "ssm-contacts CreateContact Alias");
  });

  it("has the API's and CloudFormation's display name patterns", () => {
    assert.equal(aws.CONTACT_DISPLAY_NAME.patternText, "^[\\p{L}\\p{Z}\\p{N}_.\\-]*$");
    assert.equal(aws.CONTACT_DISPLAY_NAME.pattern!.test("山田 太郎"), true);
    assert.equal(aws.CONTACT_DISPLAY_NAME.pattern!.test("Taro (SRE)"), false);
    assert.equal(aws.CFN_CONTACT_DISPLAY_NAME.patternText, "^[a-zA-Z0-9_\\-\\s]*$");
    assert.equal(aws.CFN_CONTACT_DISPLAY_NAME.pattern!.test("山田 太郎"), false);
    assert.equal(aws.CFN_CONTACT_DISPLAY_NAME.pattern!.test("sre on-call schedule"), true);
  });

  it("has each service's tag rules", () => {
    const contacts = aws.SSM_CONTACTS_TAGS;
    assert.equal(contacts.key.patternText, "^[\\\\\\/a-zA-Z0-9_+=\\-]*$");
    assert.equal(contacts.key.pattern!.test("cost center"), false);
    assert.equal(contacts.key.pattern!.test("team/owner"), true);
    assert.deepEqual([contacts.value.min, contacts.value.max], [1, 256]);
    assert.equal(contacts.value.patternText, "^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*$");
    const incidents = aws.SSM_INCIDENTS_TAGS;
    assert.equal(incidents.key.patternText, "^(?!aws:)[A-Za-z0-9 _=@:.+-/]+$");
    assert.equal(incidents.value.patternText, "^[A-Za-z0-9 _=@:.+-/]*$");
    assert.equal(incidents.value.min, 0);
    assert.equal(incidents.key.pattern!.test("aws:x"), false);
    assert.equal(aws.MAX_TAGS.max, 50);
    assert.equal(
      aws.tagIssue(contacts, "team", ""),
      "a tag value of 0 characters; SSM Contacts allows 1-256 (ssm-contacts TagResource Tags[].Value)",
    );
  });

  it("caps an EMAIL address at the API's 320 characters", () => {
    assert.equal(aws.SIMPLE_ADDRESS.max, 320);
    assert.equal(aws.EMAIL_MAX_LENGTH, 320);
    assert.equal(aws.checkEmailAddress(`${"a".repeat(308)}@example.com`), undefined);
    assert.equal(
      aws.checkEmailAddress(`${"a".repeat(309)}@example.com`),
      "must be an email address of at most 320 characters (ssm-contacts CreateContactChannel DeliveryAddress.SimpleAddress), not 321",
    );
  });

  it("checks a rotation's time zone against AWS's pattern, which has no '+'", () => {
    assert.equal(aws.TIME_ZONE_ID.patternText, "^[:a-zA-Z0-9_\\-\\s\\.\\\\/]*$");
    assert.equal(aws.checkTimeZoneId("Asia/Tokyo"), undefined);
    assert.equal(aws.checkTimeZoneId("Etc/GMT-9"), undefined);
    assert.equal(
      aws.checkTimeZoneId("Etc/GMT+9"),
      'must match AWS\'s time zone pattern ^[:a-zA-Z0-9_\\-\\s\\.\\\\/]*$ (ssm-contacts CreateRotation TimeZoneId); got "Etc/GMT+9". Etc/GMT+9 is UTC-9 (POSIX inverts the sign): use Pacific/Gambier for UTC-9, or Etc/GMT-9 if you meant UTC+9.',
    );
    assert.match(aws.checkTimeZoneId("JST") ?? "", /^must be an IANA time zone id/);
  });

  it("has the rotation and schedule limits of each path", () => {
    assert.deepEqual([aws.ROTATION_CONTACTS.min, aws.ROTATION_CONTACTS.max], [1, 30]);
    // CloudFormation's schema says 30 too (not 25).
    assert.deepEqual([aws.CFN_ROTATION_CONTACTS.min, aws.CFN_ROTATION_CONTACTS.max], [1, 30]);
    assert.equal(aws.CFN_ROTATION_NAME.patternText, "^[a-zA-Z0-9_]*$");
    assert.equal(aws.ROTATION_NAME.patternText, "^[a-zA-Z0-9_\\-\\s\\.]*$");
    assert.deepEqual([aws.RECURRENCE_MULTIPLIER.min, aws.RECURRENCE_MULTIPLIER.max], [1, 100]);
    assert.equal(aws.NUMBER_OF_ON_CALLS.max, Infinity);
    // The user guide's 8 is stricter than the API's Plan.RotationIds.
    assert.equal(aws.ROTATIONS_PER_SCHEDULE, 8);
    assert.equal(aws.PLAN_ROTATION_IDS.max, 25);
    assert.deepEqual([aws.STAGE_DURATION_MINUTES.min, aws.STAGE_DURATION_MINUTES.max], [0, 30]);
    assert.deepEqual([aws.RETRY_INTERVAL_MINUTES.min, aws.RETRY_INTERVAL_MINUTES.max], [0, 60]);
  });

  it("has the response plan's limits", () => {
    assert.deepEqual([aws.IMPACT.min, aws.IMPACT.max], [1, 5]);
    assert.deepEqual([aws.ENGAGEMENTS.min, aws.ENGAGEMENTS.max], [0, 5]);
    assert.deepEqual([aws.RESPONSE_PLAN_NAME.min, aws.RESPONSE_PLAN_NAME.max], [1, 200]);
    assert.equal(aws.RUNBOOK_PARAMETER_NAME.max, 50);
    assert.equal(aws.RUNBOOK_PARAMETER_VALUE.max, 512);
    assert.equal(aws.RUNBOOK_PARAMETER_VALUES.max, 100);
    assert.equal(aws.RUNBOOK_PARAMETERS.max, 200);
    assert.equal(aws.RUNBOOK_DYNAMIC_PARAMETER_NAME.max, 50);
    assert.equal(aws.RUNBOOK_DOCUMENT_NAME.patternText, "^[a-zA-Z0-9_\\-.:/]{3,128}$");
    assert.equal(
      aws.RUNBOOK_DOCUMENT_NAME.pattern!.test(
        `arn:aws:ssm:ap-northeast-1:123456789012:document/${"d".repeat(80)}`,
      ),
      false,
    );
    assert.deepEqual(aws.RUNBOOK_DYNAMIC_VARIABLES, ["INCIDENT_RECORD_ARN", "INVOLVED_RESOURCES"]);
    assert.equal(aws.PAGER_DUTY_SERVICE_ID.max, 200);
    assert.equal(aws.PAGER_DUTY_SECRET_ID.max, 512);
    assert.deepEqual([aws.REPLICATION_SET_REGIONS.min, aws.REPLICATION_SET_REGIONS.max], [1, 3]);
  });

  it("has CloudWatch's, EventBridge's, IAM's and KMS's limits", () => {
    assert.equal(aws.DIMENSIONS.max, 30);
    assert.deepEqual([aws.DIMENSION_VALUE.min, aws.DIMENSION_VALUE.max], [1, 1024]);
    assert.equal(aws.ALARM_ACTIONS.max, 5);
    assert.equal(aws.EVENT_PATTERN.max, 4096);
    assert.deepEqual([aws.RULE_NAME.min, aws.RULE_NAME.max], [1, 64]);
    assert.equal(aws.ROLE_NAME.max, 64);
    assert.equal(aws.MAX_AUTO_NAMED_ROLE_RESOURCE_NAME, 56);
    assert.equal(aws.ALIAS_NAME.patternText, "^[a-zA-Z0-9:/_-]+$");
    assert.equal(aws.ALIAS_NAME.pattern!.test("alias/incident-manager/im.prod"), false);
  });

  it("finds event pattern fields that are not non-empty arrays", () => {
    assert.deepEqual(
      aws.patternLeafIssues({
        source: "aws.ec2",
        "detail-type": ["EC2 Instance State-change Notification"],
        detail: { state: [], code: [{ prefix: "x" }] },
      }),
      [
        { path: ["source"], value: "aws.ec2" },
        { path: ["detail", "state"], value: [] },
      ],
    );
  });

  it("compiles every pattern in the extract, and each matches the whole value", () => {
    let count = 0;
    const patterns = new Set<string>();
    for (const members of Object.values(AWS_CONSTRAINTS.api)) {
      for (const m of Object.values(members)) if (m.pattern !== undefined) patterns.add(m.pattern);
    }
    for (const type of Object.values(AWS_CONSTRAINTS.cloudformation)) {
      for (const p of Object.values(type.properties))
        if (p.pattern !== undefined) patterns.add(p.pattern);
    }
    for (const pattern of patterns) {
      assert.doesNotThrow(() => awsPattern(pattern), pattern);
      count++;
    }
    assert.ok(count > 40, `only ${count} patterns`);
    // Full match: the alias pattern has anchors, the rule name pattern has none.
    assert.equal(awsPattern("[\\.\\-_A-Za-z0-9]+").test("rule name"), false);
    assert.equal(awsPattern("[\\.\\-_A-Za-z0-9]+").test("rule.name"), true);
  });

  it("names the models it was extracted from", () => {
    assert.equal(AWS_CONSTRAINTS.sources.botocore.split(".").slice(0, 2).join("."), "1.43");
    assert.equal(AWS_CONSTRAINTS.sources["cfn-lint"].split(".").slice(0, 2).join("."), "1.51");
  });
});

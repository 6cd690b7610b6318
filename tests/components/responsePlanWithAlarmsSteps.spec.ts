import { strict as assert } from "assert";
import { Capture, installCapture, reset, settle, valueOf } from "../../testing";

type Plan = typeof import("../../components/responsePlanWithAlarms");

const ACCOUNT = "123456789012";
const TARO = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact/taro`;
const SET_ARN = `arn:aws:ssm-incidents::${ACCOUNT}:replication-set/0a1b2c3d`;

describe("ResponsePlanWithAlarms: data setup, prepared specs", () => {
  let capture: Capture;
  let mod: Plan;

  before(async () => {
    capture = await installCapture();
    mod = await import("../../components/responsePlanWithAlarms");
  });
  beforeEach(() => reset(capture));

  const plan = () => capture.resources.find((r) => r.name === "p-response-plan")!;

  it("takes a setup given as a plain SetupReference: its region, tags and account", async () => {
    new mod.ResponsePlanWithAlarms("p", {
      setup: {
        replicationSetArn: SET_ARN,
        primaryRegion: "ap-northeast-1",
        regions: ["ap-northeast-1", "ap-southeast-1"],
        accountId: ACCOUNT,
        partition: "aws",
        tags: { team: "sre" },
      },
      incident: { title: "t", impact: mod.Impact.High },
      engagements: [{ arn: TARO }],
      events: [{ name: "ec2", eventPattern: { source: ["aws.ec2"] } }],
      tags: { app: "web" },
    });
    await settle();
    assert.deepEqual(plan().inputs, {
      region: "ap-northeast-1",
      name: "p",
      incidentTemplate: { title: "t", impact: 2 },
      engagements: [TARO],
      tags: { team: "sre", app: "web" },
    });
    const role = capture.resources.find(
      (r) => r.name === "p-events" && r.type === "aws:iam/role:Role",
    )!;
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
    assert.equal(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"], ACCOUNT);
    // The account came from the setup: nothing was asked of the provider.
    assert.deepEqual(capture.calls, []);
  });

  it("puts every child after the resources a setup's ARN Output depends on", async () => {
    const aws = await import("@pulumi/aws");
    const key = new aws.kms.Key("key", {});
    new mod.ResponsePlanWithAlarms("p", {
      setup: {
        replicationSetArn: key.arn.apply(() => SET_ARN),
        primaryRegion: "ap-northeast-1",
        accountId: ACCOUNT,
        partition: "aws",
      },
      incident: { title: "t", impact: 3 },
      engagements: [{ arn: TARO }],
      alarms: [
        {
          name: "cpu",
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          statistic: "Average",
          period: 60,
          evaluationPeriods: 2,
          threshold: 90,
          comparisonOperator: "GreaterThanThreshold",
        },
      ],
    });
    await settle();
    const keyUrn = capture.resources.find((r) => r.name === "key")!.urn;
    const children = capture.resources.filter((r) => r.type.startsWith("aws:") && r.name !== "key");
    assert.deepEqual(
      children.map((r) => r.name),
      ["p-response-plan", "p-alarm-cpu"],
    );
    for (const child of children) assert.ok(child.dependencies.includes(keyUrn), child.name);
  });

  it("prepare returns every issue without throwing, and registers nothing", async () => {
    const result = mod.prepareResponsePlanWithAlarms("p", {
      incident: { title: "", impact: 9 as never },
      engagements: [],
    });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.issues.map((i) => i.path.join(".")), [
      "incident.title",
      "incident.impact",
      "engagements",
    ]);
    // The resolution's rules too: a name too long for the roles the component creates.
    const long = "r".repeat(60);
    const late = mod.prepareResponsePlanWithAlarms(long, {
      responsePlanName: "short",
      incident: { title: "t", impact: 1 },
      engagements: [{ arn: TARO }],
      events: [{ name: "ec2", eventPattern: { source: ["aws.ec2"] } }],
    });
    assert.equal(late.ok, false);
    assert.deepEqual(!late.ok && late.issues.map((i) => i.path.join(".")), ["events"]);
    await settle();
    assert.deepEqual(capture.resources, []);
  });

  it("parse and resolve are the two steps prepare runs", () => {
    const args = { incident: { title: "t", impact: 4 as const }, engagements: [{ arn: TARO }] };
    const parsed = mod.parseResponsePlanWithAlarmsArgs("p", args);
    assert.ok(parsed.ok);
    assert.equal(parsed.ok && parsed.value.responsePlanName, "p");
    const resolved = parsed.ok ? mod.resolveResponsePlanWithAlarms("p", parsed.value) : undefined;
    assert.ok(resolved?.ok);
    assert.equal(resolved.ok && resolved.value.planName, "p");
    assert.deepEqual(resolved.ok && resolved.value.engagementArns, [TARO]);
  });

  it("builds from a spec prepared for the same args without reading them again", async () => {
    let reads = 0;
    const args = {
      get incident() {
        reads++;
        return { title: "t", impact: mod.Impact.Low };
      },
      engagements: [{ arn: TARO }],
    };
    const prepared = mod.prepareResponsePlanWithAlarms("p", args);
    assert.ok(prepared.ok);
    const afterPrepare = reads;
    assert.ok(afterPrepare > 0);
    mod.usePrepared(args, prepared.spec);
    const component = new mod.ResponsePlanWithAlarms("p", args);
    assert.equal(reads, afterPrepare, "the args were not checked a second time");
    await settle();
    assert.deepEqual(plan().inputs.incidentTemplate, { title: "t", impact: 4 });
    assert.equal(component.responsePlanName, "p");
    // Without a prepared spec, constructing checks the args.
    new mod.ResponsePlanWithAlarms("q", args);
    assert.ok(reads > afterPrepare);
  });

  it("publishes its ARNs and names as data, and keeps its resources behind getters", async () => {
    const component = new mod.ResponsePlanWithAlarms("p", {
      incident: { title: "t", impact: 3 },
      engagements: [{ arn: TARO }],
      runbook: {
        documentName: "Restart-Web",
        automationPolicy: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "ec2:RebootInstances", Resource: "*" }],
        },
      },
      events: [{ name: "ec2", eventPattern: { source: ["aws.ec2"] } }],
    });
    await settle();
    const roles = capture.resources.filter((r) => r.type === "aws:iam/role:Role");
    assert.deepEqual(roles.map((r) => r.name).sort(), ["p-automation", "p-events", "p-runbook"]);
    assert.match(
      String(await valueOf(component.runbookRoleArn!)),
      /^arn:aws:iam::\d{12}:role\/p-runbook/,
    );
    assert.match(
      String(await valueOf(component.automationRoleArn!)),
      /^arn:aws:iam::\d{12}:role\/p-automation/,
    );
    assert.match(
      String(await valueOf(component.eventsRoleArn!)),
      /^arn:aws:iam::\d{12}:role\/p-events/,
    );
    assert.deepEqual(component.alarmNames, []);
    assert.equal(component.responsePlan.constructor.name, "ResponsePlan");
    // Its own properties (the SDK's `urn` and `__`-prefixed internals aside) are the outputs.
    const own = Object.keys(component).filter((k) => !k.startsWith("__") && k !== "urn");
    assert.deepEqual(own.sort(), [
      "alarmArns",
      "alarmNames",
      "arn",
      "automationRoleArn",
      "chatConfigurationArn",
      "chatRoleArn",
      "chatTopicArns",
      "eventsRoleArn",
      "responsePlanName",
      "ruleArns",
      "runbookDocumentArn",
      "runbookRoleArn",
    ]);
  });
});

import { strict as assert } from "assert";
import type * as pulumi from "@pulumi/pulumi";
import { Capture, CapturedResource, installCapture, reset, settle, valueOf } from "../../testing";
import { assertRejected } from "../support/rejects";
import { EMERGENCY_ALARM } from "../support/scenario";

type Plan = typeof import("../../components/responsePlanWithAlarms");
type Setup = typeof import("../../components/incidentManagerSetup");

const ACCOUNT = "123456789012";
const TARO = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact/taro`;
const JIRO = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact/jiro`;
const TOPIC = `arn:aws:sns:ap-northeast-1:${ACCOUNT}:oncall`;
const PLAN_ARN = `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/emergency-response-plan`;

const CPU_ALARM = { ...EMERGENCY_ALARM, treatMissingData: "breaching" } as const;

interface Statement {
  Sid: string;
  Effect: string;
  Principal?: { Service: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

/** Parses a policy document and checks what every statement must hold: no wildcard action. */
function statements(json: unknown): Statement[] {
  assert.equal(typeof json, "string");
  const doc = JSON.parse(json as string) as { Version: string; Statement: Statement[] };
  assert.equal(doc.Version, "2012-10-17");
  for (const st of doc.Statement) {
    assert.equal(st.Effect, "Allow");
    for (const action of [st.Action].flat()) assert.ok(!action.includes("*"), action);
  }
  return doc.Statement;
}

describe("ResponsePlanWithAlarms", () => {
  let capture: Capture;
  let mod: Plan;
  let setupMod: Setup;
  let pulumiMod: typeof pulumi;

  before(async () => {
    capture = await installCapture();
    mod = await import("../../components/responsePlanWithAlarms");
    setupMod = await import("../../components/incidentManagerSetup");
    pulumiMod = await import("@pulumi/pulumi");
  });
  beforeEach(() => reset(capture));

  const byType = (type: string) => capture.resources.filter((r) => r.type === type);
  const named = (type: string, name: string): CapturedResource => {
    const found = capture.resources.filter((r) => r.type === type && r.name === name);
    assert.equal(found.length, 1, `expected one ${type} ${name}, got ${found.length}`);
    return found[0];
  };
  const listed = () => capture.resources.map((r) => `${r.type}::${r.name}`);

  describe("one contact ARN, nothing else", () => {
    it("registers the component and the response plan only", async () => {
      const plan = new mod.ResponsePlanWithAlarms("emergency-response-plan", {
        incident: { title: "Emergency Occurred", impact: 3 },
        engagements: [{ arn: TARO }],
      });
      await settle();
      assert.deepEqual(listed(), [
        "incident-manager:index:ResponsePlanWithAlarms::emergency-response-plan",
        "aws:ssmincidents/responsePlan:ResponsePlan::emergency-response-plan-response-plan",
      ]);
      const component = capture.resources[0];
      const rp = capture.resources[1];
      assert.equal(rp.parent, component.urn);
      assert.deepEqual(rp.inputs, {
        name: "emergency-response-plan",
        incidentTemplate: { title: "Emergency Occurred", impact: 3 },
        engagements: [TARO],
      });
      assert.deepEqual(rp.dependencies, []);
      assert.equal(plan.responsePlanName, "emergency-response-plan");
      assert.equal(await valueOf(plan.arn), PLAN_ARN);
      assert.deepEqual(await valueOf(plan.alarmArns), {});
      assert.deepEqual(await valueOf(plan.ruleArns), {});
      assert.equal(plan.runbookRoleArn, undefined);
      assert.deepEqual(capture.calls, []);
    });

    it("takes impact as the Impact enum's number and passes the optional template fields", async () => {
      new mod.ResponsePlanWithAlarms("p", {
        responsePlanName: "db_outage",
        displayName: "Database outage",
        incident: {
          title: "Database down",
          impact: mod.Impact.Critical,
          summary: "The primary database does not answer.",
          dedupeString: "db",
          tags: { service: "db" },
          notificationTopicArns: [TOPIC],
        },
        engagements: [{ arn: TARO }],
        chatChannelTopicArns: [TOPIC],
      });
      await settle();
      assert.deepEqual(
        named("aws:ssmincidents/responsePlan:ResponsePlan", "p-response-plan").inputs,
        {
          name: "db_outage",
          displayName: "Database outage",
          incidentTemplate: {
            title: "Database down",
            impact: 1,
            summary: "The primary database does not answer.",
            dedupeString: "db",
            incidentTags: { service: "db" },
            notificationTargets: [{ snsTopicArn: TOPIC }],
          },
          engagements: [TARO],
          chatChannels: [TOPIC],
        },
      );
    });

    for (const [impact, number] of [
      ["High", 2],
      ["Medium", 3],
      ["Low", 4],
      ["None", 5],
    ] as const) {
      it(`impact Impact.${impact} is stored as ${number}`, async () => {
        new mod.ResponsePlanWithAlarms("p", {
          incident: { title: "t", impact: mod.Impact[impact] },
          engagements: [{ arn: TARO }],
        });
        await settle();
        const rp = byType("aws:ssmincidents/responsePlan:ResponsePlan")[0];
        assert.equal((rp.inputs.incidentTemplate as { impact: number }).impact, number);
      });
    }
  });

  describe("engaging contact targets", () => {
    it("uses their ARNs and waits for their resources through the ARNs' Outputs", async () => {
      const aws = await import("@pulumi/aws");
      const { brandReference } = await import("../../components/references");
      const taro = new aws.ssmcontacts.Contact("taro", { alias: "taro", type: "PERSONAL" });
      const chain = new aws.ssmcontacts.Contact("chain", {
        alias: "emergency-escalation-plan",
        type: "ESCALATION",
      });
      const chainPlan = new aws.ssmcontacts.Plan("chain", { contactId: chain.arn, stages: [] });
      const member = brandReference({
        kind: "member",
        type: "PERSONAL",
        team: "sre",
        alias: "taro",
        displayName: "Taro",
        arn: taro.arn,
        dependencies: [taro],
        channelTypes: ["VOICE"],
        engagement: [],
      });
      // What a chain publishes: its ARN, carrying its escalation plan as a dependency.
      const chainTarget = {
        alias: "emergency-escalation-plan",
        arn: pulumiMod.all([chain.arn, chainPlan.id]).apply(([arn]) => arn),
      };
      new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 2 },
        engagements: [chainTarget, member, { arn: JIRO }],
      });
      await settle();
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "p-response-plan");
      assert.deepEqual(rp.inputs.engagements, [
        `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact/emergency-escalation-plan`,
        TARO,
        JIRO,
      ]);
      const urns = [
        ...byType("aws:ssmcontacts/contact:Contact"),
        ...byType("aws:ssmcontacts/plan:Plan"),
      ].map((c) => c.urn);
      assert.equal(urns.length, 3);
      assert.deepEqual(new Set(rp.dependencies), new Set(urns));
    });

    it("checks a contact ARN that is an Output when it resolves", async () => {
      const plan = new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 2 },
        engagements: [{ arn: pulumiMod.output("arn:aws:sns:ap-northeast-1:123456789012:oncall") }],
      });
      await assert.rejects(
        valueOf(plan.arn),
        (err: Error) =>
          err.name === "ValidationError" &&
          err.message.endsWith(
            "ResponsePlanWithAlarms 'p': `engagements[0].arn` must be an SSM Contacts contact ARN (arn:aws:ssm-contacts:<region>:<account>:contact/<alias>); got an ARN of the sns service (arn:aws:sns:ap-northeast-1:123456789012:oncall)",
          ),
      );
    });

    it("checks a target that is an Output when it resolves, with the message of a plain one", async () => {
      const plain = (() => {
        try {
          new mod.ResponsePlanWithAlarms("p", {
            incident: { title: "t", impact: 2 },
            engagements: [{ arn: TOPIC }],
          });
        } catch (err) {
          return (err as Error).message;
        }
        assert.fail("a plain target of another service is refused");
      })();
      const plan = new mod.ResponsePlanWithAlarms("q", {
        incident: { title: "t", impact: 2 },
        engagements: [pulumiMod.output({ arn: TOPIC })],
      });
      await assert.rejects(valueOf(plan.arn), (err: Error) => {
        assert.equal(err.name, "ValidationError");
        assert.equal(
          err.message.slice(err.message.indexOf("ResponsePlanWithAlarms 'q'")),
          plain.replace("'p'", "'q'"),
        );
        return true;
      });
    });

    it("refuses a contact engaged twice once an Output target resolves, as it does a plain one", async () => {
      const plain = (() => {
        try {
          new mod.ResponsePlanWithAlarms("p", {
            incident: { title: "t", impact: 2 },
            engagements: [{ arn: TARO }, { arn: TARO, alias: "taro" }],
          });
        } catch (err) {
          return (err as Error).message;
        }
        assert.fail("a contact engaged twice is refused");
      })();
      assert.ok(
        plain.endsWith(
          '`engagements[1]` repeats the contact "taro", already used at `engagements[0]`; engage each contact once.',
        ),
        plain,
      );
      const plan = new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 2 },
        engagements: [{ arn: TARO }, pulumiMod.output({ arn: TARO, alias: "taro" })],
      });
      await assert.rejects(valueOf(plan.arn), (err: Error) => {
        assert.equal(err.message.slice(err.message.indexOf("ResponsePlanWithAlarms 'p'")), plain);
        return true;
      });
    });

    it("passes an Output target's ARN once it resolves", async () => {
      new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 2 },
        engagements: [pulumiMod.output({ arn: TARO, alias: "taro" }), { arn: JIRO }],
      });
      await settle();
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "p-response-plan");
      assert.deepEqual(rp.inputs.engagements, [TARO, JIRO]);
    });

    it("refuses a contact ARN given as a string, saying how to write it", () => {
      assert.throws(
        () =>
          new mod.ResponsePlanWithAlarms("p", {
            incident: { title: "t", impact: 2 },
            engagements: [TARO as never],
          }),
        (err: Error) =>
          err.message.endsWith(
            `\`engagements[0]\` must be a contact target: an EscalationChain, team.member("alias"), team.schedule, or { arn } of a contact; got the string "${TARO}". Write { arn: "${TARO}" }.`,
          ),
      );
    });
  });

  describe("with a setup, an alarm, an event rule, a runbook and PagerDuty", () => {
    let plan: InstanceType<Plan["ResponsePlanWithAlarms"]>;
    let replicationSetUrn: string;
    const secretId = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:pagerduty-AbCdEf";

    beforeEach(async () => {
      const setup = new setupMod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
        tags: { team: "sre" },
      });
      plan = new mod.ResponsePlanWithAlarms("emergency", {
        setup,
        responsePlanName: "emergency-response-plan",
        incident: { title: "Emergency Occurred", impact: 3 },
        engagements: [{ arn: TARO }],
        runbook: {
          documentName: "Restart-Web",
          dynamicParameters: { incident: "INCIDENT_RECORD_ARN" },
          parameters: { mode: ["fast"] },
        },
        pagerDuty: { name: "pd", serviceId: "PABC123", secretId },
        alarms: [{ ...CPU_ALARM, alarmActions: [TOPIC], okActions: [TOPIC] }],
        events: [
          {
            name: "guardduty-high",
            description: "High-severity GuardDuty findings",
            eventPattern: {
              source: ["aws.guardduty"],
              detail: { severity: [{ numeric: [">=", 7] }] },
            },
          },
        ],
        tags: { service: "web" },
      });
      await settle();
      replicationSetUrn = named("aws-native:ssmincidents:ReplicationSet", "im-replication-set").urn;
    });

    it("registers exactly these resources, each under the component and after the setup", () => {
      // Registration order follows when inputs resolve; the set is what matters.
      assert.deepEqual(
        [...listed()].sort(),
        [
          "incident-manager:index:IncidentManagerSetup::im",
          "incident-manager:index:ResponsePlanWithAlarms::emergency",
          "aws-native:ssmincidents:ReplicationSet::im-replication-set",
          "aws:iam/role:Role::emergency-runbook",
          "aws:iam/role:Role::emergency-events",
          "aws:cloudwatch/eventRule:EventRule::emergency-rule-guardduty-high",
          "aws:iam/rolePolicy:RolePolicy::emergency-runbook",
          "aws:ssmincidents/responsePlan:ResponsePlan::emergency-response-plan",
          "aws:cloudwatch/metricAlarm:MetricAlarm::emergency-alarm-emergency-alarm",
          "aws:iam/rolePolicy:RolePolicy::emergency-events",
          "aws:cloudwatch/eventTarget:EventTarget::emergency-rule-guardduty-high",
        ].sort(),
      );
      assert.equal(capture.resources.length, 11);
      const component = named("incident-manager:index:ResponsePlanWithAlarms", "emergency");
      for (const r of capture.resources.filter((r) => r.type.startsWith("aws:"))) {
        assert.equal(r.parent, component.urn, r.name);
        assert.ok(r.dependencies.includes(replicationSetUrn), `${r.name} waits for the setup`);
      }
    });

    it("creates the response plan in the primary region with the runbook and PagerDuty", async () => {
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "emergency-response-plan");
      assert.deepEqual(rp.inputs, {
        region: "ap-northeast-1",
        name: "emergency-response-plan",
        incidentTemplate: { title: "Emergency Occurred", impact: 3 },
        engagements: [TARO],
        action: {
          ssmAutomations: [
            {
              documentName: "Restart-Web",
              roleArn: `arn:aws:iam::${ACCOUNT}:role/emergency-runbook`,
              parameters: [{ name: "mode", values: ["fast"] }],
              dynamicParameters: { incident: "INCIDENT_RECORD_ARN" },
            },
          ],
        },
        integration: { pagerduties: [{ name: "pd", serviceId: "PABC123", secretId }] },
        tags: { team: "sre", service: "web" },
      });
      const runbookPolicy = named("aws:iam/rolePolicy:RolePolicy", "emergency-runbook");
      assert.ok(
        rp.dependencies.includes(runbookPolicy.urn),
        "the plan waits for the role's policy",
      );
      assert.equal(await valueOf(plan.arn), PLAN_ARN);
      assert.equal(
        await valueOf(plan.runbookRoleArn!),
        `arn:aws:iam::${ACCOUNT}:role/emergency-runbook`,
      );
    });

    it("adds the response plan's ARN to the alarm's actions, before the user's own", async () => {
      const alarm = named(
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "emergency-alarm-emergency-alarm",
      );
      assert.deepEqual(alarm.inputs, {
        region: "ap-northeast-1",
        ...CPU_ALARM,
        alarmActions: [PLAN_ARN, TOPIC],
        okActions: [TOPIC],
        tags: { team: "sre", service: "web" },
      });
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "emergency-response-plan");
      assert.deepEqual(alarm.propertyDependencies.alarmActions, [rp.urn]);
      assert.deepEqual(await valueOf(plan.alarmArns), {
        "emergency-alarm": `arn:aws:cloudwatch:ap-northeast-1:${ACCOUNT}:alarm:emergency-alarm`,
      });
    });

    it("targets the response plan from the rule with the events role", async () => {
      const rule = named("aws:cloudwatch/eventRule:EventRule", "emergency-rule-guardduty-high");
      assert.deepEqual(rule.inputs, {
        region: "ap-northeast-1",
        name: "guardduty-high",
        description: "High-severity GuardDuty findings",
        eventPattern: '{"source":["aws.guardduty"],"detail":{"severity":[{"numeric":[">=",7]}]}}',
        tags: { team: "sre", service: "web" },
      });
      const target = named(
        "aws:cloudwatch/eventTarget:EventTarget",
        "emergency-rule-guardduty-high",
      );
      assert.deepEqual(target.inputs, {
        region: "ap-northeast-1",
        rule: "guardduty-high",
        targetId: "response-plan",
        arn: PLAN_ARN,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/emergency-events`,
      });
      // The target waits for what it names (rule, plan, role) and the setup, not for the role's
      // policy: EventBridge takes the role's ARN and uses its permissions only when an event
      // arrives, so the policy attaches alongside the target.
      const role = named("aws:iam/role:Role", "emergency-events");
      const responsePlan = named(
        "aws:ssmincidents/responsePlan:ResponsePlan",
        "emergency-response-plan",
      );
      assert.deepEqual(
        [...target.dependencies].sort(),
        [replicationSetUrn, rule.urn, role.urn, responsePlan.urn].sort(),
      );
      const policy = named("aws:iam/rolePolicy:RolePolicy", "emergency-events");
      assert.deepEqual(
        [...policy.dependencies].sort(),
        [replicationSetUrn, role.urn, responsePlan.urn].sort(),
      );
      assert.deepEqual(await valueOf(plan.ruleArns), {
        "guardduty-high": `arn:aws:events:ap-northeast-1:${ACCOUNT}:rule/guardduty-high`,
      });
    });

    /** Checks a created role: one trust statement for `service`, then its inline policy. */
    function assertRole(
      role: string,
      trust: { Sid: string; service: string },
      policy: Statement[],
    ): void {
      const created = named("aws:iam/role:Role", role);
      assert.deepEqual(created.inputs.tags, { team: "sre", service: "web" });
      assert.deepEqual(statements(created.inputs.assumeRolePolicy), [
        {
          Sid: trust.Sid,
          Effect: "Allow",
          Principal: { Service: trust.service },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
      ]);
      const inline = named("aws:iam/rolePolicy:RolePolicy", role);
      assert.equal(inline.inputs.role, role);
      assert.deepEqual(statements(inline.inputs.policy), policy);
    }

    it("names the setup's account and partition, asking AWS once for the whole stack", () => {
      assert.deepEqual(capture.calls.map((c) => c.token).sort(), [
        "aws:index/getCallerIdentity:getCallerIdentity",
        "aws:index/getPartition:getPartition",
      ]);
    });

    it("trusts only Incident Manager with the runbook role, for one automation definition", () => {
      assertRole(
        "emergency-runbook",
        { Sid: "IncidentManagerStartsTheRunbook", service: "ssm-incidents.amazonaws.com" },
        [
          {
            Sid: "StartTheRunbook",
            Effect: "Allow",
            Action: "ssm:StartAutomationExecution",
            Resource: `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:automation-definition/Restart-Web:*`,
          },
        ],
      );
    });

    it("trusts only EventBridge with the events role, to start incidents of this plan", () => {
      assertRole(
        "emergency-events",
        { Sid: "EventBridgeStartsIncidents", service: "events.amazonaws.com" },
        [
          {
            Sid: "StartIncidentsFromThisResponsePlan",
            Effect: "Allow",
            Action: "ssm-incidents:StartIncident",
            Resource: PLAN_ARN,
          },
        ],
      );
    });
  });

  describe("composite alarms", () => {
    it("add the plan to their actions and wait for the metric alarms they name", async () => {
      const plan = new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 2 },
        engagements: [{ arn: TARO }],
        alarms: [CPU_ALARM],
        compositeAlarms: [
          {
            name: "web-down",
            alarmRule: 'ALARM("emergency-alarm")',
            alarmDescription: "The web tier is down",
            alarmActions: [TOPIC],
          },
        ],
      });
      await settle();
      const metric = named("aws:cloudwatch/metricAlarm:MetricAlarm", "p-alarm-emergency-alarm");
      const composite = named("aws:cloudwatch/compositeAlarm:CompositeAlarm", "p-alarm-web-down");
      const planArn = `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/p`;
      assert.deepEqual(composite.inputs, {
        alarmName: "web-down",
        alarmDescription: "The web tier is down",
        alarmRule: 'ALARM("emergency-alarm")',
        alarmActions: [planArn, TOPIC],
      });
      assert.equal(composite.parent, metric.parent);
      assert.ok(composite.dependencies.includes(metric.urn), "created after the metric alarm");
      assert.deepEqual(await valueOf(plan.alarmArns), {
        "emergency-alarm": `arn:aws:cloudwatch:ap-northeast-1:${ACCOUNT}:alarm:emergency-alarm`,
        "web-down": `arn:aws:cloudwatch:ap-northeast-1:${ACCOUNT}:alarm:web-down`,
      });
      assert.equal(capture.resources.length, 4);
    });
  });

  describe("runbook roles", () => {
    it("uses a given role and creates none", async () => {
      const roleArn = `arn:aws:iam::${ACCOUNT}:role/existing-runbook`;
      const plan = new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 3 },
        engagements: [{ arn: TARO }],
        runbook: {
          documentName: "Restart-Web",
          documentVersion: "$DEFAULT",
          roleArn,
          targetAccount: "IMPACTED_ACCOUNT",
        },
      });
      await settle();
      assert.deepEqual(listed(), [
        "incident-manager:index:ResponsePlanWithAlarms::p",
        "aws:ssmincidents/responsePlan:ResponsePlan::p-response-plan",
      ]);
      assert.deepEqual(capture.resources[1].inputs.action, {
        ssmAutomations: [
          {
            documentName: "Restart-Web",
            documentVersion: "$DEFAULT",
            roleArn,
            targetAccount: "IMPACTED_ACCOUNT",
          },
        ],
      });
      assert.equal(await valueOf(plan.runbookRoleArn!), roleArn);
    });

    it("pins a version, and passes only the AutomationAssumeRole to Systems Manager", async () => {
      const assumeRole = `arn:aws:iam::${ACCOUNT}:role/automation`;
      new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 3 },
        engagements: [{ arn: TARO }],
        runbook: {
          documentName: "AWSIncidents-CriticalIncidentRunbookTemplate",
          documentVersion: "3",
          parameters: { AutomationAssumeRole: [assumeRole] },
        },
      });
      await settle();
      const policy = named("aws:iam/rolePolicy:RolePolicy", "p-runbook");
      assert.deepEqual(statements(policy.inputs.policy), [
        {
          Sid: "StartTheRunbook",
          Effect: "Allow",
          Action: "ssm:StartAutomationExecution",
          // An AWS-owned document: no account of ours owns it.
          Resource:
            "arn:aws:ssm:ap-northeast-1:*:automation-definition/AWSIncidents-CriticalIncidentRunbookTemplate:3",
        },
        {
          Sid: "PassTheAutomationAssumeRole",
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: assumeRole,
          Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
        },
      ]);
      // Without a setup, the region, the account and the partition come from the provider.
      assert.deepEqual(capture.calls.map((c) => c.token).sort(), [
        "aws:index/getCallerIdentity:getCallerIdentity",
        "aws:index/getPartition:getPartition",
        "aws:index/getRegion:getRegion",
      ]);
    });
  });

  describe("automation roles", () => {
    it("creates an automation role from automationPolicy and passes it as AutomationAssumeRole", async () => {
      const steps = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "ec2:RebootInstances", Resource: "*" }],
      };
      new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 3 },
        engagements: [{ arn: TARO }],
        runbook: { documentName: "Restart-Web", automationPolicy: steps },
      });
      await settle();
      assert.deepEqual(listed(), [
        "incident-manager:index:ResponsePlanWithAlarms::p",
        "aws:iam/role:Role::p-automation",
        "aws:iam/role:Role::p-runbook",
        "aws:iam/rolePolicy:RolePolicy::p-automation",
        "aws:iam/rolePolicy:RolePolicy::p-runbook",
        "aws:ssmincidents/responsePlan:ResponsePlan::p-response-plan",
      ]);
      const automation = named("aws:iam/role:Role", "p-automation");
      assert.deepEqual(JSON.parse(automation.inputs.assumeRolePolicy as string).Statement, [
        {
          Sid: "AutomationRunsTheRunbookSteps",
          Effect: "Allow",
          Principal: { Service: "ssm.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
      ]);
      const automationPolicy = named("aws:iam/rolePolicy:RolePolicy", "p-automation");
      assert.deepEqual(JSON.parse(automationPolicy.inputs.policy as string), steps);
      const roleArn = `arn:aws:iam::${ACCOUNT}:role/p-automation`;
      assert.deepEqual(
        statements(named("aws:iam/rolePolicy:RolePolicy", "p-runbook").inputs.policy)[1],
        {
          Sid: "PassTheAutomationAssumeRole",
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: roleArn,
          Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
        },
      );
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "p-response-plan");
      const action = rp.inputs.action as { ssmAutomations: { parameters: unknown }[] };
      assert.deepEqual(action.ssmAutomations[0].parameters, [
        { name: "AutomationAssumeRole", values: [roleArn] },
      ]);
      assert.ok(rp.dependencies.includes(automationPolicy.urn));
    });

    it("passes an existing automationRoleArn, creating no automation role", async () => {
      const roleArn = `arn:aws:iam::${ACCOUNT}:role/restart-web`;
      new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 3 },
        engagements: [{ arn: TARO }],
        runbook: {
          documentName: "Restart-Web",
          automationRoleArn: roleArn,
          parameters: { Service: ["web"] },
        },
      });
      await settle();
      assert.equal(listed().filter((u) => u.includes("p-automation")).length, 0);
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "p-response-plan");
      const action = rp.inputs.action as { ssmAutomations: { parameters: unknown }[] };
      assert.deepEqual(action.ssmAutomations[0].parameters, [
        { name: "Service", values: ["web"] },
        { name: "AutomationAssumeRole", values: [roleArn] },
      ]);
      assert.equal(
        statements(named("aws:iam/rolePolicy:RolePolicy", "p-runbook").inputs.policy)[1].Resource,
        roleArn,
      );
    });

    it("refuses two sources for the automation role, registering nothing", async () => {
      assert.throws(
        () =>
          new mod.ResponsePlanWithAlarms("plan", {
            incident: { title: "t", impact: 3 },
            engagements: [{ arn: TARO }],
            runbook: {
              documentName: "Restart-Web",
              automationRoleArn: `arn:aws:iam::${ACCOUNT}:role/a`,
              parameters: { AutomationAssumeRole: [`arn:aws:iam::${ACCOUNT}:role/b`] },
            },
          }),
        (err: Error) =>
          err.message ===
          "ResponsePlanWithAlarms 'plan': `runbook.automationRoleArn` names the automation role a second time; got `parameters.AutomationAssumeRole` and `automationRoleArn`. Keep one of them.",
      );
      await settle();
      assert.equal(capture.resources.length, 0);
    });
  });

  describe("policy documents", () => {
    it("scope a shared document to its owner's automation definition", async () => {
      const { automationDefinitionArn } = await import("../../components/iamPolicies");
      assert.equal(
        automationDefinitionArn(
          "aws",
          "ap-northeast-1",
          ACCOUNT,
          "arn:aws:ssm:us-east-1:210987654321:document/Shared-Runbook",
        ),
        "arn:aws:ssm:us-east-1:210987654321:automation-definition/Shared-Runbook:*",
      );
      assert.equal(
        automationDefinitionArn("aws-cn", "cn-north-1", ACCOUNT, "Mine", "$LATEST"),
        `arn:aws-cn:ssm:cn-north-1:${ACCOUNT}:automation-definition/Mine:$LATEST`,
      );
    });

    it("list several passed roles as a list", async () => {
      const { runbookPolicy } = await import("../../components/iamPolicies");
      const doc = runbookPolicy("arn:definition", ["arn:a", "arn:b"]);
      assert.deepEqual(doc.Statement[1].Resource, ["arn:a", "arn:b"]);
    });
  });

  describe("rejects bad input with one error and registers nothing", () => {
    const base = {
      incident: { title: "Emergency Occurred", impact: 3 },
      engagements: [{ arn: TARO }],
    };
    const alarm = {
      name: "cpu",
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      statistic: "Average",
      period: 60,
      evaluationPeriods: 1,
      threshold: 90,
      comparisonOperator: "GreaterThanThreshold",
    };
    const head = "ResponsePlanWithAlarms 'plan': ";
    const impactRule =
      "`incident.impact` must be a whole number 1-5 (ssm-incidents CreateResponsePlan incidentTemplate.impact): 1 critical, 2 high, 3 medium, 4 low, 5 no impact; got ";
    const cases: [string, unknown, string][] = [
      ["impact 0", { ...base, incident: { title: "t", impact: 0 } }, `${head}${impactRule}0`],
      ["impact 6", { ...base, incident: { title: "t", impact: 6 } }, `${head}${impactRule}6`],
      [
        'impact "severe"',
        { ...base, incident: { title: "t", impact: "severe" } },
        `${head}${impactRule}"severe"`,
      ],
      [
        'impact "critical", a name rather than the number',
        { ...base, incident: { title: "t", impact: "critical" } },
        `${head}${impactRule}"critical". Write 1 (Impact.Critical).`,
      ],
      ["impact 2.5", { ...base, incident: { title: "t", impact: 2.5 } }, `${head}${impactRule}2.5`],
      [
        "no engagements",
        { ...base, engagements: [] },
        `${head}\`engagements\` needs 1-5 contacts, on-call schedules or escalation chains, or the response plan pages nobody; got none. Add an EscalationChain or a contact ARN.`,
      ],
      [
        "six engagements",
        {
          ...base,
          engagements: ["a", "b", "c", "d", "e", "f"].map((a) => ({
            arn: `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact/${a}`,
          })),
        },
        `${head}\`engagements\` holds at most 5 engagements (ssm-incidents CreateResponsePlan engagements); got 6. Remove 1, or put them in an EscalationChain and engage the chain.`,
      ],
      [
        "a bad plan name",
        { ...base, responsePlanName: "emergency plan" },
        `${head}\`responsePlanName\` must be 1-200 characters of letters, digits, "_" and "-" (an Incident Manager rule for response plan names; it defaults to the component's name); got "emergency plan". Set \`responsePlanName\` to a name such as "emergency-response-plan".`,
      ],
      [
        "a 201-character title",
        { ...base, incident: { title: "x".repeat(201), impact: 3 } },
        `${head}\`incident.title\` must be 1-200 characters (an Incident Manager limit); got 201 characters. Shorten it.`,
      ],
      [
        "an eventPattern that is not an object",
        { ...base, events: [{ name: "ec2", eventPattern: '{"source":["aws.ec2"]}' }] },
        `${head}\`events[0].eventPattern\` must be an object such as { source: ["aws.ec2"] } (it is serialized for you); got a string ("{\\"source\\":[\\"aws.ec2\\"]}"). Pass the pattern as an object, not JSON text.`,
      ],
      [
        "alarmActions holding a malformed ARN",
        { ...base, alarms: [{ ...alarm, alarmActions: [TOPIC, "sns:oncall"] }] },
        `${head}\`alarms[0].alarmActions[1]\` must be an ARN such as arn:aws:sns:ap-northeast-1:123456789012:oncall (the response plan's ARN is added for you); got "sns:oncall"`,
      ],
      [
        "a dynamic parameter with an unknown variable",
        {
          ...base,
          runbook: { documentName: "Restart-Web", dynamicParameters: { incident: "INCIDENT_ID" } },
        },
        `${head}\`runbook.dynamicParameters.incident\` must be "INCIDENT_RECORD_ARN" or "INVOLVED_RESOURCES" (the values Incident Manager fills in when an incident opens); got "INCIDENT_ID"`,
      ],
      [
        "a component name that is not a plan name, with no responsePlanName",
        { ...base, __name: "my plan" },
        'ResponsePlanWithAlarms \'my plan\': `responsePlanName` must be 1-200 characters of letters, digits, "_" and "-" (an Incident Manager rule for response plan names; it defaults to the component\'s name); got "my plan". Set `responsePlanName` to a name such as "emergency-response-plan".',
      ],
      [
        "an engagement that is not a contact",
        { ...base, engagements: [42] },
        `${head}\`engagements[0]\` must be a contact target: an EscalationChain, team.member("alias"), team.schedule, or { arn } of a contact; got 42`,
      ],
      [
        "an engagement ARN of another service",
        { ...base, engagements: [{ arn: TOPIC }] },
        `${head}\`engagements[0].arn\` must be an SSM Contacts contact ARN (arn:aws:ssm-contacts:<region>:<account>:contact/<alias>); got an ARN of the sns service (${TOPIC})`,
      ],
      [
        "the same contact twice",
        { ...base, engagements: [{ arn: TARO }, { arn: TARO }] },
        `${head}\`engagements[1]\` repeats the contact "taro", already used at \`engagements[0]\`; engage each contact once.`,
      ],
      [
        "five alarm actions of the user's",
        { ...base, alarms: [{ ...alarm, alarmActions: [TOPIC, TOPIC, TOPIC, TOPIC, TOPIC] }] },
        `${head}\`alarms[0].alarmActions\` holds at most 4 actions: CloudWatch allows 5 per alarm state (cloudwatch PutMetricAlarm AlarmActions) and the response plan is one; got 5. Remove 1.`,
      ],
      [
        "a composite alarm named like a metric alarm",
        {
          ...base,
          alarms: [alarm],
          compositeAlarms: [{ name: "cpu", alarmRule: 'ALARM("cpu")' }],
        },
        `${head}\`compositeAlarms[0].name\` repeats the alarm name "cpu", already used at \`alarms[0]\`; CloudWatch alarm names are unique across metric and composite alarms.`,
      ],
      [
        "a composite alarm with six user actions",
        {
          ...base,
          compositeAlarms: [{ name: "web", alarmRule: "TRUE", alarmActions: Array(6).fill(TOPIC) }],
        },
        `${head}\`compositeAlarms[0].alarmActions\` holds at most 4 actions: CloudWatch allows 5 per alarm state (cloudwatch PutMetricAlarm AlarmActions) and the response plan is one; got 6. Remove 2.`,
      ],
      [
        "both statistic and extendedStatistic",
        { ...base, alarms: [{ ...alarm, extendedStatistic: "p99" }] },
        `${head}\`alarms[0].statistic\` must be set, or \`extendedStatistic\` instead, but not both; got both. Pick one, e.g. statistic: "Average".`,
      ],
      [
        "a period of 45 seconds",
        { ...base, alarms: [{ ...alarm, period: 45 }] },
        `${head}\`alarms[0].period\` must be 10, 20, 30 or a multiple of 60 seconds (a CloudWatch rule); got 45`,
      ],
      [
        "two alarms with one name",
        { ...base, alarms: [alarm, alarm] },
        `${head}\`alarms[1]\` repeats the alarm name "cpu", already used at \`alarms[0]\`; alarm names name their resources and must be unique.`,
      ],
      [
        "an event pattern holding a function",
        { ...base, events: [{ name: "ec2", eventPattern: { source: [() => "aws.ec2"] } }] },
        `${head}\`events[0].eventPattern.source[0]\` must be JSON data (an object, array, string, number, boolean or null); got a function`,
      ],
      [
        "an empty event pattern",
        { ...base, events: [{ name: "ec2", eventPattern: {} }] },
        `${head}\`events[0].eventPattern\` must match something; got {}, which EventBridge rejects. Add a field such as source.`,
      ],
      [
        "a bad rule name",
        { ...base, events: [{ name: "ec2 state", eventPattern: { source: ["aws.ec2"] } }] },
        `${head}\`events[0].name\` must be 1-64 characters of letters, digits, ".", "-" and "_" (an EventBridge rule name); got "ec2 state"`,
      ],
      [
        "six chat channel topics",
        { ...base, chatChannelTopicArns: Array(6).fill(TOPIC) },
        `${head}\`chatChannelTopicArns\` needs 1-5 SNS topics of an AWS Chatbot channel (ssm-incidents CreateResponsePlan chatChannel.chatbotSns); got 6. Remove 1.`,
      ],
      [
        "a notification target that is not an SNS topic",
        { ...base, incident: { title: "t", impact: 3, notificationTopicArns: [TARO] } },
        `${head}\`incident.notificationTopicArns[0]\` must be an SNS topic ARN such as arn:aws:sns:ap-northeast-1:123456789012:incidents; got "${TARO}"`,
      ],
      [
        "a runbook role that is not a role ARN",
        { ...base, runbook: { documentName: "Restart-Web", roleArn: "runbook" } },
        `${head}\`runbook.roleArn\` must be an IAM role ARN such as arn:aws:iam::123456789012:role/incident-runbook; got "runbook". Leave it out to have a least-privilege role created.`,
      ],
      [
        "an AutomationAssumeRole that is not a role ARN",
        {
          ...base,
          runbook: {
            documentName: "Restart-Web",
            parameters: { AutomationAssumeRole: ["automation"] },
          },
        },
        `${head}\`runbook.parameters.AutomationAssumeRole[0]\` must be an IAM role ARN such as arn:aws:iam::123456789012:role/incident-runbook; got "automation".`,
      ],
      [
        "a setup that is only its args",
        { ...base, setup: { regions: ["ap-northeast-1", "ap-northeast-2"] } },
        `${head}\`setup\` must be an IncidentManagerSetup or its outputs { replicationSetArn, primaryRegion, ... } (the component, not its args); got {"regions":["ap-northeast-1","ap-northeast-2"]}`,
      ],
      [
        "a misspelt field",
        { ...base, alarm: [] },
        `${head}\`(args)\` has unknown field \`alarm\`; check the spelling (did you mean \`alarms\`?)`,
      ],
      [
        "a 51-character dynamic parameter name",
        {
          ...base,
          runbook: {
            documentName: "Restart",
            dynamicParameters: { ["q".repeat(51)]: "INCIDENT_RECORD_ARN" },
          },
        },
        `${head}\`runbook.dynamicParameters.${"q".repeat(51)}\` is a parameter name of 51 characters; AWS allows 1-50 (ssm-incidents CreateResponsePlan actions[].ssmAutomation.dynamicParameters{key}). Use the name the document declares.`,
      ],
      [
        "a component name too long for its auto-named EventBridge role",
        {
          ...base,
          __name: "e".repeat(50),
          events: [{ name: "ec2", eventPattern: { source: ["aws.ec2"] } }],
        },
        `ResponsePlanWithAlarms '${"e".repeat(50)}': \`events\` need a role for EventBridge that names an IAM role "${"e".repeat(50)}-events" of 57 characters; with the provider's 8-character suffix it exceeds IAM's 64 (iam CreateRole RoleName); got a component name of 50 characters. Give the component a name of at most 49 characters.`,
      ],
      [
        "31 dimensions",
        {
          ...base,
          alarms: [
            {
              ...alarm,
              dimensions: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, "x"])),
            },
          ],
        },
        `${head}\`alarms[0].dimensions\` holds at most 30 dimensions (cloudwatch PutMetricAlarm Dimensions); got 31. Remove 1.`,
      ],
      [
        "an empty dimension value",
        { ...base, alarms: [{ ...alarm, dimensions: { InstanceId: "" } }] },
        `${head}\`alarms[0].dimensions.InstanceId\` must be 1-1024 characters (a dimension value: cloudwatch PutMetricAlarm Dimensions[].Value); got 0 characters. Fill it in.`,
      ],
      [
        "an alarm in Osaka, which has no Incident Manager",
        { ...base, alarms: [{ ...alarm, region: "ap-northeast-3" }] },
        `${head}\`alarms[0].region\` must be a region where Incident Manager is offered; got ap-northeast-3, which does not offer it (no ssm-incidents/ssm-contacts endpoint in AWS's endpoint data). Use one of ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2.`,
      ],
      [
        "an event pattern field that is not an array",
        { ...base, events: [{ name: "ec2", eventPattern: { source: "aws.ec2" } }] },
        `${head}\`events[0].eventPattern.source\` must be a non-empty array of values to match, or an object of fields (EventBridge user guide: the value of each field in an event pattern is an array of one or more values); got "aws.ec2". Write ["aws.ec2"].`,
      ],
      [
        "an empty array in an event pattern",
        {
          ...base,
          events: [{ name: "ec2", eventPattern: { source: ["aws.ec2"], detail: { state: [] } } }],
        },
        `${head}\`events[0].eventPattern.detail.state\` must be a non-empty array of values to match, or an object of fields (EventBridge user guide: the value of each field in an event pattern is an array of one or more values); got an empty array. Add a value, or remove the field.`,
      ],
      [
        "a runbook parameter value over 512 characters",
        {
          ...base,
          runbook: { documentName: "Restart", parameters: { Target: ["x".repeat(513)] } },
        },
        `${head}\`runbook.parameters.Target[0]\` must be 0-512 characters (a runbook parameter value: ssm-incidents CreateResponsePlan actions[].ssmAutomation.parameters{}[]); got 513 characters. Shorten it.`,
      ],
      [
        "101 values for a runbook parameter",
        {
          ...base,
          runbook: {
            documentName: "Restart",
            parameters: { Target: Array.from({ length: 101 }, () => "x") },
          },
        },
        `${head}\`runbook.parameters.Target\` holds at most 100 values (ssm-incidents CreateResponsePlan actions[].ssmAutomation.parameters{}); got 101. Remove 1.`,
      ],
      [
        "a 51-character runbook parameter name",
        { ...base, runbook: { documentName: "Restart", parameters: { ["p".repeat(51)]: ["x"] } } },
        `${head}\`runbook.parameters.${"p".repeat(51)}\` is a parameter name of 51 characters; AWS allows 1-50 (ssm-incidents CreateResponsePlan actions[].ssmAutomation.parameters{key}). Use the name the document declares.`,
      ],
      [
        "a shared document's ARN over 128 characters",
        {
          ...base,
          runbook: {
            documentName: `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:document/${"d".repeat(80)}`,
          },
        },
        `${head}\`runbook.documentName\` must be at most 128 characters, a shared document's ARN included (ssm-incidents CreateResponsePlan actions[].ssmAutomation.documentName: ^[a-zA-Z0-9_\\-.:/]{3,128}$); got 129 characters. Share the document under a shorter name, or run it from this account by name.`,
      ],
      [
        "a 201-character PagerDuty service id",
        { ...base, pagerDuty: { name: "pd", serviceId: "s".repeat(201), secretId: "pd-secret" } },
        `${head}\`pagerDuty.serviceId\` must be 1-200 characters (a PagerDuty service id: ssm-incidents CreateResponsePlan integrations[].pagerDutyConfiguration.pagerDutyIncidentConfiguration.serviceId); got 201 characters. Shorten it.`,
      ],
      [
        "an incident tag value SSM Incidents refuses",
        { ...base, incident: { title: "t", impact: 3, tags: { team: "sre#1" } } },
        `${head}\`incident.tags.team\` is a tag value "sre#1" that SSM Incidents refuses: it must match ^[A-Za-z0-9 _=@:.+-/]*$ (ssm-incidents TagResource tags{}). Replace the other characters.`,
      ],
      [
        "a component name too long for its auto-named runbook role",
        { ...base, __name: "p".repeat(49), runbook: { documentName: "Restart" } },
        `ResponsePlanWithAlarms '${"p".repeat(49)}': \`runbook.roleArn\` is not set, so the component creates a role that names an IAM role "${"p".repeat(49)}-runbook" of 57 characters; with the provider's 8-character suffix it exceeds IAM's 64 (iam CreateRole RoleName); got a component name of 49 characters. Give the component a name of at most 48 characters, or pass \`runbook.roleArn\`.`,
      ],
    ];
    for (const [label, args, message] of cases) {
      it(label, async () => {
        const { __name, ...rest } = args as { __name?: string };
        await assertRejected(
          capture,
          () => new mod.ResponsePlanWithAlarms(__name ?? "plan", rest as never),
          message,
        );
      });
    }

    it("lists every broken rule in one error", async () => {
      await assertRejected(
        capture,
        () =>
          new mod.ResponsePlanWithAlarms("plan", {
            incident: { title: "", impact: 0 as never },
            engagements: [],
          }),
        `ResponsePlanWithAlarms 'plan' has 3 invalid inputs:\n` +
          "  - `incident.title` must be 1-200 characters (an Incident Manager limit); got 0 characters. Fill it in.\n" +
          `  - ${impactRule}0\n` +
          "  - `engagements` needs 1-5 contacts, on-call schedules or escalation chains, or the response plan pages nobody; got none. Add an EscalationChain or a contact ARN.",
      );
    });
  });
});

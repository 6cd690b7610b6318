/**
 * The ResponsePlanWithAlarms component: checks its args once (schema.ts, then resolution.ts),
 * then registers the response plan, its roles, alarms and EventBridge rules. Its public
 * properties are data the package schema publishes; the resources stay behind getters.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AUTOMATION_DOCUMENT_TYPE } from "../../aws";
import { preparedSpecs, type Prepared } from "../prepared";
import { childOptions, setupAdoptionIssue } from "../common";
import {
  automationDefinitionArn,
  automationTrustPolicy,
  chatPublishStatement,
  eventsPolicy,
  eventsTrustPolicy,
  type PolicyDocument,
  runbookPolicy,
  runbookTrustPolicy,
} from "../iamPolicies";
import type { ResponsePlanWithAlarmsArgs } from "./args";
import { createChatChannel } from "./chat";
import { assumeRoleParameter } from "./runbookDocument";
import { resolveResponsePlanWithAlarms, type ResponsePlanWithAlarmsSpec } from "./resolution";
import { COMPONENT, parseResponsePlanWithAlarmsArgs } from "./schema";

/**
 * Runs both steps over `args` of the component `name` without throwing: the spec the component
 * builds, or every issue found (the data's, then the resolution's). `stack/` gathers these for
 * every entry before anything registers.
 */
export function prepareResponsePlanWithAlarms(
  name: string,
  args: ResponsePlanWithAlarmsArgs,
): Prepared<ResponsePlanWithAlarmsSpec> {
  const parsed = parseResponsePlanWithAlarmsArgs(name, args);
  if (!parsed.ok) {
    // The adoption rule reads the raw args, so that one error lists it with the data's issues.
    const raw = args as { adopt?: { responsePlan?: unknown }; setup?: unknown } | undefined;
    const adoption = setupAdoptionIssue(
      raw?.adopt?.responsePlan === true,
      raw?.setup,
      ["adopt", "responsePlan"],
      "the response plan's import ID is",
    );
    return {
      ok: false,
      issues: adoption === undefined ? parsed.issues : [...parsed.issues, adoption],
    };
  }
  const resolved = resolveResponsePlanWithAlarms(name, parsed.value);
  return resolved.ok ? { ok: true, spec: resolved.value } : { ok: false, issues: resolved.issues };
}

/** Specs prepared earlier, by the args object they were prepared for. */
const prepared = preparedSpecs<ResponsePlanWithAlarmsArgs, ResponsePlanWithAlarmsSpec>(
  COMPONENT,
  (name, args) => prepareResponsePlanWithAlarms(name, args),
  (spec) => spec.name,
);

/**
 * Hands the component a spec prepared earlier (by {@link prepareResponsePlanWithAlarms}) for
 * this very `args` object, so that constructing it does not check the args a second time.
 */
export function usePrepared(
  args: ResponsePlanWithAlarmsArgs,
  spec: ResponsePlanWithAlarmsSpec,
): void {
  prepared.use(args, spec);
}

/** What a component keeps to itself (not published in the package schema). */
interface State {
  readonly responsePlan: aws.ssmincidents.ResponsePlan;
  readonly runbookDocument: aws.ssm.Document | undefined;
  readonly chatConfiguration:
    aws.chatbot.SlackChannelConfiguration | aws.chatbot.TeamsChannelConfiguration | undefined;
  readonly spec: ResponsePlanWithAlarmsSpec;
}
const states = new WeakMap<ResponsePlanWithAlarms, State>();

/** `value` with every object's keys in sorted order (arrays keep theirs). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
  );
}

/** A role one AWS service may assume, with one inline policy, both named `childName`. */
function serviceRole(
  childName: string,
  description: string,
  trust: pulumi.Output<PolicyDocument>,
  permissions: pulumi.Output<PolicyDocument>,
  options: () => pulumi.CustomResourceOptions,
  tagArg: { tags?: Record<string, string> },
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
  const role = new aws.iam.Role(
    childName,
    { description, assumeRolePolicy: trust.apply((doc) => JSON.stringify(doc)), ...tagArg },
    options(),
  );
  const policy = new aws.iam.RolePolicy(
    childName,
    { role: role.name, policy: permissions.apply((doc) => JSON.stringify(doc)) },
    options(),
  );
  return { role, policy };
}

/**
 * An Incident Manager response plan and what opens incidents with it: new CloudWatch metric
 * alarms whose ALARM action is the plan, and EventBridge rules whose target is the plan. Optional:
 * a chat channel, an SSM Automation runbook (with a least-privilege role it can create) and a
 * PagerDuty integration.
 */
export class ResponsePlanWithAlarms extends pulumi.ComponentResource {
  /**
   * The response plan's ARN: `arn:<partition>:ssm-incidents::<account>:response-plan/<name>`.
   * Waiting for it waits for the response plan.
   */
  public readonly arn: pulumi.Output<string>;
  /** The response plan's name. */
  public readonly responsePlanName: string;
  /** Each new alarm's ARN (metric and composite), by alarm name. */
  public readonly alarmArns: pulumi.Output<Record<string, string>>;
  /** The names of the new alarms, metric alarms first, then composite alarms. */
  public readonly alarmNames: string[];
  /** Each EventBridge rule's ARN, by rule name. */
  public readonly ruleArns: pulumi.Output<Record<string, string>>;
  /** The role the runbook runs with (created or given); undefined without a runbook. */
  public readonly runbookRoleArn: pulumi.Output<string> | undefined;
  /**
   * The role the runbook's steps run as, created from `runbook.automationPolicy`; undefined
   * when no such role is created.
   */
  public readonly automationRoleArn: pulumi.Output<string> | undefined;
  /** The role EventBridge starts incidents with; undefined without `events`. */
  public readonly eventsRoleArn: pulumi.Output<string> | undefined;
  /**
   * The SNS topics of the chat channel created from `chatChannel`, primary region first;
   * undefined without `chatChannel`.
   */
  public readonly chatTopicArns: pulumi.Output<string[]> | undefined;
  /** The AWS Chatbot channel configuration created from `chatChannel`; undefined without it. */
  public readonly chatConfigurationArn: pulumi.Output<string> | undefined;
  /** The role of that channel configuration; undefined without `chatChannel`. */
  public readonly chatRoleArn: pulumi.Output<string> | undefined;
  /** The SSM document created from `runbook.document`; undefined without it. */
  public readonly runbookDocumentArn: pulumi.Output<string> | undefined;

  constructor(
    name: string,
    args: ResponsePlanWithAlarmsArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const spec: ResponsePlanWithAlarmsSpec = prepared.specFor(name, args);
    super("incident-manager:index:ResponsePlanWithAlarms", name, {}, opts);

    const { data, setup, planName } = spec;
    this.responsePlanName = planName;
    const { adopt } = data;
    // Import IDs as @pulumi/aws documents them: a response plan by its ARN (derived from its
    // name), an alarm by its name, an EventBridge rule by `<event bus>/<name>`.
    const planImport: pulumi.CustomResourceOptions =
      spec.planImportId !== undefined ? { import: spec.planImportId } : {};
    const alarmImport = (alarmName: string): pulumi.CustomResourceOptions =>
      adopt.alarms.includes(alarmName) ? { import: alarmName } : {};
    const ruleImport = (ruleName: string): pulumi.CustomResourceOptions =>
      adopt.rules.includes(ruleName) ? { import: `default/${ruleName}` } : {};
    const tagArg = Object.keys(spec.tags).length > 0 ? { tags: spec.tags } : {};
    // Classic resources take a region; without a setup they use the provider's.
    const home = setup?.primaryRegion;
    const at = (region?: string) =>
      region !== undefined ? { region } : home !== undefined ? { region: home } : {};
    const options = (extra?: pulumi.CustomResourceOptions) => childOptions(this, setup, extra);

    // The account and partition the IAM policies name: the setup's (Incident Manager runs in
    // one account), or asked for once when there is no setup.
    let identity: pulumi.Output<{ account: string; partition: string }> | undefined;
    const account = () => {
      identity ??= pulumi
        .all(
          setup?.accountId !== undefined && setup.partition !== undefined
            ? [setup.accountId, setup.partition]
            : [
                aws.getCallerIdentityOutput({}, { parent: this }).accountId,
                aws.getPartitionOutput({}, { parent: this }).partition,
              ],
        )
        .apply(([acct, partition]) => ({ account: acct, partition }));
      return identity;
    };

    // What the plan waits for besides its engagements (whose ARNs' Outputs carry their own).
    const planDependsOn: pulumi.Resource[] = [];

    // The chat channel: a topic per replication-set region (AWS's advice for chat channels),
    // else one in the provider's region.
    const chat =
      data.chatChannel === undefined
        ? undefined
        : createChatChannel(data.chatChannel, {
            name,
            planName,
            configurationName: spec.chatConfigurationName!,
            regions: setup === undefined ? [undefined] : (setup.regions ?? [setup.primaryRegion]),
            identity: account,
            options,
            tagArg,
          });
    if (chat !== undefined) planDependsOn.push(...chat.topicPolicies);
    this.chatTopicArns = chat === undefined ? undefined : pulumi.all(chat.topicArns);
    this.chatConfigurationArn = chat?.configurationArn;
    this.chatRoleArn = chat?.roleArn;

    const runbook = data.runbook;
    const documentName = spec.runbookDocumentName;
    // A runbook as code: the document is created here and the plan is pinned to its version.
    const runbookDocument =
      runbook?.document === undefined
        ? undefined
        : new aws.ssm.Document(
            `${name}-runbook`,
            {
              ...at(),
              name: documentName!,
              documentType: AUTOMATION_DOCUMENT_TYPE,
              documentFormat: runbook.document.format,
              content: runbook.document.text,
              ...tagArg,
            },
            options(),
          );
    this.runbookDocumentArn = runbookDocument?.arn;
    const documentVersion: pulumi.Input<string> | undefined =
      runbookDocument?.latestVersion ?? runbook?.documentVersion;
    const chatTopic = chat?.topicArns[0];
    // The automation role the runbook's steps run as: a parameter of yours, an existing role, or
    // one created from `automationPolicy`. It goes in the `AutomationAssumeRole` parameter.
    let automationRole: pulumi.Input<string>[] | undefined =
      runbook?.parameters?.AutomationAssumeRole;
    if (runbook?.automationRoleArn !== undefined) automationRole = [runbook.automationRoleArn];
    let createdAutomationRole: pulumi.Output<string> | undefined;
    if (runbook?.automationPolicy !== undefined) {
      // Keys sorted, so the policy reads the same whichever way the args came (a program's
      // object keeps its order; the component provider's wire sorts them).
      const doc = pulumi
        .output(runbook.automationPolicy as unknown as PolicyDocument)
        .apply((d) => sortedKeys(d) as PolicyDocument);
      const { role, policy } = serviceRole(
        `${name}-automation`,
        `Runs the steps of the ${documentName} runbook of response plan ${planName}.`,
        account().apply(({ account: acct }) => automationTrustPolicy(acct)),
        // With the chat topic passed to the runbook, its steps may also post to the channel.
        runbook.chatTopicParameter === undefined || chatTopic === undefined
          ? doc
          : pulumi.all([doc, chatTopic]).apply(([d, topic]) => ({
              ...d,
              Statement: [...d.Statement, chatPublishStatement(topic)],
            })),
        options,
        tagArg,
      );
      planDependsOn.push(policy);
      createdAutomationRole = role.arn;
      automationRole = [role.arn];
    }
    this.automationRoleArn = createdAutomationRole;
    // The static parameters: yours, then the automation role and the chat topic, if any.
    const added: Record<string, pulumi.Input<string>[]> = {
      ...(automationRole === undefined ? {} : { AutomationAssumeRole: automationRole }),
      ...(runbook?.chatTopicParameter === undefined || chatTopic === undefined
        ? {}
        : { [runbook.chatTopicParameter]: [chatTopic] }),
    };
    const runbookParameters: Record<string, pulumi.Input<string>[]> | undefined =
      runbook === undefined || (runbook.parameters === undefined && Object.keys(added).length === 0)
        ? undefined
        : { ...runbook.parameters, ...added };
    // The roles the automation is started with: a document of ours says which (its
    // `assumeRole`, a role ARN or a parameter the plan fills); another document, the
    // AutomationAssumeRole parameter.
    const content = runbook?.document?.content;
    const roleParameter =
      content === undefined ? "AutomationAssumeRole" : assumeRoleParameter(content);
    const passRoles: pulumi.Input<string>[] | undefined =
      content !== undefined && roleParameter === undefined
        ? typeof content.assumeRole === "string"
          ? [content.assumeRole]
          : undefined
        : roleParameter === undefined
          ? undefined
          : runbookParameters?.[roleParameter];
    let runbookRoleArn: pulumi.Output<string> | undefined;
    if (runbook !== undefined && runbook.roleArn !== undefined) {
      runbookRoleArn = pulumi.output(runbook.roleArn);
    } else if (runbook !== undefined) {
      const region =
        home !== undefined ? pulumi.output(home) : aws.getRegionOutput({}, { parent: this }).region;
      const { role, policy } = serviceRole(
        `${name}-runbook`,
        `Lets Incident Manager start the ${documentName} runbook of response plan ${planName}.`,
        account().apply(({ account: acct }) => runbookTrustPolicy(acct)),
        pulumi
          .all([account(), region, pulumi.output(passRoles ?? []), pulumi.output(documentVersion)])
          .apply(([{ account: acct, partition }, reg, roles, version]) =>
            runbookPolicy(
              automationDefinitionArn(partition, reg, acct, documentName!, version),
              roles,
            ),
          ),
        options,
        tagArg,
      );
      planDependsOn.push(policy);
      runbookRoleArn = role.arn;
    }
    this.runbookRoleArn = runbookRoleArn;

    const incident = data.incident;
    // Classic @pulumi/aws rather than aws-native: it takes `region`, so the plan lands in the
    // setup's primary region whatever the stack's default region is, and it is the provider of
    // the alarms, rules and roles that refer to the plan. Every field needed here exists in both.
    const responsePlan = new aws.ssmincidents.ResponsePlan(
      `${name}-response-plan`,
      {
        ...at(),
        name: planName,
        displayName: data.displayName,
        incidentTemplate: {
          title: incident.title,
          impact: incident.impact,
          summary: incident.summary,
          dedupeString: incident.dedupeString,
          incidentTags: incident.tags,
          notificationTargets: incident.notificationTopicArns?.map((snsTopicArn) => ({
            snsTopicArn,
          })),
        },
        engagements: spec.engagementArns,
        chatChannels: chat?.topicArns ?? data.chatChannelTopicArns,
        action:
          runbook === undefined || runbookRoleArn === undefined
            ? undefined
            : {
                ssmAutomations: [
                  {
                    documentName: runbookDocument?.name ?? documentName!,
                    documentVersion,
                    roleArn: runbookRoleArn,
                    targetAccount: runbook.targetAccount,
                    parameters:
                      runbookParameters === undefined
                        ? undefined
                        : Object.entries(runbookParameters).map(([key, values]) => ({
                            name: key,
                            values,
                          })),
                    dynamicParameters: runbook.dynamicParameters,
                  },
                ],
              },
        integration: spec.pagerDuty === undefined ? undefined : { pagerduties: [spec.pagerDuty] },
        ...tagArg,
      },
      options({ ...planImport, ...(planDependsOn.length > 0 ? { dependsOn: planDependsOn } : {}) }),
    );
    states.set(this, {
      responsePlan,
      spec,
      runbookDocument,
      chatConfiguration: chat?.configuration,
    });
    this.arn = responsePlan.arn;

    const alarmArns: Record<string, pulumi.Output<string>> = {};
    const metricAlarms: aws.cloudwatch.MetricAlarm[] = [];
    // The response plan first, then the user's own actions.
    const withPlan = (own: readonly pulumi.Input<string>[] | undefined) => [
      this.arn,
      ...(own ?? []),
    ];
    for (const alarm of data.alarms) {
      const created = new aws.cloudwatch.MetricAlarm(
        `${name}-alarm-${alarm.name}`,
        {
          ...at(alarm.region),
          name: alarm.name,
          alarmDescription: alarm.alarmDescription,
          namespace: alarm.namespace,
          metricName: alarm.metricName,
          dimensions: alarm.dimensions,
          statistic: alarm.statistic,
          extendedStatistic: alarm.extendedStatistic,
          period: alarm.period,
          evaluationPeriods: alarm.evaluationPeriods,
          threshold: alarm.threshold,
          comparisonOperator: alarm.comparisonOperator,
          treatMissingData: alarm.treatMissingData,
          alarmActions: withPlan(alarm.alarmActions),
          okActions: alarm.okActions,
          ...tagArg,
        },
        options(alarmImport(alarm.name)),
      );
      alarmArns[alarm.name] = created.arn;
      metricAlarms.push(created);
    }
    for (const composite of data.compositeAlarms) {
      const created = new aws.cloudwatch.CompositeAlarm(
        `${name}-alarm-${composite.name}`,
        {
          ...at(composite.region),
          alarmName: composite.name,
          alarmDescription: composite.alarmDescription,
          alarmRule: composite.alarmRule,
          alarmActions: withPlan(composite.alarmActions),
          okActions: composite.okActions,
          ...tagArg,
        },
        // CloudWatch rejects a rule naming an alarm that does not exist yet.
        options({
          ...alarmImport(composite.name),
          ...(metricAlarms.length > 0 ? { dependsOn: metricAlarms } : {}),
        }),
      );
      alarmArns[composite.name] = created.arn;
    }
    this.alarmArns = pulumi.output(alarmArns);
    this.alarmNames = [...data.alarms, ...data.compositeAlarms].map((a) => a.name);

    const ruleArns: Record<string, pulumi.Output<string>> = {};
    let eventsRoleArn: pulumi.Output<string> | undefined;
    if (data.events.length > 0) {
      const { role } = serviceRole(
        `${name}-events`,
        `Lets EventBridge open incidents with response plan ${planName}.`,
        account().apply(({ account: acct }) => eventsTrustPolicy(acct)),
        this.arn.apply((arn) => eventsPolicy(arn)),
        options,
        tagArg,
      );
      eventsRoleArn = role.arn;
      for (const event of data.events) {
        const rule = new aws.cloudwatch.EventRule(
          `${name}-rule-${event.name}`,
          {
            ...at(event.region),
            name: event.name,
            description: event.description,
            eventPattern: event.eventPattern,
            ...tagArg,
          },
          options(ruleImport(event.name)),
        );
        new aws.cloudwatch.EventTarget(
          `${name}-rule-${event.name}`,
          {
            ...at(event.region),
            rule: rule.name,
            targetId: "response-plan",
            arn: this.arn,
            roleArn: role.arn,
          },
          // No `dependsOn` on the role's policy: PutTargets needs the role's ARN only (EventBridge
          // assumes the role when it delivers an event), so the policy attaches alongside the
          // target instead of one step before it. IAM is eventually consistent, so waiting for
          // the policy never guaranteed it was in effect for the first event either.
          options(),
        );
        ruleArns[event.name] = rule.arn;
      }
    }
    this.ruleArns = pulumi.output(ruleArns);
    this.eventsRoleArn = eventsRoleArn;

    this.registerOutputs({
      arn: this.arn,
      responsePlanName: this.responsePlanName,
      alarmArns: this.alarmArns,
      alarmNames: this.alarmNames,
      ruleArns: this.ruleArns,
      runbookRoleArn: this.runbookRoleArn,
      automationRoleArn: this.automationRoleArn,
      eventsRoleArn: this.eventsRoleArn,
      chatTopicArns: this.chatTopicArns,
      chatConfigurationArn: this.chatConfigurationArn,
      chatRoleArn: this.chatRoleArn,
      runbookDocumentArn: this.runbookDocumentArn,
    });
  }

  /** The response plan resource, for `dependsOn` (TypeScript only). */
  get responsePlan(): aws.ssmincidents.ResponsePlan {
    return states.get(this)!.responsePlan;
  }

  /** The SSM document created from `runbook.document`, for `dependsOn` (TypeScript only). */
  get runbookDocument(): aws.ssm.Document | undefined {
    return states.get(this)!.runbookDocument;
  }

  /** The chat channel configuration created from `chatChannel` (TypeScript only). */
  get chatConfiguration():
    aws.chatbot.SlackChannelConfiguration | aws.chatbot.TeamsChannelConfiguration | undefined {
    return states.get(this)!.chatConfiguration;
  }
}

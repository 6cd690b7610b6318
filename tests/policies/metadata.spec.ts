import * as fs from "fs";
import * as path from "path";
import { strict as assert } from "assert";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { Contact as ClassicContact } from "@pulumi/aws/ssmcontacts/contact";
import { Contact as NativeContact } from "@pulumi/aws-native/ssmcontacts/contact";
import { z } from "zod";
import { IncidentRule, readConfig, rules } from "../../policies/rules";
import {
  requireE164PhoneChannels,
  e164Config,
} from "../../policies/rules/channels/requireE164PhoneChannels";
import { planCoversChannelsConfig } from "../../policies/rules/channels/requirePlanCoversChannels";
import { channelTypesConfig } from "../../policies/rules/channels/requireTwoChannelTypes";
import { emailConfig } from "../../policies/rules/channels/requireValidEmailChannels";
import { wildcardRolesConfig } from "../../policies/rules/iam/disallowWildcardIncidentRoles";
import { stageTimingConfig } from "../../policies/rules/plans/enforceStageTiming";
import { emailOnlyFinalStageConfig } from "../../policies/rules/plans/requireEmailOnlyFinalStage";
import { oncallScheduleConfig } from "../../policies/rules/plans/requireOncallScheduleRotations";
import { customerKeysConfig } from "../../policies/rules/replication/requireCustomerManagedKeys";
import { deletionProtectionConfig } from "../../policies/rules/replication/requireDeletionProtection";
import { multiRegionConfig } from "../../policies/rules/replication/requireMultiRegionReplicationSet";
import { impactEngagementsConfig } from "../../policies/rules/responsePlans/enforceImpactAndEngagements";
import { responsePlanTriggerConfig } from "../../policies/rules/responsePlans/requireResponsePlanTrigger";
import { rotationConfig } from "../../policies/rules/rotations/requireRotationMembersAndZone";
import { requiredTagsConfig } from "../../policies/rules/tags/requireTags";
import { uniqueNamesConfig } from "../../policies/rules/names/unique";
import { incidentManagerRegionsConfig } from "../../policies/rules/regions/requireIncidentManagerRegions";
import { eventPatternArraysConfig } from "../../policies/rules/events/requireEventPatternArrays";
import { roleNameLengthConfig } from "../../policies/rules/iam/enforceRoleNameLength";
import { awsRequestConstraintsConfig } from "../../policies/rules/aws/enforceAwsRequestConstraints";
import { chatTopicSubscriberConfig } from "../../policies/rules/responsePlans/requireChatTopicSubscriber";
import { engagedContactPlansConfig } from "../../policies/rules/plans/requireEngagedContactPlans";
import { escalationChannelTargetsConfig } from "../../policies/rules/plans/disallowEscalationChannelTargets";
import { responsePlanReachableCoverageConfig } from "../../policies/rules/responsePlans/requireResponsePlanReachableCoverage";
import { nativeStack, classicStack, pick } from "./fixtures";
import { configFor, runResource } from "./harness";

/** The zod schema each rule's published config schema is derived from, in pack order. */
const zodConfigs: z.ZodObject[] = [
  multiRegionConfig,
  e164Config,
  emailConfig,
  emailOnlyFinalStageConfig,
  stageTimingConfig,
  impactEngagementsConfig,
  oncallScheduleConfig,
  customerKeysConfig,
  deletionProtectionConfig,
  channelTypesConfig,
  planCoversChannelsConfig,
  rotationConfig,
  requiredTagsConfig,
  responsePlanTriggerConfig,
  wildcardRolesConfig,
  incidentManagerRegionsConfig,
  eventPatternArraysConfig,
  roleNameLengthConfig,
  uniqueNamesConfig,
  uniqueNamesConfig,
  uniqueNamesConfig,
  uniqueNamesConfig,
  uniqueNamesConfig,
  awsRequestConstraintsConfig,
  chatTopicSubscriberConfig,
  engagedContactPlansConfig,
  escalationChannelTargetsConfig,
  responsePlanReachableCoverageConfig,
];

const VERBS = ["require", "enforce", "disallow"];

describe("policy rule metadata", () => {
  it("lists rules 1-15 (seven mandatory, then eight advisory), three mandatory AWS-fact rules, the five name rules, the check against AWS's models, then rules 25-28", () => {
    assert.deepEqual(
      rules.map((r) => [r.name, r.enforcementLevel]),
      [
        ["require-multi-region-replication-set", "mandatory"],
        ["require-e164-phone-channels", "mandatory"],
        ["require-valid-email-channels", "mandatory"],
        ["require-email-only-final-stage", "mandatory"],
        ["enforce-plan-stage-timing", "mandatory"],
        ["enforce-response-plan-impact-and-engagements", "mandatory"],
        ["require-oncall-schedule-rotations", "mandatory"],
        ["require-customer-managed-keys", "advisory"],
        ["require-deletion-protection", "advisory"],
        ["require-two-channel-types", "advisory"],
        ["require-plan-covers-channels", "advisory"],
        ["require-rotation-members-and-zone", "advisory"],
        ["require-tags", "advisory"],
        ["require-response-plan-trigger", "advisory"],
        ["disallow-wildcard-incident-roles", "advisory"],
        ["require-incident-manager-regions", "mandatory"],
        ["require-event-pattern-arrays", "mandatory"],
        ["enforce-role-name-length", "mandatory"],
        ["disallow-duplicate-contact-aliases", "mandatory"],
        ["disallow-duplicate-response-plan-names", "mandatory"],
        ["disallow-duplicate-alarm-names", "mandatory"],
        ["disallow-duplicate-event-rule-names", "mandatory"],
        ["disallow-duplicate-rotation-names", "advisory"],
        ["enforce-aws-request-constraints", "mandatory"],
        ["require-chat-topic-subscriber", "advisory"],
        ["require-engaged-contact-plans", "mandatory"],
        ["disallow-escalation-channel-targets", "advisory"],
        ["require-response-plan-reachable-coverage", "advisory"],
      ],
    );
    assert.equal(new Set(rules.map((r) => r.name)).size, rules.length);
  });

  it("keeps the stack rules (4, 7, 10, 11, 14, 15, 19-23, 25-28) as stack validations", () => {
    const kinds = rules.map((r) => ("validateStack" in r ? "stack" : "resource"));
    assert.deepEqual(
      rules.filter((_, i) => kinds[i] === "stack").map((r) => r.name),
      [
        "require-email-only-final-stage",
        "require-oncall-schedule-rotations",
        "require-two-channel-types",
        "require-plan-covers-channels",
        "require-response-plan-trigger",
        "disallow-wildcard-incident-roles",
        "disallow-duplicate-contact-aliases",
        "disallow-duplicate-response-plan-names",
        "disallow-duplicate-alarm-names",
        "disallow-duplicate-event-rule-names",
        "disallow-duplicate-rotation-names",
        "require-chat-topic-subscriber",
        "require-engaged-contact-plans",
        "disallow-escalation-channel-targets",
        "require-response-plan-reachable-coverage",
      ],
    );
  });

  for (const [i, rule] of rules.entries()) {
    describe(rule.name, () => {
      it("has a kebab-case name starting with a verb", () => {
        assert.match(rule.name, /^[a-z]+(-[a-z0-9]+)+$/);
        assert.ok(VERBS.includes(rule.name.split("-")[0]), rule.name);
      });
      it("has a description in full sentences", () => {
        assert.match(rule.description, /^[A-Z][^]*[.]$/);
        assert.ok(rule.description.length >= 60, rule.description);
      });
      it("has a severity and remediation steps", () => {
        assert.ok(["low", "medium", "high", "critical"].includes(rule.severity));
        assert.match(rule.remediationSteps, /^[A-Z][^]*[.)]$/);
      });
      it("publishes a config schema whose defaults are the zod defaults", () => {
        const properties = rule.configSchema?.properties ?? {};
        assert.ok(Object.keys(properties).length > 0);
        for (const [key, schema] of Object.entries(properties)) {
          assert.ok("default" in schema, `${rule.name}.${key} has no default`);
        }
        assert.deepEqual(configFor(rule), readConfig(zodConfigs[i], {}));
        assert.deepEqual(rule.configSchema?.required, undefined);
      });
    });
  }
});

describe("policy args built the way the SDK builds them", () => {
  const probe = (check: (args: ResourceValidationArgs) => void): IncidentRule => ({
    name: "require-probe",
    description: "Probes the args.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "None.",
    validateResource: (args) => check(args),
  });

  it("isType and asType compare the class's type token", async () => {
    const seen: unknown[] = [];
    const rule = probe((args) => {
      seen.push(
        args.isType(ClassicContact),
        args.isType(NativeContact),
        args.asType(ClassicContact) === undefined,
      );
    });
    await runResource(rule, pick(classicStack(), "taro"));
    await runResource(rule, pick(nativeStack(), "taro"));
    assert.deepEqual(seen, [true, false, false, false, true, true]);
  });

  it("has stackTags, notApplicable and the config with defaults applied", async () => {
    let tags: string | undefined;
    const rule = probe((args) => {
      tags = args.stackTags.get("env");
      assert.deepEqual(args.getConfig(), { rejectFixedLineSms: true });
      args.notApplicable("probe");
    });
    const out = await runResource(
      rule,
      pick(nativeStack(), "taro"),
      configFor(requireE164PhoneChannels),
    );
    assert.equal(tags, "test");
    assert.equal(out.notApplicable, "probe");
  });

  it("an invalid config falls back to the defaults and says so", async () => {
    const out = await runResource(requireE164PhoneChannels, pick(nativeStack(), "taro-sms"), {
      rejectFixedLineSms: "yes",
    });
    assert.deepEqual(
      out.violations.map((v) => v.message),
      [
        "The policy config is invalid (rejectFixedLineSms: Invalid input: expected boolean, received string); the defaults are used instead.",
      ],
    );
  });
});

describe("policies/RULES.md", () => {
  it("has a row for every rule with its name, level, severity and config keys", () => {
    const text = fs.readFileSync(path.join(__dirname, "../../policies/RULES.md"), "utf8");
    for (const [i, rule] of rules.entries()) {
      const row = text
        .split("\n")
        .find((line) => line.startsWith(`| ${i + 1} | \`${rule.name}\` |`));
      assert.ok(row, `no row for ${rule.name}`);
      assert.ok(row.includes(` | ${rule.enforcementLevel} | ${rule.severity} | `), row);
      for (const key of Object.keys(rule.configSchema?.properties ?? {}))
        assert.ok(row.includes(`\`${key}\``), key);
    }
  });
});

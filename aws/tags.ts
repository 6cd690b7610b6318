/** Tag facts, per service: each service has its own key and value rules. */
import { apiRange, apiText, cfnRange, cfnText, RangeRule, TextRule } from "./model";

/** The rules one service applies to a tag. */
export interface TagRule {
  /** The service, as a user reads it, e.g. `SSM Contacts`. */
  readonly service: string;
  readonly key: TextRule;
  readonly value: TextRule;
}

/** Source: ssm-contacts TagResource Tags[].Key / Tags[].Value (key `^[\\\/a-zA-Z0-9_+=\-]*$`, value 1-256). */
export const SSM_CONTACTS_TAGS: TagRule = {
  service: "SSM Contacts",
  key: apiText("ssm-contacts:TagResource", "Tags[].Key"),
  value: apiText("ssm-contacts:TagResource", "Tags[].Value"),
};

/** Source: ssm-incidents TagResource tags{key} / tags{} (`^[A-Za-z0-9 _=@:.+-/]*$`, no `aws:`). */
export const SSM_INCIDENTS_TAGS: TagRule = {
  service: "SSM Incidents",
  key: apiText("ssm-incidents:TagResource", "tags{key}"),
  value: apiText("ssm-incidents:TagResource", "tags{}"),
};

/** Source: AWS::SSMIncidents::ReplicationSet Tags[].Key / Tags[].Value (the replication set goes through CloudFormation). */
export const REPLICATION_SET_TAGS: TagRule = {
  service: "the replication set (CloudFormation)",
  key: cfnText("AWS::SSMIncidents::ReplicationSet", "Tags[].Key"),
  value: cfnText("AWS::SSMIncidents::ReplicationSet", "Tags[].Value"),
};

/** Source: iam CreateRole Tags[].Key / Tags[].Value. */
export const IAM_TAGS: TagRule = {
  service: "IAM",
  key: apiText("iam:CreateRole", "Tags[].Key"),
  value: apiText("iam:CreateRole", "Tags[].Value"),
};

/** Source: ssm-contacts TagResource Tags (at most 50 tags a resource). */
export const MAX_TAGS: RangeRule = apiRange("ssm-contacts:TagResource", "Tags");

/** Source: AWS::SSMIncidents::ReplicationSet Tags (maxItems 50). */
export const REPLICATION_SET_MAX_TAGS: RangeRule = cfnRange(
  "AWS::SSMIncidents::ReplicationSet",
  "Tags",
);

/** The rule `key: value` breaks under `rule`, if any: a phrase naming the service and the pattern. */
export function tagIssue(rule: TagRule, key: string, value: string): string | undefined {
  const text = (part: "key" | "value", r: TextRule, v: string): string | undefined => {
    if (v.length < r.min || v.length > r.max) {
      return `a tag ${part} of ${v.length} characters; ${rule.service} allows ${r.min}-${r.max} (${r.source})`;
    }
    if (r.pattern !== undefined && !r.pattern.test(v)) {
      return `a tag ${part} ${JSON.stringify(v)} that ${rule.service} refuses: it must match ${r.patternText} (${r.source})`;
    }
    return undefined;
  };
  return text("key", rule.key, key) ?? text("value", rule.value, value);
}

/**
 * This package's own tag, not one of AWS's: on an ESCALATION contact it says that the final stage
 * may page by SMS or VOICE on purpose. EscalationChain sets it for `allowInterruptiveFinalStage:
 * true`; the pack's `require-email-only-final-stage` honours it. Key and value fit SSM Contacts'
 * TagKey (`^[\\\/a-zA-Z0-9_+=\-]*$`, 1-128) and TagValue (1-256) (ssm-contacts TagResource).
 */
export const FINAL_STAGE_EXEMPTION_TAG = {
  key: "incident-manager/allow-interruptive-final-stage",
  value: "true",
} as const;

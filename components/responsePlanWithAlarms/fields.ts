/**
 * The field checks the response plan's schemas share: AWS's ARN formats (from aws/arns.ts) and
 * name rules as messages that say what to write instead.
 */
import {
  ACTION_ARN,
  IAM_ROLE_ARN,
  RESPONSE_PLAN_NAME,
  RULE_NAME as RULE_NAME_RULE,
  RUNBOOK_DOCUMENT_NAME,
  SNS_TOPIC_ARN,
  SSM_DOCUMENT_NAME,
  SSM_NAMED_DOCUMENT_ARN,
  TextRule,
} from "../../aws";
import { checked } from "../schemaHelpers";
import { describeValue } from "../validation";

/** Source: ssm-incidents CreateResponsePlan name. */
const PLAN_NAME = RESPONSE_PLAN_NAME.pattern!;
/** Source: events PutRule Name. */
const RULE_NAME = RULE_NAME_RULE.pattern!;

export function checkPlanName(value: string): string | undefined {
  const { min, max } = RESPONSE_PLAN_NAME;
  if (value.length >= min && value.length <= max && PLAN_NAME.test(value)) return undefined;
  return `must be ${min}-${max} characters of letters, digits, "_" and "-" (an Incident Manager rule for response plan names; it defaults to the component's name); got ${describeValue(value)}. Set \`responsePlanName\` to a name such as "emergency-response-plan".`;
}

export function checkSnsTopicArn(value: string): string | undefined {
  if (SNS_TOPIC_ARN.test(value)) return undefined;
  return `must be an SNS topic ARN such as arn:aws:sns:ap-northeast-1:123456789012:incidents; got ${describeValue(value)}`;
}

export function checkActionArn(value: string): string | undefined {
  if (ACTION_ARN.test(value)) return undefined;
  return `must be an ARN such as arn:aws:sns:ap-northeast-1:123456789012:oncall (the response plan's ARN is added for you); got ${describeValue(value)}`;
}

export function checkRoleArn(value: string, advice = ""): string | undefined {
  if (IAM_ROLE_ARN.test(value)) return undefined;
  return `must be an IAM role ARN such as arn:aws:iam::123456789012:role/incident-runbook; got ${describeValue(value)}.${advice}`;
}

export function checkDocumentName(value: string): string | undefined {
  if (!RUNBOOK_DOCUMENT_NAME.pattern!.test(value) && value.length > 128) {
    return `must be at most 128 characters, a shared document's ARN included (${RUNBOOK_DOCUMENT_NAME.source}: ${RUNBOOK_DOCUMENT_NAME.patternText}); got ${value.length} characters. Share the document under a shorter name, or run it from this account by name.`;
  }
  if (
    (SSM_DOCUMENT_NAME.test(value) || SSM_NAMED_DOCUMENT_ARN.test(value)) &&
    RUNBOOK_DOCUMENT_NAME.pattern!.test(value)
  ) {
    return undefined;
  }
  return `must be an SSM document name of 3-128 characters of letters, digits, "_", "-" and ".", or a shared document's ARN; got ${describeValue(value)}`;
}

export function checkEventRuleName(value: string): string | undefined {
  if (value.length <= RULE_NAME_RULE.max && RULE_NAME.test(value)) return undefined;
  return `must be 1-64 characters of letters, digits, ".", "-" and "_" (an EventBridge rule name); got ${describeValue(value)}`;
}

export function checkAlarmName(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (value.length >= 1 && value.length <= 255 && !/[\u0000-\u001f\u007f]/.test(value)) {
    return undefined;
  }
  return `must be an alarm name of 1-255 characters without control characters; got ${describeValue(value)}`;
}

/** A text rule of AWS's as a schema: its length, then its pattern. */
export function textRule(rule: TextRule, what: string) {
  return checked((value) => {
    if (value.length < rule.min || value.length > rule.max) {
      return `must be ${rule.min}-${rule.max} characters (${what}: ${rule.source}); got ${value.length} characters. ${value.length > rule.max ? "Shorten it." : "Fill it in."}`;
    }
    if (rule.pattern !== undefined && !rule.pattern.test(value)) {
      return `must match ${rule.patternText} (${what}: ${rule.source}); got ${describeValue(value)}`;
    }
    return undefined;
  });
}

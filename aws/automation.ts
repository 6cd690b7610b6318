/**
 * SSM Automation facts: the documents a response plan's runbook is written in, the actions their
 * steps may take, and the dynamic values Incident Manager hands them.
 */
import { apiMember, apiText, TextRule } from "./model";

const CREATE = "ssm:CreateDocument";

/**
 * Source: ssm CreateDocument Content (at least 1 character; its documentation adds "The content
 * of the document must not exceed 64KB").
 */
export const DOCUMENT_CONTENT: TextRule = { ...apiText(CREATE, "Content"), max: 64 * 1024 };

/** Source: ssm CreateDocument DocumentFormat (YAML, JSON, TEXT); an Automation runbook is YAML or JSON. */
export const DOCUMENT_FORMATS: readonly string[] = (
  apiMember(CREATE, "DocumentFormat").enum ?? []
).filter((f) => f !== "TEXT");

/** Source: ssm CreateDocument DocumentType (its enum includes `Automation`). */
export const AUTOMATION_DOCUMENT_TYPE = (() => {
  const type = (apiMember(CREATE, "DocumentType").enum ?? []).find((t) => t === "Automation");
  if (type === undefined) throw new Error("ssm CreateDocument DocumentType has no Automation");
  return type;
})();

/**
 * The schema version of Automation runbooks. Source: Systems Manager user guide, "Schema
 * features and examples" (schema version 0.3 is the Automation runbook schema) and every runbook
 * of the Automation actions reference (`schemaVersion: '0.3'`). botocore's ssm model gives only
 * the pattern `([0-9]+)\.([0-9]+)` (DocumentSchemaVersion).
 * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-schemas-features.html
 */
export const AUTOMATION_SCHEMA_VERSION = "0.3";

/**
 * The actions an Automation step may take. botocore's ssm model does not enumerate them (a
 * step's `action` is part of the document's content, a string to the API); this list is the
 * Systems Manager user guide's "Systems Manager Automation actions reference" (its topics, one
 * page per action, including `aws:loop`, `aws:updateVariable` and `aws:invokeWebhook`). An action
 * AWS adds later is refused until it is added here.
 * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-actions.html
 */
export const AUTOMATION_ACTIONS: readonly string[] = [
  "aws:approve",
  "aws:assertAwsResourceProperty",
  "aws:branch",
  "aws:changeInstanceState",
  "aws:copyImage",
  "aws:createImage",
  "aws:createStack",
  "aws:createTags",
  "aws:deleteImage",
  "aws:deleteStack",
  "aws:executeAutomation",
  "aws:executeAwsApi",
  "aws:executeScript",
  "aws:executeStateMachine",
  "aws:invokeLambdaFunction",
  "aws:invokeWebhook",
  "aws:loop",
  "aws:pause",
  "aws:runCommand",
  "aws:runInstances",
  "aws:sleep",
  "aws:updateVariable",
  "aws:waitForAwsResourceProperty",
];

/**
 * The parameter type each dynamic value may be assigned to. Source: Incident Manager user guide,
 * "Working with runbook parameters": the incident ARN "can only be assigned to parameters of type
 * `String`", and "The `INVOLVED_RESOURCES` value can only be assigned to parameters of type
 * `StringList`. If assigned to a parameter of any other type, the runbook fails to run."
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/runbooks.html
 */
export const DYNAMIC_PARAMETER_TYPES: Readonly<Record<string, string>> = {
  INCIDENT_RECORD_ARN: "String",
  INVOLVED_RESOURCES: "StringList",
};

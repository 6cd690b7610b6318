/**
 * The IAM policy documents ResponsePlanWithAlarms creates, as pure functions so that tests and
 * the policy pack can build the same documents and compare them statement by statement.
 *
 * Each role is trusted by one service principal only, limited to this account with
 * `aws:SourceAccount`, and allowed one action on one resource.
 */
import {
  CHAT_COMMANDS,
  CHATBOT_PRINCIPAL,
  INCIDENT_MANAGER_PRINCIPAL,
  incidentRecordArns,
  SSM_DOCUMENT_ARN as DOCUMENT_ARN,
} from "../aws";

/** An IAM policy statement, in the JSON form AWS reads. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal?: { readonly Service: string };
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** A trust policy that lets one AWS service assume the role, on behalf of this account only. */
function serviceTrustPolicy(sid: string, service: string, account: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
}

/** Document name prefixes only AWS may use: such documents are owned by AWS, not this account. */
const AWS_OWNED_DOCUMENT = /^(aws|amazon|amzn)/i;

/**
 * The automation definition `ssm:StartAutomationExecution` is checked against:
 * `arn:<partition>:ssm:<region>:<account>:automation-definition/<document>:<version>`.
 *
 * - A pinned `documentVersion` scopes the ARN to that version; without one, `:*` covers `$DEFAULT`,
 *   `$LATEST` and numbered versions, because the version Incident Manager resolves is not known
 *   here.
 * - A document shared from another account (its name is its ARN) is that account's definition.
 * - An AWS-owned document (`AWS-...`, `AWSIncidents-...`) belongs to no account of ours, so the
 *   account field is `*`; the name and region still pin it, and no other account can own that
 *   name.
 */
export function automationDefinitionArn(
  partition: string,
  region: string,
  account: string,
  documentName: string,
  documentVersion?: string,
): string {
  const version = documentVersion ?? "*";
  const shared = DOCUMENT_ARN.exec(documentName);
  if (shared !== null) {
    const [, part, docRegion, owner, name] = shared;
    return `arn:${part}:ssm:${docRegion}:${owner}:automation-definition/${name}:${version}`;
  }
  const owner = AWS_OWNED_DOCUMENT.test(documentName) ? "*" : account;
  return `arn:${partition}:ssm:${region}:${owner}:automation-definition/${documentName}:${version}`;
}

/** The runbook role's trust policy: only Incident Manager, for this account. */
export function runbookTrustPolicy(account: string): PolicyDocument {
  return serviceTrustPolicy(
    "IncidentManagerStartsTheRunbook",
    "ssm-incidents.amazonaws.com",
    account,
  );
}

/**
 * The runbook role's permissions: `ssm:StartAutomationExecution` on the one automation definition.
 * AWS's user guide splits the work in two: the runbook service role "provides Incident Manager the
 * permissions it needs to access and start the runbook", and the `AutomationAssumeRole` the
 * permissions the runbook's steps need (Incident Manager user guide, IAM permissions required to
 * start and run runbook workflows). This role is the first only.
 *
 * `iam:PassRole` is added only for the roles passed in the runbook's `AutomationAssumeRole`
 * parameter (`passRoleArns`), and only to Systems Manager. Without that parameter the automation
 * runs with this role's own credentials and nothing is passed, so the permission is left out; a
 * step that calls an AWS API then fails, as this role may call nothing else.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/runbooks.html
 */
export function runbookPolicy(
  definitionArn: string,
  passRoleArns: readonly string[] = [],
): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: "StartTheRunbook",
      Effect: "Allow",
      Action: "ssm:StartAutomationExecution",
      Resource: definitionArn,
    },
  ];
  if (passRoleArns.length > 0) {
    statements.push({
      Sid: "PassTheAutomationAssumeRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: passRoleArns.length === 1 ? passRoleArns[0] : [...passRoleArns],
      Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The trust policy of an automation role (the runbook's `AutomationAssumeRole`): only Systems
 * Manager Automation, for this account. Automation assumes this role to run the runbook's steps;
 * without one, "Automation uses the context of the user who invoked the automation" (AWS Systems
 * Manager user guide, Setting up Automation), here the runbook role.
 * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup.html
 */
export function automationTrustPolicy(account: string): PolicyDocument {
  return serviceTrustPolicy("AutomationRunsTheRunbookSteps", "ssm.amazonaws.com", account);
}

/** The EventBridge role's trust policy: only EventBridge, for this account. */
export function eventsTrustPolicy(account: string): PolicyDocument {
  return serviceTrustPolicy("EventBridgeStartsIncidents", "events.amazonaws.com", account);
}

/** The EventBridge role's permissions: `ssm-incidents:StartIncident` on this response plan only. */
export function eventsPolicy(responsePlanArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "StartIncidentsFromThisResponsePlan",
        Effect: "Allow",
        Action: "ssm-incidents:StartIncident",
        Resource: responsePlanArn,
      },
    ],
  };
}

/**
 * The access policy of a chat channel's SNS topic: Incident Manager may publish to it for this
 * account. The statement is the one AWS gives, word for word (Incident Manager user guide,
 * "Working with chat channels", Task 1: Sid, `SNS:Publish`, `StringEqualsIfExists` on
 * `AWS:SourceAccount`).
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
 */
export function chatTopicPolicy(topicArn: string, account: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "IncidentManagerSNSPublishingPermissions",
        Effect: "Allow",
        Principal: { Service: INCIDENT_MANAGER_PRINCIPAL },
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: { StringEqualsIfExists: { "AWS:SourceAccount": account } },
      },
    ],
  };
}

/**
 * The chat channel role's trust policy: only AWS Chatbot may assume it. No `aws:SourceAccount`
 * condition: AWS's Chatbot guide does not say that Chatbot sets it when it assumes a channel
 * role, and a condition it does not meet would lock the channel out.
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/chatbot-iam-policies.html
 */
export function chatChannelTrustPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ChatbotRunsTheChannelsCommands",
        Effect: "Allow",
        Principal: { Service: CHATBOT_PRINCIPAL },
        Action: "sts:AssumeRole",
      },
    ],
  };
}

/**
 * The chat channel role's permissions: the `ssm-incidents` commands AWS lists for chat channels
 * (Incident Manager user guide, "Interacting through the chat channel"), each on the narrowest
 * resource: starting and reading this response plan, working on the incident records it opens
 * (`incident-record/<plan>/*`), and the two listing commands, which name no resource. Chatbot's
 * guardrail (`AWSIncidentManagerResolverAccess`, as the user guide recommends) bounds it again.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
 */
export function chatChannelPolicy(
  partition: string,
  account: string,
  planName: string,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ChatCommandsOnThisResponsePlan",
        Effect: "Allow",
        Action: [...CHAT_COMMANDS.responsePlan],
        Resource: `arn:${partition}:ssm-incidents::${account}:response-plan/${planName}`,
      },
      {
        Sid: "ChatCommandsOnItsIncidents",
        Effect: "Allow",
        Action: [...CHAT_COMMANDS.incidentRecord],
        Resource: incidentRecordArns(partition, account, planName),
      },
      {
        Sid: "ChatListingCommands",
        Effect: "Allow",
        Action: [...CHAT_COMMANDS.list],
        Resource: "*",
      },
    ],
  };
}

/**
 * The statement the created automation role gets when the runbook receives the chat topic
 * (`runbook.chatTopicParameter`): `sns:Publish` to that topic only, so its steps may post to the
 * chat channel.
 */
export function chatPublishStatement(topicArn: string): PolicyStatement {
  return {
    Sid: "PostToTheChatChannel",
    Effect: "Allow",
    Action: "sns:Publish",
    Resource: topicArn,
  };
}

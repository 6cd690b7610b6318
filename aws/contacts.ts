/** SSM Contacts facts: contacts, channels and engagement plans. */
import { apiRange, apiText, cfnText, RangeRule, TextRule } from "./model";

/** Source: ssm-contacts CreateContact Alias (1-255, `^[a-z0-9_\-]*$`: no `.` through the API). */
export const CONTACT_ALIAS: TextRule = apiText("ssm-contacts:CreateContact", "Alias");

/** Source: AWS::SSMContacts::Contact Alias (CloudFormation also allows `.`; its handler calls the API). */
export const CFN_CONTACT_ALIAS: TextRule = cfnText("AWS::SSMContacts::Contact", "Alias");

/** Source: ssm-contacts CreateContact DisplayName (0-255, `^[\p{L}\p{Z}\p{N}_.\-]*$`). */
export const CONTACT_DISPLAY_NAME: TextRule = apiText("ssm-contacts:CreateContact", "DisplayName");

/** Source: AWS::SSMContacts::Contact DisplayName (1-255, `^[a-zA-Z0-9_\-\s]*$`). */
export const CFN_CONTACT_DISPLAY_NAME: TextRule = cfnText(
  "AWS::SSMContacts::Contact",
  "DisplayName",
);

/** Source: ssm-contacts CreateContactChannel Name (1-255, `^[\p{L}\p{Z}\p{N}_.\-]*$`). */
export const CHANNEL_NAME: TextRule = apiText("ssm-contacts:CreateContactChannel", "Name");

/** Source: ssm-contacts CreateContactChannel DeliveryAddress.SimpleAddress (1-320). */
export const SIMPLE_ADDRESS: TextRule = apiText(
  "ssm-contacts:CreateContactChannel",
  "DeliveryAddress.SimpleAddress",
);

/** Source: ssm-contacts CreateContact Plan.Stages[].DurationInMinutes (0-30). */
export const STAGE_DURATION_MINUTES: RangeRule = apiRange(
  "ssm-contacts:CreateContact",
  "Plan.Stages[].DurationInMinutes",
);

/** Source: ssm-contacts CreateContact Plan.Stages[].Targets[].ChannelTargetInfo.RetryIntervalInMinutes (0-60). */
export const RETRY_INTERVAL_MINUTES: RangeRule = apiRange(
  "ssm-contacts:CreateContact",
  "Plan.Stages[].Targets[].ChannelTargetInfo.RetryIntervalInMinutes",
);

/** Source: ssm-contacts CreateContact Plan.RotationIds (0-25 in the API; see ROTATIONS_PER_SCHEDULE). */
export const PLAN_ROTATION_IDS: RangeRule = apiRange(
  "ssm-contacts:CreateContact",
  "Plan.RotationIds",
);

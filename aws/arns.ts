/**
 * The ARN formats the components recognise. AWS's models give loose patterns for these (the
 * ssm-contacts `SsmContactsArn` shape, ssm-incidents `Arn`); each format here is the resource's
 * own ARN as AWS documents it, within those patterns, and names where it comes from.
 */

/**
 * A contact ARN, `arn:<partition>:ssm-contacts:<region>:<account>:contact/<alias>`, with the API's
 * alias (no `.`), as ssm-incidents CreateResponsePlan `engagements[]` requires
 * (`^arn:aws(-cn|-us-gov)?:ssm-contacts:[a-z0-9-]*:([0-9]{12}):contact/[a-z0-9_-]+$`).
 */
export const CONTACT_ARN =
  /^arn:aws(?:-[a-z]+)*:ssm-contacts:[a-z0-9-]+:\d{12}:contact\/[a-z0-9_-]+$/;

/**
 * A contact channel ARN, `...:contact-channel/<alias>/<id>`; the partitions are those of the
 * ssm-contacts model's `SsmContactsArn` shape (aws, aws-cn, aws-us-gov).
 */
export const CONTACT_CHANNEL_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):ssm-contacts:[a-z0-9-]+:\d{12}:contact-channel\/[a-z0-9_\-.]+\/[A-Za-z0-9_-]+$/;

/** A rotation ARN, `...:rotation/<id>`, within ssm-contacts `SsmContactsArn`. */
export const ROTATION_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):ssm-contacts:[a-z0-9-]+:\d{12}:rotation\/[A-Za-z0-9_-]+$/;

/**
 * A replication set ARN: the ssm-incidents service, no region, a 12-digit account (within the
 * ssm-incidents model's `Arn` shape: `^arn:aws(-cn|-us-gov)?:[a-z0-9-]*:[a-z0-9-]*:([0-9]{12})?:.+$`).
 */
export const REPLICATION_SET_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):ssm-incidents::(\d{12}):replication-set\/[A-Za-z0-9_.-]+$/;

/** A KMS key ARN, `arn:<partition>:kms:<region>:<account>:key/<key id>` (KMS developer guide, key identifiers). */
export const KMS_KEY_ARN = /^arn:aws(?:-[a-z]+)*:kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]+$/;

/** A shared SSM document, named by its ARN `arn:<partition>:ssm:<region>:<account>:document/<name>`. */
export const SSM_DOCUMENT_ARN = /^arn:([a-z-]+):ssm:([a-z0-9-]+):(\d{12}):document\/(.+)$/;

/**
 * An SNS topic ARN, `arn:<partition>:sns:<region>:<account>:<topic>`: topic names are 1-256 ASCII
 * letters, digits, `_` and `-`, a FIFO topic's ending in `.fifo` (botocore 1.43, sns CreateTopic
 * Name). Within ssm-incidents `Arn`, the shape of NotificationTargetItem.snsTopicArn.
 */
export const SNS_TOPIC_ARN =
  /^arn:aws(?:-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/**
 * An IAM role ARN, `arn:<partition>:iam::<account>:role/<path><name>`: names of `[\w+=,.@-]+`
 * under a path of printable ASCII (botocore 1.43, iam `roleNameType` and `pathType`); within
 * ssm-incidents `RoleArn` (`^arn:aws(-cn|-us-gov)?:iam::([0-9]{12})?:role/.+$`).
 */
export const IAM_ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/**
 * An ARN of any service, `arn:<partition>:<service>:<region>:<account>:<resource>`, as a
 * CloudWatch alarm action (cloudwatch PutMetricAlarm AlarmActions: ResourceName, 1-1024
 * characters, no pattern); the shape is ssm-incidents `Arn`'s
 * (`^arn:aws(-cn|-us-gov)?:[a-z0-9-]*:[a-z0-9-]*:([0-9]{12})?:.+$`). Botocore 1.43.
 */
export const ACTION_ARN = /^arn:aws(?:-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:[a-z0-9]*:.+$/;

/** An SSM document name: `^[a-zA-Z0-9_\-.]{3,128}$` (botocore 1.43, ssm `DocumentName`). */
export const SSM_DOCUMENT_NAME = /^[a-zA-Z0-9_.-]{3,128}$/;

/**
 * A shared SSM document's ARN whose name follows ssm `DocumentName`:
 * `arn:<partition>:ssm:<region>:<account>:document/<name>` (botocore 1.43, ssm `DocumentARN`).
 */
export const SSM_NAMED_DOCUMENT_ARN =
  /^arn:aws(?:-[a-z]+)*:ssm:[a-z0-9-]+:\d{12}:document\/[a-zA-Z0-9_.-]{3,128}$/;

/** An SSM document version: `([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)` (botocore 1.43, ssm `DocumentVersion`). */
export const SSM_DOCUMENT_VERSION = /^(\$DEFAULT|\$LATEST|[1-9][0-9]*)$/;

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

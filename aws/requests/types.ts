/** What a registered resource becomes at AWS, and what is wrong with it. */

/** The API operation (`<service>:<Operation>`) or CloudFormation type a request is checked against. */
export type RequestTarget =
  | { readonly kind: "api"; readonly operation: string }
  | { readonly kind: "cfn"; readonly typeName: string };

/** One request a resource's provider sends to AWS (or one CloudFormation resource it declares). */
export interface AwsRequest {
  readonly target: RequestTarget;
  /** The request body (API members, or CloudFormation properties), as the provider builds it. */
  readonly body: Record<string, unknown>;
}

/** How a resource's registration maps to AWS. */
export interface ResourceMapping {
  /** The AWS service that receives the requests (`ssm-contacts`, `cloudwatch`, ...). */
  readonly service: string;
  readonly requests: readonly AwsRequest[];
}

/** The kinds of rule a value can break. */
export type RuleKind =
  "required" | "type" | "min" | "max" | "pattern" | "enum" | "member" | "region";

/** One value AWS would refuse. */
export interface RequestViolation {
  /** The resource's type token and name. */
  readonly resourceType: string;
  readonly resourceName: string;
  /** `ssm-contacts:CreateContact` or `AWS::SSMContacts::Rotation`. */
  readonly target: string;
  /** The member path in AWS's words, with indexes: `Plan.Stages[0].DurationInMinutes`. */
  readonly path: string;
  readonly rule: RuleKind;
  /** The value received, rendered (addresses masked). */
  readonly value: string;
  /** One sentence: what AWS wants. */
  readonly message: string;
  /** AWS's documentation string for the member, when it is short. */
  readonly doc?: string;
}

/** KMS facts. */
import { apiText, TextRule } from "./model";

/** Source: kms CreateAlias AliasName (1-256, `^[a-zA-Z0-9:/_-]+$`). */
export const ALIAS_NAME: TextRule = apiText("kms:CreateAlias", "AliasName");

/**
 * The key policy statement that keeps a key administrable: the account root may do everything
 * with it, so IAM policies in the account decide who administers and uses it (KMS's default key
 * policy, "Allows access to the AWS account and enables IAM policies").
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function accountRootKeyStatement(partition: string, account: string) {
  return {
    Sid: "AccountRootAdministersTheKey",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${account}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

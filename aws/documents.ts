/** SSM documents: the rules every document we create shares (runbooks, analysis templates). */
import { apiText, TextRule } from "./model";

/** Source: ssm CreateDocument Name (`^[a-zA-Z0-9_\\-.]{3,128}$`). */
export const DOCUMENT_NAME: TextRule = apiText("ssm:CreateDocument", "Name");

/**
 * Name prefixes AWS reserves for its own documents. Source: ssm CreateDocument Name's
 * documentation (botocore 1.43): "aws amazon amzn AWSEC2 AWSConfigRemediation AWSSupport". AWS's
 * text does not say whether the comparison ignores case; the checks here do (the stricter reading).
 */
export const RESERVED_DOCUMENT_PREFIXES: readonly string[] = [
  "aws",
  "amazon",
  "amzn",
  "AWSEC2",
  "AWSConfigRemediation",
  "AWSSupport",
];

/** {@link RESERVED_DOCUMENT_PREFIXES} as one case-insensitive test of a name's start. */
export const RESERVED_DOCUMENT_PREFIX = new RegExp(
  `^(${RESERVED_DOCUMENT_PREFIXES.join("|")})`,
  "i",
);

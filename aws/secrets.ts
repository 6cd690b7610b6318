/**
 * The Secrets Manager secret Incident Manager reads PagerDuty's credentials from, its KMS key's
 * statement and its resource policy, as the Incident Manager user guide gives them ("Storing
 * PagerDuty access credentials in an AWS Secrets Manager secret").
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
 */
import { apiText, TextRule } from "./model";
import { INCIDENT_MANAGER_PRINCIPAL } from "./chatbot";

/** Source: secretsmanager CreateSecret SecretString (1-65536). */
export const SECRET_STRING: TextRule = apiText("secretsmanager:CreateSecret", "SecretString");

/**
 * The keys of the secret's JSON, from the user guide's PagerDuty page: the API key (a General
 * Access or User Token REST API key), the PagerDuty service region of the subdomain (the page's
 * example: `US`) and a user email address of that subdomain.
 */
export const PAGER_DUTY_SECRET_KEYS = [
  "pagerDutyToken",
  "pagerDutyServiceRegion",
  "pagerDutyFromEmail",
] as const;

/**
 * The key policy statement the PagerDuty page gives ("Allow Incident Manager to use the key":
 * `kms:Decrypt` and `kms:GenerateDataKey*` for `ssm-incidents.amazonaws.com`), narrowed with the
 * page's tip to calls through Secrets Manager in the key's region (`kms:ViaService`
 * `secretsmanager.<region>.amazonaws.com`).
 */
export function pagerDutyKeyStatement(region: string) {
  return {
    Sid: "Allow Incident Manager to use the key",
    Effect: "Allow",
    Principal: { Service: INCIDENT_MANAGER_PRINCIPAL },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
  };
}

/**
 * The secret's resource policy: the PagerDuty page's statement (`secretsmanager:GetSecretValue`
 * for `ssm-incidents.amazonaws.com`), in a policy document.
 */
export function pagerDutySecretPolicy() {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: INCIDENT_MANAGER_PRINCIPAL },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      },
    ],
  };
}

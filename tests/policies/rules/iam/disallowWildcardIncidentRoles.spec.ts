/**
 * `disallow-wildcard-incident-roles` (policies/rules/iam/disallowWildcardIncidentRoles.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { allowPolicy, classicStack, mutate, nativeStack, responsePlanArn } from "../../fixtures";
import { violations, compliance } from "../../support";

describe("disallow-wildcard-incident-roles", () => {
  const rule = r.disallowWildcardIncidentRoles;
  compliance(rule, "scoped roles");
  it("Noncompliance 1: ssm:* on * (aws-native inline policy)", async () => {
    const stack = mutate(
      nativeStack(),
      "runbook",
      (p) => (p.policies[0].policyDocument = allowPolicy("ssm:*", "*")),
    );
    assert.deepEqual(await violations(rule, stack), [
      "Role 'runbook': policies[0]: Statement[0] allows wildcard actions [\"ssm:*\"].",
      "Role 'runbook': policies[0]: Statement[0] applies to every resource (\"*\").",
    ]);
  });
  it("Noncompliance 2: a RolePolicy with NotAction (classic)", async () => {
    const stack = mutate(classicStack(), "start-incident-policy", (p) => {
      p.policy = JSON.stringify({
        Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: responsePlanArn("sev1") }],
      });
    });
    assert.deepEqual(await violations(rule, stack), [
      "Role 'start-incident': RolePolicy 'start-incident-policy': Statement[0] allows NotAction.",
      "Role 'start-incident': RolePolicy 'start-incident-policy': Statement[0] allows wildcard actions [null].",
    ]);
  });
  it("ignores roles no incident service assumes", async () => {
    const stack = mutate(nativeStack(), "runbook", (p) => {
      p.assumeRolePolicyDocument.Statement[0].Principal.Service = "lambda.amazonaws.com";
      p.policies[0].policyDocument = allowPolicy("*", "*");
    });
    assert.deepEqual(await violations(rule, stack), []);
  });
});

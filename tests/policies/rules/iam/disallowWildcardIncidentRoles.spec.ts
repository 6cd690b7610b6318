/**
 * `disallow-wildcard-incident-roles` (policies/rules/iam/disallowWildcardIncidentRoles.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { allowPolicy, classicStack, mutate, nativeStack, responsePlanArn } from "../../fixtures";
import { ResourceFixture } from "../../harness";
import { violations, compliance } from "../../support";

const ACCOUNT = "123456789012";
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const START = allowPolicy("ssm-incidents:StartIncident", responsePlanArn("sev1"));
const RUNBOOK = allowPolicy(
  "ssm:StartAutomationExecution",
  `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:automation-definition/Restart:$DEFAULT`,
);

/** A classic customer managed policy. */
const classicPolicy = (name: string, doc: unknown): ResourceFixture => ({
  type: "aws:iam/policy:Policy",
  name,
  props: { name, policy: JSON.stringify(doc), arn: policyArn(name) },
});

/** The classic stack with the EventBridge role's policy moved to a managed policy attached as `how`. */
function classicAttached(
  doc: unknown,
  how: "RolePolicyAttachment" | "PolicyAttachment" | "managedPolicyArns",
): ResourceFixture[] {
  const stack = classicStack().filter((f) => f.name !== "start-incident-policy");
  stack.push(classicPolicy("start-incident", doc));
  if (how === "RolePolicyAttachment") {
    stack.push({
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "start-incident-attachment",
      props: { role: "start-incident", policyArn: policyArn("start-incident") },
    });
  } else if (how === "PolicyAttachment") {
    stack.push({
      type: "aws:iam/policyAttachment:PolicyAttachment",
      name: "start-incident-attachment",
      props: {
        name: "start-incident",
        roles: ["other", "start-incident"],
        policyArn: policyArn("start-incident"),
      },
    });
  } else {
    return mutate(
      stack,
      "start-incident",
      (p) => (p.managedPolicyArns = [policyArn("start-incident")]),
    );
  }
  return stack;
}

/** The aws-native stack with the runbook role's policy moved to `resource` (RolePolicy or ManagedPolicy). */
function nativeSeparate(doc: unknown, resource: "RolePolicy" | "ManagedPolicy"): ResourceFixture[] {
  const stack = mutate(nativeStack(), "runbook", (p) => delete p.policies);
  stack.push(
    resource === "RolePolicy"
      ? {
          type: "aws-native:iam:RolePolicy",
          name: "runbook-policy",
          props: { policyName: "start-automation", roleName: "runbook", policyDocument: doc },
        }
      : {
          type: "aws-native:iam:ManagedPolicy",
          name: "runbook-policy",
          props: {
            managedPolicyName: "runbook",
            roles: ["runbook"],
            policyDocument: doc,
            policyArn: policyArn("runbook"),
          },
        },
  );
  return stack;
}

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

  describe("policies outside the role", () => {
    for (const how of ["RolePolicyAttachment", "PolicyAttachment", "managedPolicyArns"] as const) {
      it(`Compliance: a scoped classic Policy attached by ${how}`, async () => {
        assert.deepEqual(await violations(rule, classicAttached(START, how)), []);
      });
    }
    for (const resource of ["RolePolicy", "ManagedPolicy"] as const) {
      it(`Compliance: a scoped aws-native ${resource}`, async () => {
        assert.deepEqual(await violations(rule, nativeSeparate(RUNBOOK, resource)), []);
      });
    }
    it("Noncompliance 3: an aws-native RolePolicy naming the role by roleName", async () => {
      assert.deepEqual(
        await violations(rule, nativeSeparate(allowPolicy("ssm:*", "*"), "RolePolicy")),
        [
          "Role 'runbook': RolePolicy 'runbook-policy': Statement[0] allows wildcard actions [\"ssm:*\"].",
          "Role 'runbook': RolePolicy 'runbook-policy': Statement[0] applies to every resource (\"*\").",
        ],
      );
    });
    it("Noncompliance 4: an aws-native ManagedPolicy listing the role in roles", async () => {
      assert.deepEqual(
        await violations(
          rule,
          nativeSeparate(allowPolicy("ssm:StartAutomationExecution", "*"), "ManagedPolicy"),
        ),
        [
          "Role 'runbook': ManagedPolicy 'runbook-policy': Statement[0] applies to every resource (\"*\").",
        ],
      );
    });
    it("Noncompliance 5: a classic Policy attached by RolePolicyAttachment, PolicyAttachment, managedPolicyArns", async () => {
      const wild = allowPolicy("ssm-incidents:*", responsePlanArn("sev1"));
      assert.deepEqual(await violations(rule, classicAttached(wild, "RolePolicyAttachment")), [
        "Role 'start-incident': RolePolicyAttachment 'start-incident-attachment' (Policy 'start-incident'): Statement[0] allows wildcard actions [\"ssm-incidents:*\"].",
      ]);
      assert.deepEqual(await violations(rule, classicAttached(wild, "PolicyAttachment")), [
        "Role 'start-incident': PolicyAttachment 'start-incident-attachment' (Policy 'start-incident'): Statement[0] allows wildcard actions [\"ssm-incidents:*\"].",
      ]);
      assert.deepEqual(await violations(rule, classicAttached(wild, "managedPolicyArns")), [
        "Role 'start-incident': managedPolicyArns[0] (Policy 'start-incident'): Statement[0] allows wildcard actions [\"ssm-incidents:*\"].",
      ]);
    });
    it("Noncompliance 6: a managed policy outside the stack cannot be checked (aws-native managedPolicyArns)", async () => {
      const stack = mutate(nativeStack(), "runbook", (p) => {
        p.managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonSSMAutomationRole"];
      });
      assert.deepEqual(await violations(rule, stack), [
        "Role 'runbook': managedPolicyArns[0]: the managed policy \"arn:aws:iam::aws:policy/AmazonSSMAutomationRole\" is not in this stack, so it cannot be checked.",
      ]);
    });
    it("follows an unknown policyArn through propertyDependencies during preview", async () => {
      const stack = classicAttached(
        allowPolicy("*", responsePlanArn("sev1")),
        "RolePolicyAttachment",
      ).map((f) =>
        f.name === "start-incident-attachment"
          ? {
              ...f,
              props: { ...f.props, policyArn: unknownValue },
              propertyDependencies: { policyArn: ["start-incident"] },
            }
          : f,
      );
      assert.deepEqual(await violations(rule, stack), [
        "Role 'start-incident': RolePolicyAttachment 'start-incident-attachment' (Policy 'start-incident'): Statement[0] allows wildcard actions [\"*\"].",
      ]);
    });
    it("lets the SDK report an unknown role name it cannot resolve", async () => {
      const stack = nativeSeparate(allowPolicy("ssm:*", "*"), "RolePolicy").map((f) =>
        f.name === "runbook-policy" ? { ...f, props: { ...f.props, roleName: unknownValue } } : f,
      );
      await assert.rejects(violations(rule, stack), (err) => err instanceof UnknownValueError);
    });
  });
});

import { strict as assert } from "assert";
import * as path from "path";
import { Capture, installCapture, settle, valueOf } from "../../plan/capture";

describe("examples/escalation-chain", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture("escalation-chain", "dev");
  });

  it("runs under mocks and registers the setup, the escalation contact and its plan", async () => {
    const program = await import(path.join(__dirname, "../../examples/escalation-chain/index"));
    await settle();
    assert.deepEqual(capture.resources.map((r) => [r.type, r.name]).sort(), [
      ["aws-native:ssmincidents:ReplicationSet", "incident-manager-replication-set"],
      ["aws:ssmcontacts/contact:Contact", "payments-escalation-contact"],
      ["aws:ssmcontacts/plan:Plan", "payments-escalation-plan"],
      ["incident-manager:index:EscalationChain", "payments-escalation"],
      ["incident-manager:index:IncidentManagerSetup", "incident-manager"],
    ]);
    const named = (name: string) => capture.resources.find((r) => r.name === name)!;
    const set = named("incident-manager-replication-set");
    const chain = named("payments-escalation");
    const contact = named("payments-escalation-contact");
    const plan = named("payments-escalation-plan");
    assert.equal(contact.parent, chain.urn);
    assert.equal(plan.parent, chain.urn);
    assert.deepEqual(contact.dependencies, [set.urn]);
    assert.deepEqual(contact.inputs, {
      alias: "payments-escalation",
      displayName: "Payments escalation",
      type: "ESCALATION",
      region: "ap-northeast-1",
      tags: { team: "payments" },
    });
    const arn = (alias: string) =>
      `arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/${alias}`;
    const target = (alias: string, isEssential = true) => ({
      contactTargetInfo: { contactId: arn(alias), isEssential },
    });
    assert.deepEqual(plan.inputs, {
      contactId: arn("payments-escalation"),
      region: "ap-northeast-1",
      stages: [
        { durationInMinutes: 5, targets: [target("taro")] },
        { durationInMinutes: 5, targets: [target("jiro"), target("hanako", false)] },
        { durationInMinutes: 0, targets: [target("saburo")] },
      ],
    });
    assert.equal(await valueOf(program.escalationPlanArn), arn("payments-escalation"));
    assert.equal(
      program.timeline,
      [
        "t+0   stage 1  taro    channels unknown",
        "t+5   stage 2  jiro    channels unknown",
        "t+5   stage 2  hanako  channels unknown    not essential",
        "t+10  stage 3  saburo  channels unknown",
      ].join("\n"),
    );
    assert.deepEqual(capture.warnings, []);
  });
});

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Capture, installCapture, settle, valueOf } from "../../testing";

const EXAMPLE = path.join(__dirname, "../../examples/escalation-chain");

describe("examples/escalation-chain", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture("escalation-chain", "dev");
    // Saturday 7 November 2026, 4 a.m. in Tokyo: taro's week on call.
    pulumi.runtime.setConfig("escalation-chain:timelineAt", "2026-11-07T04:00:00+09:00");
  });

  it("runs under mocks and registers the setup, the team, the escalation contact and its plan", async () => {
    const program = await import(path.join(EXAMPLE, "index"));
    await settle();
    const names = (type: string) =>
      capture.resources
        .filter((r) => r.type === type)
        .map((r) => r.name)
        .sort();
    assert.equal(capture.resources.length, 23);
    assert.deepEqual(names("aws:ssmcontacts/contact:Contact"), [
      "payments-escalation-contact",
      "payments-hanako",
      "payments-jiro",
      "payments-saburo",
      "payments-taro",
    ]);
    assert.equal(names("aws:ssmcontacts/contactChannel:ContactChannel").length, 7);
    assert.deepEqual(names("aws-native:ssmcontacts:Contact"), ["payments-schedule"]);
    const named = (name: string) => capture.resources.find((r) => r.name === name)!;
    const chain = named("payments-escalation");
    const plan = named("payments-escalation-plan");
    assert.equal(plan.parent, chain.urn);
    const arn = (alias: string) =>
      `arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/${alias}`;
    const target = (alias: string, isEssential = true) => ({
      contactTargetInfo: { contactId: arn(alias), isEssential },
    });
    assert.deepEqual(plan.inputs, {
      contactId: arn("payments-escalation"),
      region: "ap-northeast-1",
      stages: [
        { durationInMinutes: 5, targets: [target("payments-oncall")] },
        { durationInMinutes: 5, targets: [target("hanako"), target("saburo", false)] },
        { durationInMinutes: 0, targets: [target("saburo")] },
      ],
    });
    // The escalation plan waits for the schedule it engages.
    assert.ok(plan.dependencies.includes(named("payments-schedule").urn));
    assert.equal(await valueOf(program.escalationPlanArn), arn("payments-escalation"));
    assert.equal(program.timeline, timelineInReadme());
    assert.deepEqual(capture.warnings, []);
  });

  function timelineInReadme(): string {
    const readme = fs.readFileSync(path.join(EXAMPLE, "README.md"), "utf8");
    const block = /## The timeline[\s\S]*?```\n([\s\S]*?)\n```/.exec(readme);
    assert.ok(block, "the README shows the timeline");
    return block[1];
  }
});

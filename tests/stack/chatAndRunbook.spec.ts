/**
 * The config-driven stack with a chat channel and a runbook as code
 * (conformance/specs/chat-and-runbook.yaml): the seed scenario's response plan creates its Slack
 * channel and the runbook stack/runbooks/post-timeline-then-approve.yaml through the stack's
 * config, and a config error in them names the config path.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Capture, installCapture, reset, settle } from "../../testing";

const ROOT = path.join(__dirname, "..", "..");
const ACCOUNT = "123456789012";

type Spec = Record<string, unknown> & {
  responsePlans: Record<string, unknown>[];
};

/** The spec of the stack file, read as `pulumi up` reads it. */
function chatSpec(): Spec {
  const file = yaml.load(
    fs.readFileSync(path.join(ROOT, "conformance/specs/chat-and-runbook.yaml"), "utf8"),
  ) as { config: Record<string, unknown> };
  return structuredClone(file.config["incident-manager:spec"]) as Spec;
}

describe("stack/spec: chat channel and runbook as code", () => {
  let capture: Capture;
  let spec: typeof import("../../stack/spec");
  const cwd = process.cwd();

  before(async () => {
    capture = await installCapture();
    spec = await import("../../stack/spec");
  });
  // The runbook's path is relative to the program's working directory, the repository root.
  beforeEach(() => {
    reset(capture);
    process.chdir(ROOT);
  });
  afterEach(() => process.chdir(cwd));

  it("creates the Slack channel and the runbook document for the response plan", async () => {
    const built = spec.buildStack(chatSpec());
    await settle();
    const plan = built.responsePlans["api-errors"];
    const of = (type: string) =>
      capture.resources
        .filter((r) => r.type === type)
        .map((r) => r.name)
        .sort();
    assert.deepEqual(of("aws:sns/topic:Topic"), [
      "api-errors-chat-ap-northeast-1",
      "api-errors-chat-ap-northeast-2",
    ]);
    assert.deepEqual(of("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"), [
      "api-errors-chat",
    ]);
    assert.deepEqual(of("aws:iam/role:Role"), [
      "api-errors-automation",
      "api-errors-chat",
      "api-errors-runbook",
    ]);
    const doc = capture.resources.find((r) => r.type === "aws:ssm/document:Document")!;
    assert.equal(doc.name, "api-errors-runbook");
    assert.equal(
      doc.inputs.content,
      fs.readFileSync(path.join(ROOT, "stack/runbooks/post-timeline-then-approve.yaml"), "utf8"),
    );
    const rp = capture.resources.find(
      (r) => r.type === "aws:ssmincidents/responsePlan:ResponsePlan",
    )!;
    assert.deepEqual(rp.inputs.chatChannels, [
      `arn:aws:sns:ap-northeast-1:${ACCOUNT}:api-errors-chat-ap-northeast-1`,
      `arn:aws:sns:ap-northeast-2:${ACCOUNT}:api-errors-chat-ap-northeast-2`,
    ]);
    const automation = (rp.inputs.action as { ssmAutomations: Record<string, unknown>[] })
      .ssmAutomations[0];
    assert.equal(automation.documentName, "api-errors-runbook");
    assert.equal(automation.documentVersion, "1");
    assert.deepEqual(
      (automation.parameters as { name: string }[]).map((p) => p.name),
      ["Approvers", "AutomationAssumeRole", "ChatTopicArn"],
    );
    assert.ok(plan.chatConfigurationArn !== undefined);
  });

  it("names the config path of a Slack id of the wrong shape", () => {
    const bad = chatSpec();
    (bad.responsePlans[0].chatChannel as { slack: { channelId: string } }).slack.channelId =
      "#incidents";
    assert.throws(
      () => spec.buildStack(bad),
      (err: Error) =>
        err.message.includes(
          "`incident-manager:spec.responsePlans[0].chatChannel.slack.channelId` must be a Slack channel id such as C07EZ1ABC23",
        ),
    );
    assert.equal(capture.resources.length, 0);
  });
});

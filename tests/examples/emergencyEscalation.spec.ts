import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Capture, installCapture, settle, valueOf } from "../../testing";

const EXAMPLE = path.join(__dirname, "../../examples/emergency-escalation");

/** The lines of a README that count as code: neither blank nor a comment. */
function codeLines(block: string): number {
  return block.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("//"))
    .length;
}

/** The fenced code block of `lang` that follows `heading` in the README. */
function fenced(readme: string, heading: string, lang: string): string {
  const start = readme.indexOf(heading);
  assert.ok(start >= 0, `the README has a section "${heading}"`);
  const open = readme.indexOf("```" + lang + "\n", start) + lang.length + 4;
  return readme.slice(open, readme.indexOf("\n```", open));
}

describe("examples/emergency-escalation", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture("emergency-escalation", "dev");
  });

  it("runs under mocks: the reference scenario from the four components, as its README says", async () => {
    const program = await import(path.join(EXAMPLE, "index"));
    await settle();
    const count = (type: string) => capture.resources.filter((r) => r.type === type).length;
    assert.equal(capture.resources.length, 20);
    assert.deepEqual(
      [
        "incident-manager:index:IncidentManagerSetup",
        "incident-manager:index:OnCallTeam",
        "incident-manager:index:EscalationChain",
        "incident-manager:index:ResponsePlanWithAlarms",
        "aws-native:ssmincidents:ReplicationSet",
        "aws:ssmcontacts/contact:Contact",
        "aws:ssmcontacts/contactChannel:ContactChannel",
        "aws:ssmcontacts/plan:Plan",
        "aws-native:ssmcontacts:Rotation",
        "aws-native:ssmcontacts:Contact",
        "aws:ssmincidents/responsePlan:ResponsePlan",
        "aws:cloudwatch/metricAlarm:MetricAlarm",
      ].map((type) => [type, count(type)]),
      [
        ["incident-manager:index:IncidentManagerSetup", 1],
        ["incident-manager:index:OnCallTeam", 1],
        ["incident-manager:index:EscalationChain", 1],
        ["incident-manager:index:ResponsePlanWithAlarms", 1],
        ["aws-native:ssmincidents:ReplicationSet", 1],
        ["aws:ssmcontacts/contact:Contact", 4],
        ["aws:ssmcontacts/contactChannel:ContactChannel", 3],
        ["aws:ssmcontacts/plan:Plan", 4],
        ["aws-native:ssmcontacts:Rotation", 1],
        ["aws-native:ssmcontacts:Contact", 1],
        ["aws:ssmincidents/responsePlan:ResponsePlan", 1],
        ["aws:cloudwatch/metricAlarm:MetricAlarm", 1],
      ],
    );
    const named = (name: string) =>
      capture.resources.find((r) => r.name === name && !r.type.startsWith("incident-manager:"))!;
    const contact = (alias: string) =>
      `arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/${alias}`;
    const plan = "arn:aws:ssm-incidents::123456789012:response-plan/emergency-response-plan";
    assert.deepEqual(named("emergency-response-plan-response-plan").inputs, {
      region: "ap-northeast-1",
      name: "emergency-response-plan",
      incidentTemplate: { title: "Emergency Occurred", impact: 3 },
      engagements: [contact("emergency-escalation-plan")],
      tags: { team: "sre" },
    });
    assert.deepEqual(named("emergency-response-plan-alarm-emergency-alarm").inputs.alarmActions, [
      plan,
    ]);
    assert.deepEqual(
      named("emergency-escalation-plan-plan").inputs.stages,
      [
        [5, "taro"],
        [5, "jiro"],
        [0, "saburo"],
      ].map(([minutes, alias]) => ({
        durationInMinutes: minutes,
        targets: [
          { contactTargetInfo: { contactId: contact(alias as string), isEssential: true } },
        ],
      })),
    );
    assert.equal(await valueOf(program.responsePlanArn), plan);
    assert.equal(await valueOf(program.escalationPlanArn), contact("emergency-escalation-plan"));
    assert.deepEqual(await valueOf(program.contactArns), {
      taro: contact("taro"),
      jiro: contact("jiro"),
      saburo: contact("saburo"),
    });
    assert.deepEqual(capture.warnings, []);

    const readme = fs.readFileSync(path.join(EXAMPLE, "README.md"), "utf8");
    assert.equal(fenced(readme, "## The paging timeline", ""), program.timeline);
    const components = codeLines(fs.readFileSync(path.join(EXAMPLE, "index.ts"), "utf8"));
    const raw = codeLines(fenced(readme, "## The same stack written as raw resources", "ts"));
    assert.ok(
      readme
        .replace(/\s+/g, " ")
        .includes(`\`index.ts\` is ${components} lines of code; the raw program is ${raw},`),
      `the README states ${components} and ${raw} lines`,
    );
  });

  it("exports the on-call calendars of the next 28 days, with no address in them", async () => {
    const program = await import(path.join(EXAMPLE, "index"));
    const calendars = program.calendars as Record<string, string>;
    assert.deepEqual(Object.keys(calendars), [
      "schedule-sre-oncall.ics",
      "person-taro.ics",
      "person-jiro.ics",
    ]);
    // taro and jiro take weeks in turn: four or five weekly shifts in 28 days, cut to the window.
    const shifts = calendars["schedule-sre-oncall.ics"].match(/^BEGIN:VEVENT\r$/gm) ?? [];
    assert.ok(shifts.length === 4 || shifts.length === 5, `${shifts.length} shifts`);
    assert.match(calendars["person-taro.ics"], /^SUMMARY:On call: weekly \(sre-oncall\)\r$/m);
    for (const text of Object.values(calendars)) {
      assert.ok(!/\+81|1234-500|@example\.com/.test(text));
    }
  });
});

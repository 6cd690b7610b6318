import { strict as assert } from "assert";
import { buildTimeline, renderTimeline, TimelineStage } from "../../components/timeline";
import { member, schedule } from "../support/references";

const taro = member("taro", [["VOICE", "+819012340001"]]);
const jiro = member("jiro", [["SMS", "+819012340002"]]);
const saburo = member("saburo", [["EMAIL", "saburo@example.com"]]);
const at = new Date("2026-01-05T03:00:00Z");

/** The entry for the first channel of taro, jiro or saburo, engaged at `offsetMinutes`. */
const paged = (
  contact: "taro" | "jiro" | "saburo",
  offsetMinutes: number,
  stageNumber: number,
  extra: object = {},
) => {
  const [type, address] = {
    taro: ["VOICE", "+81******001"],
    jiro: ["SMS", "+81******002"],
    saburo: ["EMAIL", "s*****@example.com"],
  }[contact];
  return {
    offsetMinutes,
    stage: stageNumber,
    isEssential: true,
    ...extra,
    contact,
    status: "page",
    channelName: `${contact}-${type.toLowerCase()}-0`,
    channelType: type,
    address,
    retryIntervalInMinutes: 0,
  };
};

const stage = (durationInMinutes: number, ...targets: TimelineStage["targets"]): TimelineStage => ({
  durationInMinutes,
  targets,
});

describe("timeline", () => {
  it("renders the reference scenario: taro by VOICE, jiro by SMS, saburo by EMAIL", () => {
    const entries = buildTimeline(
      [
        stage(5, { target: taro, isEssential: true }),
        stage(5, { target: jiro, isEssential: true }),
        stage(0, { target: saburo, isEssential: true }),
      ],
      at,
    );
    assert.deepEqual(entries, [paged("taro", 0, 1), paged("jiro", 5, 2), paged("saburo", 10, 3)]);
    assert.equal(
      renderTimeline(entries),
      [
        "t+0   stage 1  taro    VOICE  +81******001",
        "t+5   stage 2  jiro    SMS    +81******002",
        "t+10  stage 3  saburo  EMAIL  s*****@example.com",
      ].join("\n"),
    );
  });

  it("follows each contact's engagement plan and orders engagements by minute", () => {
    const shiro = member("shiro", [
      ["SMS", "+819012340004", 0, 5],
      ["VOICE", "+819012340004", 7, 10],
      ["EMAIL", "shiro@example.com", 12],
    ]);
    const entries = buildTimeline(
      [
        stage(5, { target: shiro, isEssential: false }),
        stage(0, { target: saburo, isEssential: true }),
      ],
      at,
    );
    assert.deepEqual(
      entries.map((e) => [
        e.offsetMinutes,
        e.stage,
        e.contact,
        e.channelType,
        e.retryIntervalInMinutes,
      ]),
      [
        [0, 1, "shiro", "SMS", 5],
        [5, 2, "saburo", "EMAIL", 0],
        [7, 1, "shiro", "VOICE", 10],
        [12, 1, "shiro", "EMAIL", 0],
      ],
    );
    assert.equal(
      renderTimeline(entries),
      [
        "t+0   stage 1  shiro   SMS    +81******004        resend after 5 min if sending fails, not essential",
        "t+5   stage 2  saburo  EMAIL  s*****@example.com",
        "t+7   stage 1  shiro   VOICE  +81******004        resend after 10 min if sending fails, not essential",
        "t+12  stage 1  shiro   EMAIL  s****@example.com   not essential",
      ].join("\n"),
    );
  });

  describe("an on-call schedule", () => {
    // taro is on call from 09:00 to 18:00 UTC; nobody at night.
    const oncall = schedule("sre-oncall", [taro, saburo], (when) =>
      when.getUTCHours() >= 9 && when.getUTCHours() < 18 ? ["taro"] : [],
    );
    const stages = [
      stage(10, { target: oncall, isEssential: true }),
      stage(0, { target: saburo, isEssential: true }),
    ];

    it("pages whoever is on call at `at`", () => {
      const entries = buildTimeline(stages, new Date("2026-01-05T10:00:00Z"));
      assert.deepEqual(entries[0], paged("taro", 0, 1, { schedule: "sre-oncall" }));
      assert.equal(
        renderTimeline(entries),
        [
          "t+0   stage 1  taro    VOICE  +81******001        on call in sre-oncall",
          "t+10  stage 2  saburo  EMAIL  s*****@example.com",
        ].join("\n"),
      );
    });

    it("flags a stage whose schedule has nobody on call", () => {
      const entries = buildTimeline(stages, at);
      assert.deepEqual(entries[0], {
        offsetMinutes: 0,
        stage: 1,
        isEssential: true,
        schedule: "sre-oncall",
        contact: "sre-oncall",
        status: "nobody-on-call",
      });
      assert.equal(
        renderTimeline(entries),
        [
          "t+0   stage 1  sre-oncall  -      nobody on call: this stage pages no one through the schedule",
          "t+10  stage 2  saburo      EMAIL  s*****@example.com",
        ].join("\n"),
      );
    });

    it("asks who is on call when the schedule's stage starts", () => {
      // Stage 2 starts at 09:05: 6 minutes after an incident that starts at 08:59.
      const later = [
        stage(6, { target: saburo, isEssential: true }),
        stage(0, { target: oncall, isEssential: true }),
      ];
      const entries = buildTimeline(later, new Date("2026-01-05T08:59:00Z"));
      assert.deepEqual(entries[1], paged("taro", 6, 2, { schedule: "sre-oncall" }));
    });

    it("pages every member on call at once, in rotation order", () => {
      const both = schedule("pair", [taro, jiro], () => ["jiro", "taro"]);
      const entries = buildTimeline([stage(0, { target: both, isEssential: true })], at);
      assert.deepEqual(
        entries.map((e) => [e.contact, e.schedule, e.channelType]),
        [
          ["jiro", "pair", "SMS"],
          ["taro", "pair", "VOICE"],
        ],
      );
    });
  });

  it("shows an ARN target's alias with its channels unknown", () => {
    const entries = buildTimeline(
      [
        stage(5, { target: { kind: "arn", alias: "hanako" }, isEssential: true }),
        stage(0, { target: { kind: "arn" }, isEssential: true }),
      ],
      at,
    );
    assert.deepEqual(entries, [
      {
        offsetMinutes: 0,
        stage: 1,
        isEssential: true,
        contact: "hanako",
        status: "channels-unknown",
      },
      {
        offsetMinutes: 5,
        stage: 2,
        isEssential: true,
        contact: "(unresolved ARN)",
        status: "channels-unknown",
      },
    ]);
    assert.equal(
      renderTimeline(entries),
      [
        "t+0  stage 1  hanako            channels unknown",
        "t+5  stage 2  (unresolved ARN)  channels unknown",
      ].join("\n"),
    );
  });

  it("says when a contact's engagement plan reaches no channel", () => {
    const silent = member("silent", []);
    const entries = buildTimeline([stage(0, { target: silent, isEssential: true })], at);
    assert.equal(renderTimeline(entries), "t+0  stage 1  silent  no engagement plan");
  });

  it("renders an empty timeline as no lines", () => {
    assert.equal(renderTimeline([]), "");
  });

  it("refuses an invalid date", () => {
    assert.throws(
      () => buildTimeline([stage(0, { target: taro, isEssential: true })], new Date("nope")),
      (err: Error) =>
        err instanceof RangeError &&
        err.message === "The timeline needs a valid date for `at`; got an invalid Date.",
    );
  });
});

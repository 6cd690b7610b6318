/**
 * Child names are API and must never collide: Pulumi refuses two resources with one URN (one
 * type, one name, one parent type), and the capture harness refuses them the same way. OnCallTeam
 * keeps the readable `<name>-<alias>-<channel>` form and rejects, before anything registers, the
 * rare pair of args that would give two children one name.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { Capture, installCapture, reset, settle } from "../../testing";
import { assertRejected } from "../support/rejects";

type Team = typeof import("../../components/onCallTeam");
type Args = import("../../components/onCallTeam").OnCallTeamArgs;

const ROTATION = {
  startTime: "2026-04-06T09:00:00",
  timeZone: "Asia/Tokyo",
  recurrence: { weekly: [{ dayOfWeek: "MON" as const, handOffTime: "09:00" }] },
};

/** A team whose members each have EMAIL channels with the given names. */
function team(
  members: readonly { alias: string; channels: readonly string[] }[],
  rotations: readonly string[] = ["primary"],
): Args {
  return {
    members: members.map((m) => ({
      alias: m.alias,
      displayName: m.alias,
      channels: m.channels.map((name, i) => ({
        type: "EMAIL" as const,
        address: `p${i}@example.com`,
        name,
      })),
    })),
    rotations: rotations.map((name) => ({ ...ROTATION, name, members: [members[0].alias] })),
  };
}

describe("OnCallTeam child names", () => {
  let capture: Capture;
  let mod: Team;

  before(async () => {
    capture = await installCapture();
    mod = await import("../../components/onCallTeam");
  });
  beforeEach(() => reset(capture));

  it("rejects taro's `mobile-sms` next to taro-mobile's `sms`, naming both, before anything registers", async () => {
    const args = team([
      { alias: "taro", channels: ["mobile-sms"] },
      { alias: "taro-mobile", channels: ["sms"] },
    ]);
    await assertRejected(
      capture,
      () => new mod.OnCallTeam("sre", args),
      "OnCallTeam 'sre': `members[1].channels[0]` names a child \"sre-taro-mobile-sms\" (aws:ssmcontacts/contactChannel:ContactChannel), like `members[0].channels[0]`; Pulumi refuses two resources with one name and type. Rename one of the two (a channel's `name`, or an alias).",
    );
  });

  it("teamChildNames lists exactly what the team registers", async () => {
    const args = team(
      [
        { alias: "taro", channels: ["mobile", "work"] },
        { alias: "taro-mobile", channels: ["home"] },
      ],
      ["day", "night"],
    );
    new mod.OnCallTeam("sre", args);
    await settle();
    const spec = mod.onCallTeamSchema.parse(args);
    const children = capture.resources.filter((r) => r.custom);
    assert.deepEqual(
      children.map((r) => `${r.type}::${r.name}`).sort(),
      mod
        .teamChildNames("sre", spec)
        .map((c) => `${c.type}::${c.name}`)
        .sort(),
    );
    assert.equal(children.length, 10);
    assert.deepEqual(capture.errors, []);
  });

  // Aliases and channel names drawn from few characters, so that `-` joins collide often.
  const alias = fc.constantFrom("a", "a-b", "a-b-c", "b", "-a", "a-");
  const channel = fc.constantFrom("b-c", "c", "b", "-b", "sms", "a");
  const rotationName = fc.constantFrom("a", "b", "a_b", "primary");
  const member = fc.record({
    alias,
    channels: fc.uniqueArray(channel, { minLength: 1, maxLength: 3 }),
  });
  /** Two members whose `<alias>-<channel>` meet: one joined name cut at two of its hyphens. */
  const meeting = fc.constantFrom("a-b-c", "x-y-z-w", "a--b", "taro-mobile-sms").chain((joined) => {
    const cuts = [...joined].flatMap((ch, i) => (ch === "-" ? [i] : []));
    return fc.uniqueArray(fc.constantFrom(...cuts), { minLength: 2, maxLength: 2 }).map(([i, j]) =>
      [i, j].map((cut) => ({
        alias: joined.slice(0, cut),
        channels: [joined.slice(cut + 1)],
      })),
    );
  });
  const teams = fc.record({
    members: fc.oneof(
      fc.uniqueArray(member, { minLength: 1, maxLength: 3, selector: (m) => m.alias }),
      meeting,
    ),
    rotations: fc.uniqueArray(rotationName, { minLength: 1, maxLength: 3 }),
  });

  it("property: a team either registers children with unique URNs, or is rejected for a real collision", async () => {
    let built = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(teams, async (drawn) => {
        const members: readonly { alias: string; channels: readonly string[] }[] = drawn.members;
        const { rotations } = drawn;
        reset(capture);
        // The collision computed here independently: two members' `<alias>-<channel>` equal.
        const joined = members.flatMap((m) => m.channels.map((c) => `${m.alias}-${c}`));
        const collides = new Set(joined).size !== joined.length;
        let error: Error | undefined;
        try {
          new mod.OnCallTeam("t", team(members, rotations));
        } catch (err) {
          error = err as Error;
        }
        await settle();
        if (collides) {
          rejected++;
          assert.equal(error?.name, "ValidationError");
          assert.match(error!.message, /Pulumi refuses two resources with one name and type/);
          assert.deepEqual(capture.resources, []);
        } else {
          built++;
          assert.equal(error, undefined);
          const urns = capture.resources.map((r) => r.urn);
          assert.equal(new Set(urns).size, urns.length);
          assert.deepEqual(capture.errors, []);
          const channels = members.reduce((n, m) => n + m.channels.length, 0);
          // Component, contacts, channels, plans, rotations and the schedule.
          assert.equal(urns.length, 1 + members.length * 2 + channels + rotations.length + 1);
        }
      }),
      { numRuns: 60, seed: 20261202, endOnFailure: true },
    );
    assert.ok(built > 5 && rejected > 5, `built ${built}, rejected ${rejected}`);
  });
});

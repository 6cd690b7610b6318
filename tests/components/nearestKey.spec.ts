import { strict as assert } from "assert";
import { z } from "zod";
import { editDistance, nearestKey } from "../../components/nearestKey";
import { validateArgs } from "../../components/validation";

describe("nearestKey", () => {
  it("counts insertions, deletions and substitutions", () => {
    assert.equal(editDistance("", ""), 0);
    assert.equal(editDistance("abc", ""), 3);
    assert.equal(editDistance("chanels", "channels"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("regoins", "regions"), 2);
  });

  it("prefers a key that differs only in letter case", () => {
    assert.equal(nearestKey("timezone", ["timeZoneId", "timeZone"]), "timeZone");
    assert.equal(nearestKey("TAGS", ["tags"]), "tags");
  });

  it("suggests a key at most 3 edits and 40% of the longer length away", () => {
    assert.equal(nearestKey("chanels", ["members", "channels"]), "channels");
    assert.equal(
      nearestKey("deletionProtection", ["deletionProtected", "regions"]),
      "deletionProtected",
    );
    assert.equal(nearestKey("alarm", ["alarms", "compositeAlarms"]), "alarms");
    assert.equal(nearestKey("teem", ["setup", "teams"]), "teams");
    // Too far to be a misspelling, or too short for an edit to mean anything.
    assert.equal(nearestKey("colour", ["channels", "members"]), undefined);
    assert.equal(nearestKey("id", ["ip"]), undefined);
  });

  it("breaks a tie with the candidate listed first", () => {
    assert.equal(nearestKey("tag", ["tags", "tab"]), "tags");
  });

  it("gives the hint in a component's error, among the keys not given", () => {
    const schema = z.strictObject({
      name: z.string(),
      timeZone: z.string().optional(),
      rotations: z.array(z.strictObject({ timeZone: z.string(), startTime: z.string() })),
    });
    assert.throws(
      () =>
        validateArgs(
          schema,
          { name: "n", nmae: "x", rotations: [{ timezone: "Asia/Tokyo", startTime: "t" }] },
          { component: "Test", name: "t" },
        ),
      (err: Error) =>
        err.message ===
        [
          "Test 't' has 3 invalid inputs:",
          "  - `rotations[0].timeZone` is required (string)",
          "  - `rotations[0]` has unknown field `timezone`; check the spelling (did you mean `timeZone`?)",
          // `name` is given, so `nmae` is not taken for it; nothing else is near.
          "  - `(args)` has unknown field `nmae`; check the spelling",
        ].join("\n"),
    );
  });
});

import { strict as assert } from "assert";
import { captured as resource } from "../support/captured";
import { buildTree, maskPersonalData, renderTree } from "../../plan/tree";

describe("plan/tree", () => {
  const team = resource("incident-manager:index:OnCallTeam", "sre", {}, { custom: false });
  const contact = resource(
    "aws:ssmcontacts/contact:Contact",
    "sre-taro",
    { alias: "taro", type: "PERSONAL", displayName: "Taro", tags: { team: "sre" } },
    { parent: team.urn },
  );
  const voice = resource(
    "aws:ssmcontacts/contactChannel:ContactChannel",
    "sre-taro-voice",
    { name: "voice", type: "VOICE", deliveryAddress: { simpleAddress: "+819012345678" } },
    { parent: team.urn, secretInputs: ["deliveryAddress"] },
  );
  const email = resource(
    "aws:ssmcontacts/contactChannel:ContactChannel",
    "sre-taro-email",
    { name: "email", type: "EMAIL", deliveryAddress: { simpleAddress: "taro@example.com" } },
    { parent: team.urn },
  );

  it("nests children under their parent and keeps only the key inputs", () => {
    const roots = buildTree([team, contact, voice, email]);
    assert.equal(roots.length, 1);
    assert.deepEqual(
      roots[0].children.map((c) => c.name),
      ["sre-taro", "sre-taro-voice", "sre-taro-email"],
    );
    // `tags` is not a key input of a contact.
    assert.deepEqual(roots[0].children[0].inputs, {
      alias: "taro",
      type: "PERSONAL",
      displayName: "Taro",
    });
  });

  it("prints secret inputs as [secret] and masks personal data that is not secret", () => {
    const [root] = buildTree([team, contact, voice, email]);
    assert.equal(root.children[1].inputs.deliveryAddress, "[secret]");
    assert.deepEqual(root.children[2].inputs.deliveryAddress, {
      simpleAddress: "t***@example.com",
    });
    const text = renderTree([root]).join("\n");
    assert.ok(!text.includes("+819012345678"));
    assert.ok(!text.includes("taro@example.com"));
    assert.deepEqual(renderTree([root]).slice(0, 3), [
      "sre  (incident-manager:index:OnCallTeam)",
      "├─ sre-taro  (aws:ssmcontacts/contact:Contact)",
      "│       alias: taro",
    ]);
  });

  it("masks phone numbers and email addresses anywhere in a value", () => {
    assert.deepEqual(maskPersonalData({ a: ["+819012345678", "x"], b: { c: "jiro@example.jp" } }), {
      a: ["+81******678", "x"],
      b: { c: "j***@example.jp" },
    });
  });

  it("marks protected resources", () => {
    const set = resource(
      "aws-native:ssmincidents:ReplicationSet",
      "im-replication-set",
      { regions: [{ regionName: "ap-northeast-1" }], deletionProtected: true },
      { protect: true },
    );
    assert.deepEqual(renderTree(buildTree([set])), [
      "im-replication-set  (aws-native:ssmincidents:ReplicationSet)  [protected]",
      " " + '    regions: [{"regionName":"ap-northeast-1"}]',
      "     deletionProtected: true",
    ]);
  });
});

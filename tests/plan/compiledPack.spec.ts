import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assertPackBuilt, packMain, stalePack } from "../../plan/compiledPack";

/** A package root with a pack in policies/ compiled to dist/, every file a second old. */
function packageRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "compiled-pack-"));
  const files: Record<string, string> = {
    "policies/package.json": JSON.stringify({
      version: "1.0.0",
      main: "../dist/policies/index.js",
    }),
    "policies/index.ts": 'import { rules } from "./rules";\n',
    "policies/rules/index.ts": 'import { model } from "../../aws/model";\n',
    "aws/model.ts": 'import data from "./models/data.json";\n',
    "aws/models/data.json": "{}",
    "dist/policies/index.js":
      'const policy_1 = require("@pulumi/policy");\nconst rules_1 = require("./rules");\n',
    "dist/policies/rules/index.js": 'const model_1 = require("../../aws/model");\n',
    "dist/aws/model.js": 'const data_json_1 = __importDefault(require("./models/data.json"));\n',
    "dist/aws/models/data.json": "{}",
  };
  const past = new Date(Date.now() - 60_000);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
    // Sources a minute old, their compiled files 30 s newer: a fresh build.
    const when = file.startsWith("dist/") ? new Date(past.getTime() + 30_000) : past;
    fs.utimesSync(path.join(root, file), when, when);
  }
  return root;
}

describe("plan/compiledPack: the compiled policy pack is as new as its sources", () => {
  let root: string;
  beforeEach(() => (root = packageRoot()));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const dir = () => path.join(root, "policies");

  it("resolves main as Node does and accepts a fresh build", () => {
    assert.equal(packMain(dir()), path.join(root, "dist", "policies", "index.js"));
    assert.equal(stalePack(dir(), root), undefined);
    assert.doesNotThrow(() => assertPackBuilt(dir(), root));
  });

  it("names a source changed after its compiled file, however deep it is required", () => {
    fs.utimesSync(path.join(root, "aws/models/data.json"), new Date(), new Date());
    assert.equal(
      stalePack(dir(), root),
      "the policy pack in policies/ runs compiled from dist/, and aws/models/data.json changed after dist/aws/models/data.json was built; run `npm run build:pack` (or `npm run build`)",
    );
    assert.throws(() => assertPackBuilt(dir(), root), /aws\/models\/data\.json changed/);
  });

  it("names the entry when the pack is not built", () => {
    fs.rmSync(path.join(root, "dist"), { recursive: true });
    assert.equal(
      stalePack(dir(), root),
      "the policy pack in policies/ runs compiled from dist/policies/index.js, which is not built; run `npm run build:pack` (or `npm run build`)",
    );
  });

  it("names a compiled file that requires one the build did not write", () => {
    fs.rmSync(path.join(root, "dist/aws/model.js"));
    assert.equal(
      stalePack(dir(), root),
      "the policy pack in policies/ is built incompletely: dist/policies/rules/index.js requires ../../aws/model, which is not in dist/; run `npm run build:pack` (or `npm run build`)",
    );
  });

  it("does not check a pack run from its sources, or a published pack without sources", () => {
    fs.writeFileSync(
      path.join(root, "policies/package.json"),
      JSON.stringify({ main: "index.ts" }),
    );
    assert.equal(stalePack(dir(), root), undefined);
    fs.writeFileSync(
      path.join(root, "policies/package.json"),
      JSON.stringify({ main: "../dist/policies/index.js" }),
    );
    fs.rmSync(path.join(root, "policies/index.ts"));
    fs.utimesSync(path.join(root, "aws/model.ts"), new Date(), new Date());
    assert.equal(stalePack(dir(), root), undefined);
  });
});

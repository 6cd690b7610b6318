import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

describe("testing: the README's example", () => {
  it("is tests/testing/example.spec.ts, word for word", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Testing your own program"));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    const spec = fs.readFileSync(path.join(ROOT, "tests", "testing", "example.spec.ts"), "utf8");
    assert.equal(block, spec);
  });
});

/**
 * Writes `provider/schema.json`, the package schema the component provider serves, from the
 * components' TypeScript declarations.
 *
 * It runs Pulumi's own component Analyzer and `generateSchema`
 * (`@pulumi/pulumi/provider/experimental`), the code `pulumi package add` runs when a plugin
 * analyses itself at start, then corrects what the Analyzer leaves out:
 * - fields typed with the `Integer` alias (`components/types.ts`) are `integer`, read from each
 *   field's declared type node, and numeric enums whose values are whole are `integer`;
 * - every description is the full TSDoc (summary, `@default`, `@see`, `{@link}` as text) of the
 *   declaration, for components, properties, types and enum values;
 * - nothing private is published: a property whose name starts with `_` or `#`, a `private` or
 *   `protected` member, or an undocumented one is an error.
 *
 * Usage: npm run provider-schema [-- --check]
 *   --check  compare with the committed provider/schema.json and exit 1 with the first
 *            differences, without writing.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { SERVED_COMPONENTS } from "../provider/served";

/** The package name: tokens are `incident-manager:index:<Name>`. */
export const PACKAGE_NAME = "incident-manager";

/** A schema property, as Pulumi's package schema writes it. */
export interface SchemaProperty {
  type?: string;
  $ref?: string;
  description?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  plain?: boolean;
  [key: string]: unknown;
}

/** An object type or an enum in the schema's `types`. */
export interface SchemaType {
  type: string;
  description?: string;
  properties?: Record<string, SchemaProperty>;
  required?: string[];
  enum?: { name?: string; value: string | number; description?: string }[];
}

/** A component in the schema's `resources`. */
export interface SchemaResource {
  type: "object";
  isComponent: true;
  description?: string;
  inputProperties: Record<string, SchemaProperty>;
  requiredInputs: string[];
  properties: Record<string, SchemaProperty>;
  required: string[];
}

/** The package schema. */
export interface PackageSchema {
  name: string;
  version: string;
  description?: string;
  resources: Record<string, SchemaResource>;
  types: Record<string, SchemaType>;
  [key: string]: unknown;
}

/** What to analyse. */
export interface SchemaOptions {
  /** The folder with the `tsconfig.json` whose program holds the components. */
  readonly dir: string;
  /** The entry file, relative to `dir`, that exports the components. */
  readonly entry: string;
  /** The component class names to publish. */
  readonly components: readonly string[];
  readonly version: string;
  readonly description?: string;
  /** Extra top-level schema fields (displayName, license, keywords, ...). */
  readonly extra?: Record<string, unknown>;
}

/** The schema fails a rule of ours; the message names the declaration. */
export class SchemaError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `provider schema: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "SchemaError";
  }
}

const TOKEN_PREFIX = `${PACKAGE_NAME}:index:`;

/** Runs the Analyzer and our corrections; throws a {@link SchemaError} listing every problem. */
export function buildSchema(options: SchemaOptions): PackageSchema {
  const base: PackageSchema = {
    name: PACKAGE_NAME,
    version: options.version,
    description: options.description,
    ...options.extra,
    resources: {},
    types: {},
  };
  const packageJSON = { name: PACKAGE_NAME, version: options.version, main: options.entry };
  // The Analyzer refuses an empty list; with nothing served the schema has no resources.
  const analyzer =
    options.components.length === 0
      ? undefined
      : new Analyzer(options.dir, PACKAGE_NAME, packageJSON, new Set(options.components));
  const result = analyzer?.analyze() ?? { components: {}, typeDefinitions: {}, dependencies: [] };
  const generated = generateSchema(
    PACKAGE_NAME,
    options.version,
    options.description ?? "",
    result.components,
    result.typeDefinitions,
    result.dependencies,
    undefined,
  ) as unknown as PackageSchema;
  const schema: PackageSchema = {
    ...base,
    ...generated,
    ...options.extra,
    description: options.description,
  };
  if (result.dependencies.length === 0) delete schema.dependencies;
  // The Analyzer keeps its TypeScript program private; the corrections read the same program so
  // that every declaration is the one the Analyzer saw.
  if (analyzer) {
    const program = (analyzer as unknown as { program: ts.Program }).program;
    new Corrector(program).correct(schema);
  }
  return sortKeys(schema) as PackageSchema;
}

/** The declarations behind one schema object: its TSDoc and its members. */
interface Declared {
  readonly node: ts.Node;
  /** The type whose properties are the schema properties. */
  readonly type: ts.Type;
  readonly label: string;
}

class Corrector {
  private readonly checker: ts.TypeChecker;
  private readonly problems: string[] = [];
  private readonly files: ts.SourceFile[];

  constructor(program: ts.Program) {
    this.checker = program.getTypeChecker();
    // The program's own sources (the folder's and what they import), not the libraries'.
    this.files = program
      .getSourceFiles()
      .filter((f) => !f.isDeclarationFile && !f.fileName.split(/[\\/]/).includes("node_modules"));
  }

  correct(schema: PackageSchema): void {
    for (const [token, resource] of Object.entries(schema.resources)) {
      if (!token.startsWith(TOKEN_PREFIX))
        this.problems.push(`${token}: not an ${TOKEN_PREFIX}* token`);
      const name = token.slice(TOKEN_PREFIX.length);
      const cls = this.findClass(name);
      if (!cls) {
        this.problems.push(`${token}: no class ${name}`);
        continue;
      }
      resource.description = this.describe(cls, name);
      const ctor = cls.members.find(ts.isConstructorDeclaration);
      const argsParam = ctor?.parameters.find(
        (p) => ts.isIdentifier(p.name) && p.name.text === "args",
      );
      if (argsParam?.type) {
        const argsType = this.checker.getTypeAtLocation(argsParam.type);
        const label = `${name} args (${this.checker.typeToString(argsType)})`;
        this.properties(resource.inputProperties, { node: argsParam, type: argsType, label });
      }
      const classType = this.checker.getTypeAtLocation(cls);
      this.properties(resource.properties, { node: cls, type: classType, label: name }, true);
    }
    for (const [token, type] of Object.entries(schema.types)) {
      const name = token.slice(TOKEN_PREFIX.length);
      if (!token.startsWith(TOKEN_PREFIX))
        this.problems.push(`${token}: not an ${TOKEN_PREFIX}* token`);
      if (type.enum) this.enumType(name, type);
      else this.objectType(name, type);
    }
    if (this.problems.length > 0) throw new SchemaError(this.problems);
  }

  private objectType(name: string, type: SchemaType): void {
    const decl = this.findDeclaration(name, ts.isInterfaceDeclaration);
    if (!decl) {
      this.problems.push(`type ${name}: no interface ${name}`);
      return;
    }
    type.description = this.describe(decl, `type ${name}`);
    const t = this.checker.getTypeAtLocation(decl);
    this.properties(type.properties ?? {}, { node: decl, type: t, label: name });
  }

  private enumType(name: string, type: SchemaType): void {
    const variable = this.findVariable(name);
    const enumDecl = this.findDeclaration(name, ts.isEnumDeclaration);
    const docNode = variable?.statement ?? enumDecl;
    if (!docNode) {
      this.problems.push(`enum ${name}: no declaration`);
      return;
    }
    type.description = this.describe(docNode, `enum ${name}`);
    const memberDocs = new Map<string | number, ts.Node>();
    if (variable) {
      let init = variable.declaration.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)))
        init = init.expression;
      if (init && ts.isObjectLiteralExpression(init)) {
        for (const p of init.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const v = p.initializer;
          if (ts.isStringLiteral(v)) memberDocs.set(v.text, p);
          else if (ts.isNumericLiteral(v)) memberDocs.set(Number(v.text), p);
        }
      }
    } else if (enumDecl) {
      for (const m of enumDecl.members) {
        const v = this.checker.getConstantValue(m);
        if (v !== undefined) memberDocs.set(v, m);
      }
    }
    for (const member of type.enum ?? []) {
      const node = memberDocs.get(member.value);
      const text = node ? renderDoc(node) : undefined;
      if (text) member.description = text;
      else delete member.description;
    }
    if (type.type === "number" && (type.enum ?? []).every((m) => Number.isInteger(m.value))) {
      type.type = "integer";
    }
  }

  /** Corrects the schema properties of one declared object. */
  private properties(
    props: Record<string, SchemaProperty>,
    declared: Declared,
    isClass = false,
  ): void {
    for (const [key, prop] of Object.entries(props)) {
      const where = `${declared.label}.${key}`;
      if (key.startsWith("_") || key.startsWith("#")) {
        this.problems.push(`${where}: a private name is published`);
        continue;
      }
      const symbol = declared.type.getProperty(key);
      const decl = symbol?.valueDeclaration;
      if (!decl) {
        this.problems.push(`${where}: no declaration`);
        continue;
      }
      if (isClass) {
        const flags = ts.getCombinedModifierFlags(decl as ts.Declaration);
        if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) {
          this.problems.push(`${where}: a private or protected member is published`);
          continue;
        }
        if (ts.isPrivateIdentifier((decl as ts.PropertyDeclaration).name)) {
          this.problems.push(`${where}: a private member is published`);
          continue;
        }
      }
      const text = renderDoc(decl);
      if (!text)
        this.problems.push(`${where}: no TSDoc (only the documented surface is published)`);
      else prop.description = text;
      const typeNode = (decl as ts.PropertySignature | ts.PropertyDeclaration).type;
      if (typeNode) this.integers(prop, typeNode, where);
    }
  }

  /** Marks `integer` where the declared type node names the `Integer` alias. */
  private integers(prop: SchemaProperty | undefined, node: ts.TypeNode, where: string): void {
    if (!prop) return;
    if (ts.isParenthesizedTypeNode(node)) return this.integers(prop, node.type, where);
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) {
      return this.integers(prop, node.type, where);
    }
    if (ts.isUnionTypeNode(node)) {
      const rest = node.types.filter(
        (t) =>
          t.kind !== ts.SyntaxKind.UndefinedKeyword &&
          !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
      );
      if (rest.length === 1) this.integers(prop, rest[0], where);
      return;
    }
    if (ts.isArrayTypeNode(node)) return this.integers(prop.items, node.elementType, `${where}[]`);
    if (!ts.isTypeReferenceNode(node)) return;
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
    const args = node.typeArguments ?? [];
    if ((name === "Input" || name === "Output") && args.length === 1) {
      return this.integers(prop, args[0], where);
    }
    if ((name === "Array" || name === "ReadonlyArray") && args.length === 1) {
      return this.integers(prop.items, args[0], `${where}[]`);
    }
    if (name === "Record" && args.length === 2) {
      return this.integers(prop.additionalProperties, args[1], `${where}{}`);
    }
    if (name === "Integer" && this.isIntegerAlias(node)) {
      if (prop.type === "number") prop.type = "integer";
      else
        this.problems.push(`${where}: typed Integer but the schema says ${JSON.stringify(prop)}`);
    }
  }

  /** True when the reference resolves to `type Integer = number`. */
  private isIntegerAlias(node: ts.TypeReferenceNode): boolean {
    let symbol = this.checker.getSymbolAtLocation(node.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias)
      symbol = this.checker.getAliasedSymbol(symbol);
    const decl = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    return decl !== undefined && decl.type.kind === ts.SyntaxKind.NumberKeyword;
  }

  private describe(node: ts.Node, label: string): string {
    const text = renderDoc(node);
    if (!text) {
      this.problems.push(`${label}: no TSDoc`);
      return "";
    }
    return text;
  }

  private findClass(name: string): ts.ClassDeclaration | undefined {
    return this.findDeclaration(name, ts.isClassDeclaration);
  }

  private findDeclaration<T extends ts.Node & { name?: ts.Node }>(
    name: string,
    is: (n: ts.Node) => n is T,
  ): T | undefined {
    const found: T[] = [];
    for (const file of this.files) {
      for (const statement of file.statements) {
        if (
          is(statement) &&
          statement.name &&
          ts.isIdentifier(statement.name) &&
          statement.name.text === name
        ) {
          found.push(statement);
        }
      }
    }
    if (found.length > 1) {
      const where = found.map((d) => path.relative(process.cwd(), d.getSourceFile().fileName));
      this.problems.push(
        `${name}: declared ${found.length} times (${where.join(", ")}); the schema names types by name`,
      );
    }
    return found[0];
  }

  private findVariable(
    name: string,
  ): { statement: ts.VariableStatement; declaration: ts.VariableDeclaration } | undefined {
    for (const file of this.files) {
      for (const statement of file.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
            return { statement, declaration };
          }
        }
      }
    }
    return undefined;
  }
}

/** The tags rendered into a description, in this order, with their headings. */
const TAGS: Record<string, string> = {
  default: "Default",
  defaultValue: "Default",
  see: "See",
  deprecated: "Deprecated",
};

/**
 * The full TSDoc of a declaration as Markdown: the summary, then `Default: ...`, `See: ...`
 * and `Deprecated: ...` paragraphs. `{@link X}` and `{@link X text}` become `text` or `` `X` ``.
 */
export function renderDoc(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  if (docs.length === 0) return undefined;
  const doc = docs[docs.length - 1];
  const parts: string[] = [];
  const summary = commentText(doc.comment);
  if (summary) parts.push(summary);
  for (const tag of doc.tags ?? []) {
    const heading = TAGS[tag.tagName.text];
    if (!heading) continue;
    // A `@see` target is parsed as a name (`https` of a URL); read the tag as it is written.
    const text = ts.isJSDocSeeTag(tag) ? rawTagText(tag) : commentText(tag.comment);
    if (text) parts.push(`${heading}: ${text}`);
  }
  const out = parts.join("\n\n").trim();
  return out === "" ? undefined : out;
}

/** The text after a tag's name as written, lines joined, `{@link}` rendered. */
function rawTagText(tag: ts.JSDocTag): string {
  const raw = tag.getSourceFile().text.slice(tag.tagName.end, tag.end);
  return raw
    .split("\n")
    .map((line) => line.replace(/^\s*\*\/?\s?/, "").replace(/\*\/\s*$/, ""))
    .join(" ")
    .replace(
      /\{@link(?:code|plain)?\s+([^}\s|]+)(?:[\s|]+([^}]*))?\}/g,
      (_m, target: string, text?: string) =>
        text?.trim() ? text.trim() : /^https?:/.test(target) ? target : `\`${target}\``,
    )
    .replace(/\s+/g, " ")
    .trim();
}

function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  if (comment === undefined) return "";
  if (typeof comment === "string") return comment.trim();
  return comment
    .map((part) => {
      if (ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)) {
        const target = part.name ? part.name.getText() : "";
        const text = part.text.replace(/^\|/, "").trim();
        if (text) return text;
        return /^https?:/.test(target) ? target : `\`${target}\``;
      }
      return part.text;
    })
    .join("")
    .trim();
}

/** A copy with object keys sorted (arrays keep their order), so the file diffs well. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Where the committed schema lives. */
export const SCHEMA_PATH = path.join(__dirname, "..", "provider", "schema.json");

/** The schema of this package, from `components/` and the list the provider serves. */
export function packageSchema(): PackageSchema {
  const root = path.join(__dirname, "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  return buildSchema({
    dir: root,
    entry: "components/index.ts",
    components: SERVED_COMPONENTS,
    version: pkg.version,
    description: pkg.description,
    extra: {
      displayName: "AWS Incident Manager",
      license: pkg.license,
      keywords: pkg.keywords,
      publisher: "pulumi-aws-incident-manager",
    },
  });
}

/** The file's text: two-space JSON and a final newline. */
export function schemaText(schema: PackageSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const text = schemaText(packageSchema());
  if (!check) {
    fs.writeFileSync(SCHEMA_PATH, text);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
    return 0;
  }
  const committed = fs.existsSync(SCHEMA_PATH) ? fs.readFileSync(SCHEMA_PATH, "utf8") : "";
  if (committed === text) {
    console.log(`${path.relative(process.cwd(), SCHEMA_PATH)} matches the components`);
    return 0;
  }
  const a = committed.split("\n");
  const b = text.split("\n");
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && diffs.length < 10; i++) {
    if (a[i] !== b[i])
      diffs.push(
        `  line ${i + 1}: committed ${JSON.stringify(a[i])}, generated ${JSON.stringify(b[i])}`,
      );
  }
  console.error(
    `${path.relative(process.cwd(), SCHEMA_PATH)} differs from the components; run npm run provider-schema:\n${diffs.join("\n")}`,
  );
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

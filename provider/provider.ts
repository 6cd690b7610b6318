/**
 * The component provider: serves the committed `provider/schema.json` and constructs the
 * components it lists.
 *
 * It implements `@pulumi/pulumi/provider`'s `Provider` itself rather than using the SDK's
 * `ComponentProvider`, which always runs the TypeScript Analyzer over the sources on its first
 * GetSchema or Construct (a type-check of the components and `@pulumi/aws`, seconds to tens of
 * seconds) and has no way to be handed a schema. Here the schema is generated once by
 * `npm run provider-schema` and checked in CI, and the plugin only reads it.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";

/** A component class, constructed as a TypeScript program does. */
export type ComponentConstructor = new (
  name: string,
  args: never,
  opts?: pulumi.ComponentResourceOptions,
) => pulumi.ComponentResource;

/** What Construct needs of the schema: the tokens and, for each, its output names. */
export interface ServedSchema {
  readonly name: string;
  readonly version: string;
  readonly resources: Record<string, { readonly properties?: Record<string, unknown> }>;
}

export class IncidentManagerProvider implements provider.Provider {
  readonly version: string;
  readonly schema: string;
  private readonly parsed: ServedSchema;

  /**
   * @param schemaText the package schema, served as is by GetSchema.
   * @param components the class for each component name in the schema's tokens.
   */
  constructor(
    schemaText: string,
    private readonly components: Readonly<Record<string, ComponentConstructor>>,
  ) {
    this.schema = schemaText;
    this.parsed = JSON.parse(schemaText) as ServedSchema;
    this.version = this.parsed.version;
    for (const token of Object.keys(this.parsed.resources)) {
      const name = token.split(":")[2];
      if (!components[name]) throw new Error(`${token} is in the schema but no class serves it`);
    }
  }

  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    const resource = this.parsed.resources[type];
    const ctor = resource ? this.components[type.split(":")[2]] : undefined;
    if (!resource || !ctor) {
      const served = Object.keys(this.parsed.resources).join(", ") || "none";
      throw new Error(`unknown resource type ${type}; this provider serves ${served}`);
    }
    // The inputs are the args a TypeScript program would pass: plain values, with Outputs where
    // a value was secret, unknown or came with dependencies. The component validates them.
    const instance = new ctor(name, inputs as never, options);
    const state: pulumi.Inputs = {};
    for (const key of Object.keys(resource.properties ?? {})) {
      state[key] = (instance as unknown as Record<string, pulumi.Input<unknown>>)[key];
    }
    return { urn: instance.urn, state };
  }
}

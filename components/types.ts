/**
 * Type aliases the package schema reads. Pulumi's component analyzer sees TypeScript types; these
 * aliases carry what TypeScript cannot say, so that the published schema (provider/schema.json)
 * says it for Python, Go, C#, Java and YAML users.
 */

/**
 * A whole number. TypeScript has no integer type, so fields declared `Integer` are published as
 * `integer` in the package schema; the components' validation still refuses fractions.
 */
export type Integer = number;

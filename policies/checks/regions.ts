/** Moved to `aws/regions.ts`, the one module of AWS facts; kept so existing imports keep working. */
export * from "../../aws/regions";

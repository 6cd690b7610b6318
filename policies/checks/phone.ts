/** Moved to `aws/phone.ts`, the one module of AWS facts; kept so existing imports keep working. */
export * from "../../aws/phone";

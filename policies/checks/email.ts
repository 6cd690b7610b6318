/** Moved to `aws/email.ts`, the one module of AWS facts; kept so existing imports keep working. */
export * from "../../aws/email";

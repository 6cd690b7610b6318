/** KMS facts. */
import { apiText, TextRule } from "./model";

/** Source: kms CreateAlias AliasName (1-256, `^[a-zA-Z0-9:/_-]+$`). */
export const ALIAS_NAME: TextRule = apiText("kms:CreateAlias", "AliasName");

/**
 * AWS's facts, each once, each with its source: read from the extract of AWS's own models
 * (`aws/models/constraints.json`) where the models carry them, written by hand with the user-guide
 * page that states them where they do not. Imports nothing of ours but `./model`.
 */
export * from "./model";
export * from "./regions";
export * from "./contacts";
export * from "./rotations";
export * from "./incidents";
export * from "./tags";
export * from "./cloudwatch";
export * from "./events";
export * from "./iam";
export * from "./kms";
export * from "./documents";
export * from "./analysis";
export * from "./secrets";
export * from "./email";
export * from "./phone";
export * from "./arns";
export * from "./chatbot";
export * from "./automation";

/** The stack's raw resources as one graph, read the same way by `plan` and the policy pack. */
export * from "./resources";
export * from "./stages";
export * from "./rotations";
export * from "./reach";

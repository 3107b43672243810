export * from "./evidence.js";
export * from "./exact.js";
export type * from "./framework/model.js";
export * from "./framework/schema.js";
export * from "./framework/validate.js";
export * from "./input-files.js";
export * from "./planner.js";
export * from "./scoring.js";

export * from "./people";
export * from "./settings";
export * from "./capture";
export * from "./experiments";
export * from "./business-cases";
export * from "./history";
export * from "./api-keys";

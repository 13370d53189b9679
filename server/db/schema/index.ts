export * from "./people";
export * from "./settings";

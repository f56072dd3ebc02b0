// Dependency injection: the shared services' tokens, their process-wide defaults, and the per-mount scope.
export * from "./tokens";
export * from "./service";
export { registerProcessDefaults, ttlCaches } from "./root";
export { mountScope } from "./mount-scope";

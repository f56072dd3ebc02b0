export * from "./docker-client";

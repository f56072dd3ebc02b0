/**
 * @fmz-gateway/testkit: a client that calls a gateway exactly as the FMZ docker does, and the adapter
 * conformance suite (as a function, as node:test tests, and as the `fmz-conformance` command), and
 * `waitFor`, for tests that wait on a condition instead of sleeping.
 */
export * from "./docker-client";
export { runDoctorCli, doctorRow, doctorFix, type DoctorRun } from "./doctor-cli";
export type {
  ConformanceExpectations,
  ConformanceTarget,
  ReceivedOrder,
  Verdict,
  MethodReport,
} from "./conformance/types";
export { runConformance } from "./conformance/run-conformance";
export { formatReport } from "./conformance/format-report";
export {
  PLANTED_DEFECTS,
  defectMissed,
  type DefectCatch,
  type PlantedDefect,
} from "./conformance/planted-defects";
export { conformanceTests } from "./conformance/node-tests";
export { SUITE_METHODS, UNKNOWN_METHOD_PROBE } from "./conformance/methods";
export * as checks from "./conformance/checks";
export { schemaProblems } from "./conformance/schema";
export { runConformanceCli, type ConformanceCliIo } from "./cli/program";
export { waitFor, type WaitForOptions, WAIT_FOR_DEFAULT_TIMEOUT_MS } from "./waiting/wait-for";

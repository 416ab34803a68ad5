/**
 * `@ucbridge/integra-sim`: a real HTTP server that answers like uContact's Integra API, for
 * tests, the demo and users' own test suites. Node only.
 */
export { startIntegraSim } from './sim.js';
export { runIntegraSimCli, type CliIo } from './cli.js';
export { DEFAULT_SIM_USERS, newApiKey, type SimUser } from './users.js';
export { GARBAGE_BODY, MAX_DELAY_MS, SIM_FAULT_KINDS, checkDelayMs, type SimFaultKind, type SimFaultOptions } from './faults.js';
export type { SimUpload } from './uploads.js';
export type {
  IntegraSim,
  IntegraSimOptions,
  SimAnswer,
  SimRequestRecord,
  SimRouteContext,
  SimRouteHandler,
  SimRouteOptions,
  SimSession,
} from './types.js';

/**
 * @ucbridge/iframe-client — the CRM page's side of ucbridge: connect to the uContact form that
 * frames this page, then `closeTab()` and `dispositionCall()` with promises that always settle.
 * The Lit elements live apart, under `@ucbridge/iframe-client/elements`.
 */
export { connectToHost } from './connect.js';
export { connectionTo } from './registry.js';
export type { CallOptions, CallResult, ConnectOptions, HostConnection, HostInfo } from './types.js';
export { BridgeError, isBridgeError, isOutcomeUnknown } from '@ucbridge/protocol';
export type { CallContext, CallDispositionInput, Disposition, DispositionInput, ErrorCode, MakeCallInput, NotifyInput, TagRecordInput, Outcome } from '@ucbridge/protocol';

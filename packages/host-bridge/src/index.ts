export { createHostBridge } from './host-bridge.js';
export type { ActionHandler, BridgeLogEvent, HostBridge, HostBridgeOptions, HostHandlers, RequestContext } from './types.js';
export { BridgeError, isBridgeError, type ErrorCode, type Disposition } from '@ucbridge/protocol';

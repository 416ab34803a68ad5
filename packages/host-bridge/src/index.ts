export { createHostBridge } from './host-bridge.js';
export type { ActionHandler, BridgeLogEvent, HostBridge, HostBridgeOptions, HostHandlers, RequestContext } from './types.js';
export type { AllowedOrigin, OriginScope } from './scopes.js';
export { BridgeError, isBridgeError, type CallContext, type ErrorCode, type Disposition, type FormFunction } from '@ucbridge/protocol';

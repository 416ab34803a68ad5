/**
 * Entry of the script-tag build `dist/iframe-client.iife.js`: defines `window.UCBridgeClient`.
 * A plain object (not a module namespace) keeps the bundle free of interop helpers.
 */
import { BridgeError, isBridgeError, isOutcomeUnknown } from '@ucbridge/protocol';
import { connectToHost } from './connect.js';
import { connectionTo } from './registry.js';

(window as unknown as { UCBridgeClient: object }).UCBridgeClient = { connectToHost, connectionTo, BridgeError, isBridgeError, isOutcomeUnknown };

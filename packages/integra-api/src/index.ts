/**
 * `@ucbridge/integra-api`: a typed client for uContact's Integra REST API, for Node ≥ 20 and
 * browsers (only `fetch`; nothing here may import `node:` modules).
 */
export {
  INTEGRA_ERROR_CODES,
  IntegraError,
  HttpError,
  TimeoutError,
  NetworkError,
  LoginRefusedError,
  isIntegraError,
  type IntegraErrorCode,
  type IntegraErrorOptions,
} from './errors.js';
export { DEFAULT_TIMEOUT_MS, isSessionOpen, openSessions, type Session } from './session.js';
export { FORM_CONTENT_TYPE, integraPost, isRefusal, type IntegraPostOptions } from './http.js';
export { isLoopbackHost } from './url.js';
export { isLoopbackAddress, type HostResolver } from './transport.js';
export { MAX_TIMER_MS, checkMilliseconds } from './milliseconds.js';
export { login, findApiKey, type LoginOptions } from './auth.js';
export { logout, logoutAll, type LogoutOptions, type LogoutAllResult } from './logout.js';
export { withSession, type WithSessionOptions } from './with-session.js';
export * from './dialer/index.js';

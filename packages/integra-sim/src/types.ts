/**
 * Public types of the simulator (types only).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimFaultKind, SimFaultOptions } from './faults.js';
import type { SimUpload } from './uploads.js';
import type { SimUser } from './users.js';

/** What a route handler receives. */
export interface SimRouteContext {
  /** Path relative to `Integra/resources/`, e.g. `'Agents/AgentCall'`. */
  route: string;
  /** The form fields of the body (a repeated field: the last value). */
  params: Record<string, string>;
  /** The user whose live key came in `Authorization: Basic`, or `undefined` (public routes). */
  user: string | undefined;
  /** The request headers. */
  headers: IncomingHttpHeaders;
}

/** A route's answer: a body (status 200, `text/plain`), or status, body and content type. */
export type SimAnswer = string | { status?: number; body: string; contentType?: string };

/** Answers one route. May be async. A thrown error becomes HTTP 500. */
export type SimRouteHandler = (context: SimRouteContext) => SimAnswer | Promise<SimAnswer>;

/** Options of an added route. */
export interface SimRouteOptions {
  /** Answer without a live key (like the login routes). @default false */
  public?: boolean;
}

/** One logged request. Secrets (`password`, `token` fields, the Authorization header) are never kept. */
export interface SimRequestRecord {
  seq: number;
  at: string;
  method: string;
  /** Path relative to `Integra/resources/` (or the raw path for other URLs). */
  route: string;
  /** Form fields; `password` and `token` replaced by `***`, values over 256 characters shortened. */
  params: Record<string, string>;
  contentType: string | undefined;
  /** An `Authorization` header was present. */
  hadAuthorization: boolean;
  /** The user of the live key that came with it, if any. */
  user: string | undefined;
  /** Status sent (0 when the connection was dropped). */
  status: number;
  /** The fault that hit this request, if any. */
  fault: SimFaultKind | undefined;
}

/** One session the simulator opened. */
export interface SimSession {
  user: string;
  /** The API key (the simulator is the server: tests may use it to prove revocation). */
  key: string;
  openedAt: string;
  /** Set when `EndSession` (or `revokeAll`) ended it. */
  endedAt: string | undefined;
}

/** Options of `startIntegraSim`. */
export interface IntegraSimOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Accepted users. @default DEFAULT_SIM_USERS */
  users?: readonly SimUser[];
  /**
   * Origins allowed to call the simulator from a browser (CORS, with preflight allowing
   * `Authorization` and `Content-Type`). @default [] (no CORS headers at all)
   */
  cors?: readonly string[];
  /**
   * How a route answers a missing or dead key: `'http-401'` = status 401, body `0`;
   * `'body-0'` = status 200, body `0` (the platform's usual failure body). @default 'http-401'
   */
  unauthorized?: 'http-401' | 'body-0';
  /** Extra routes, by path relative to `Integra/resources/`. */
  routes?: Record<string, SimRouteHandler>;
  /** Called after each request is answered, with its (secret-free) record. */
  onRequest?: (record: SimRequestRecord) => void;
  /**
   * Slows everything: every Integra request is answered this many milliseconds late (0 < n ≤
   * 2^31 − 1), before it is processed. @default no delay
   */
  slowMs?: number;
}

/** A running simulator. */
export interface IntegraSim {
  /** Base URL to give `login()`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The TCP port. */
  readonly port: number;
  /** Every request so far, oldest first. */
  readonly requests: readonly SimRequestRecord[];
  /** Every `Dialers/uploadbase` received, decoded, oldest first. */
  readonly uploads: readonly SimUpload[];
  /** Every session opened, with `endedAt` once ended. */
  readonly sessions: readonly SimSession[];
  /** True while `key` is a live key. */
  isLive(key: string): boolean;
  /** Turns a fault on; see `SimFaultKind`. Faults stack; the first matching one applies. */
  setFault(kind: SimFaultKind, options?: SimFaultOptions): void;
  /** Turns off every fault, or those set for `route`. */
  clearFaults(route?: string): void;
  /** Sends now every answer a `hold` fault is holding (a test's "the platform answers at last"). */
  releaseHeld(): void;
  /** Adds or replaces a route. */
  addRoute(route: string, handler: SimRouteHandler, options?: SimRouteOptions): void;
  /** Ends every live session (as if the platform expired them). */
  revokeAll(): void;
  /** Forgets requests and uploads (sessions and faults stay). */
  clearLog(): void;
  /** Stops listening and drops open connections (slow answers included). */
  close(): Promise<void>;
}

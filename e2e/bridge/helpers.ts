import { expect as baseExpect, type Frame, type Page } from '@playwright/test';

/**
 * `expect` with a longer wait for `expect.poll` and web-first assertions: the machine running the suite
 * may be busy (several test runners on two cores), and waiting longer changes no outcome, only how
 * long a real failure takes to show.
 */
export const expect = baseExpect.configure({ timeout: 15_000 });

/** Origin A: the agent console and the form (localhost). */
export const A = 'http://localhost:4101';
/** Origin B: the CRM page the form allows (127.0.0.1 is another host than localhost: another origin). */
export const B = 'http://127.0.0.1:4102';
/** Origin C: a site nobody allowed. */
export const C = 'http://localhost:4103';

/** The documented example disposition (reference 000_471887e930657ae1.txt), every field distinct. */
export const DOCUMENTED = {
  campaign: 'CampanaTest',
  callerid: '123456Test',
  guid: '3123-3123-3123-312-3123',
  l1: 'nivel1',
  l2: 'nivel2',
  l3: 'nivel3',
  d1: 'data1',
  d2: 'data2',
  comment: 'ComentarioTest',
  schedule: '2019-05-04 15:55:55',
};
/** DOCUMENTED in the order UC_DispositionCall takes it. */
export const DOCUMENTED_ARGS = ['CampanaTest', '123456Test', '3123-3123-3123-312-3123', 'nivel1', 'nivel2', 'nivel3', 'data1', 'data2', 'ComentarioTest', '2019-05-04 15:55:55'];

/** One platform call recorded by the fixtures. */
export interface Call {
  fn: 'UC_DispositionCall' | 'closeActiveTab' | 'crm.note';
  argc?: number;
  args?: string[];
  callbacks?: string[];
  params?: unknown;
  origin?: string;
}
/** One line of the bridge's log (BridgeLogEvent as JSON). */
export interface LogEvent {
  kind: 'message' | 'hello' | 'request' | 'legacy' | 'reply';
  origin: string;
  action?: string;
  code?: string;
  message: string;
  field?: string;
  data?: unknown;
}
export interface UcLog {
  calls: Call[];
  rejected: LogEvent[];
  accepted: LogEvent[];
  warnings: unknown[][];
  outcomes: { fn: string; args: string[] }[];
  /** Messages that reached the form's window, whoever handled them. */
  messages: number;
  /** In the order the form saw them: 'hello', 'fallback <action>' (a ucbridge request on the window), 'installed' (the bridge started). */
  timeline: string[];
  /** console.info lines of the form (the bridge names every documented-shape message it ran). */
  infos: unknown[][];
  /** The longest event-loop stall of the form since watchLag(), in ms. */
  lag?: number;
  /** Messages that reached the form from a window that is not one of its frames (a popup, the console). */
  foreign?: number;
}
/** How a client call settled (crm.js `settle`). */
export type Settled = { ok: true; value: unknown } | { ok: false; name?: string; code?: string; outcome?: 'not-done' | 'unknown'; message: string; field?: string };

/**
 * The part of `@ucbridge/iframe-client`'s HostConnection the specs call, written out here: the e2e
 * suite loads the client as the script-tag build (window.UCBridgeClient) and does not depend on the package.
 */
export interface HostConnection {
  closeTab(options?: { timeoutMs?: number }): Promise<{ confirmed: boolean; result?: unknown }>;
  dispositionCall(d: Record<string, unknown>, options?: { timeoutMs?: number }): Promise<{ confirmed: boolean; result?: unknown }>;
  call(action: string, params?: unknown, options?: { timeoutMs?: number }): Promise<{ confirmed: boolean; result?: unknown }>;
  readonly connected: Promise<{ version: number; actions: string[]; origin: string }>;
  readonly info: { version: number; actions: string[]; origin: string; platformTimeoutMs: number } | undefined;
  supports(action: string): boolean;
  destroy(): void;
}

/** The globals of the fixture pages, for the callbacks of `evaluate` (which run in those pages). */
export type ConsoleWindow = Window & { ucLog: UcLog };
export type FormWindow = Window & { ucLog: UcLog; swapCrm(): void; watchLag(): void; installBridge(): string[]; bridge: { destroy(): void; actions: string[] }; installError?: { name: string; message: string } };
export type CrmWindow = Window & {
  host: HostConnection;
  events: { type: 'connect' | 'disconnect'; code?: string; info?: unknown }[];
  settle(promise: Promise<unknown>): Promise<Settled>;
  pending?: Promise<Settled>;
};
export type HostileWindow = Window & {
  received: { origin: string; data: unknown; ports: number }[];
  replies: { replyTo?: string; ok?: boolean; error?: { code: string; field?: string }; result?: unknown; type?: string }[];
  post(data: unknown, options?: { json?: string; times?: number; to?: Window }): void;
  handshake(hello?: unknown): Promise<{ type?: string; actions?: string[]; error?: { code: string } }>;
  request(...messages: unknown[]): void;
};
export type LegacyWindow = Window & { sendDisposition(overrides?: Record<string, unknown>): void; sendCloseTab(): void };

export type FormFile = 'form.html' | 'form-api.html' | 'form-documented.html' | 'form-both.html' | 'form-both-legacy.html';

export interface ConsoleOptions {
  /** Which form page the console frames. @default 'form.html' (bridge by script tag) */
  form?: FormFile;
  /** URL of the CRM frame inside the form. @default `${B}/crm.html` */
  crm?: string;
  /** URL of a second frame beside the form, in the console. */
  sibling?: string;
  /** Where the console (and so the form) is loaded from. @default A */
  consoleOrigin?: string;
  /** Other query parameters for the form (platform, platformTimeoutMs, install, legacy, origins…). */
  [param: string]: string | undefined;
}

/** A URL with query parameters, leaving out the undefined ones. */
export function url(base: string, params: Record<string, string | number | boolean | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/** Waits until the frame named `name` exists and its page set `window.ready`. */
export async function readyFrame(page: Page, name: string): Promise<Frame> {
  await expect.poll(() => !!page.frame(name)).toBe(true);
  const frame = page.frame(name)!;
  await frame.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  return frame;
}

/** Opens the console (origin A) → form (A) → CRM frame; returns the three. */
export async function openConsole(page: Page, options: ConsoleOptions = {}): Promise<{ form: Frame; crm: Frame; sibling?: Frame }> {
  const { form = 'form.html', crm = `${B}/crm.html`, consoleOrigin = A, ...rest } = options;
  await page.goto(url(`${consoleOrigin}/console.html`, { form, crm, ...rest }));
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  const frames = { form: await readyFrame(page, 'form'), crm: await readyFrame(page, 'crm') };
  return options.sibling ? { ...frames, sibling: await readyFrame(page, 'sibling') } : frames;
}

/** The console's record of platform calls and bridge log lines. */
export function ucLog(page: Page): Promise<UcLog> {
  return page.evaluate(() => (window as unknown as ConsoleWindow).ucLog);
}

/** Platform calls so far. */
export async function calls(page: Page): Promise<Call[]> {
  return (await ucLog(page)).calls;
}

/** Refusals so far. */
export async function rejected(page: Page): Promise<LogEvent[]> {
  return (await ucLog(page)).rejected;
}

/** The CRM page's connection has completed a handshake. */
export async function connected(crm: Frame): Promise<unknown> {
  return crm.evaluate(() => (window as unknown as CrmWindow).host.connected.then((info) => JSON.parse(JSON.stringify(info)) as unknown));
}

/**
 * The upload journal: each part's outcome, recorded as it happens, so that no re-run, retry or
 * resume sends a part the platform may already hold. An entry is keyed by {@link partKey}: a
 * SHA-256 of the instance, the campaign, the part's upload name and its bytes. The same list
 * uploaded under another name (or to another campaign or instance) is another key.
 *
 * Before a body is sent its entry says `sending`; only the answer changes that. An entry left at
 * `sending` (the process was killed in flight) counts as `unknown`.
 */

import { IntegraError } from '../errors.js';

/**
 * Where a part stands:
 * - `sending`: its body was about to be sent (written first, so a crash leaves this);
 * - `accepted`: the platform answered `1`;
 * - `refused`: the platform answered, but not `1` (`0`, `ERROR`, HTTP 500…): not taken;
 * - `not-sent`: the body was not fully sent (refused connection, interrupted before the end);
 * - `unknown`: the body was sent and no answer came (timeout, dropped connection, interrupt);
 * - `skipped`: an operator chose to treat an unknown part as on the platform (`--skip-unknown`);
 * - `planned`: not a part but the upload itself (key {@link uploadKey}): `parts` lists the keys
 *   of its parts as last planned, so a re-run that splits the list differently is caught.
 */
export type PartState = 'sending' | 'accepted' | 'refused' | 'not-sent' | 'unknown' | 'skipped' | 'planned';

/** One record of the journal. */
export interface JournalEntry {
  /** {@link partKey} of the part. */
  key: string;
  state: PartState;
  /** The instance, campaign, upload name and contact count, so a person can read the journal. */
  baseUrl: string;
  campaign: string;
  filename: string;
  cant: number;
  /** When it was recorded (ISO 8601). */
  at: string;
  /** Why, for `refused`, `not-sent` and `unknown`: the error's code and message. */
  reason?: string;
  /** For `planned`: the part keys, in order. */
  parts?: string[];
}

/**
 * A journal store. `uploadBase` reads every part's entry before sending anything and records
 * each outcome as it happens; `record` must not resolve before the entry is durable (the file
 * store of `@ucbridge/integra-api/node` syncs it to disk). Implement it over any store (a
 * database row per key, localStorage) to make uploads exactly-once across processes.
 */
export interface UploadJournal {
  /** The latest entry for `key`, or `undefined`. */
  get(key: string): Promise<JournalEntry | undefined>;
  /** Stores `entry` as the latest for its key. */
  record(entry: JournalEntry): Promise<void>;
}

/** A journal in memory: exactly-once within one process (the default of `uploadBase`). */
export function createMemoryJournal(): UploadJournal {
  const entries = new Map<string, JournalEntry>();
  return {
    get: async (key) => entries.get(key),
    record: async (entry) => void entries.set(entry.key, { ...entry }),
  };
}

/** The journal `uploadBase` uses when given none: one per process (per copy of the package). */
export const processJournal: UploadJournal = createMemoryJournal();

const encoder = new TextEncoder();

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (globalThis.crypto?.subtle === undefined) {
    // browsers give Web Crypto only to secure contexts
    throw new IntegraError('INVALID_ARGUMENT', 'the upload journal needs crypto.subtle (Node ≥ 20, or a page served over https or from localhost)');
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 (hex) of a part's bytes, given as its chunks: the part's file as sent, before base64. */
export async function hashPartBytes(chunks: readonly Uint8Array[]): Promise<string> {
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return sha256Hex(all);
}

/** The journal key of an upload as a whole (its base name, campaign and instance). */
export function uploadKey(fields: { baseUrl: string; campaign: string; filename: string }): Promise<string> {
  return sha256Hex(encoder.encode(['ucbridge-upload-v1', fields.baseUrl, fields.campaign, fields.filename].join('\n')));
}

/**
 * The journal key of a part: SHA-256 (hex) of `ucbridge-part-v1`, the instance's base URL, the
 * campaign, the upload name and the SHA-256 of the bytes ({@link hashPartBytes}), one per line.
 */
export async function partKey(fields: { baseUrl: string; campaign: string; filename: string; bytesHash: string }): Promise<string> {
  const text = ['ucbridge-part-v1', fields.baseUrl, fields.campaign, fields.filename, fields.bytesHash].join('\n');
  return sha256Hex(encoder.encode(text));
}

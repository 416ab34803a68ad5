/**
 * Types of the dialer base upload (`Dialers/uploadbase`). Types only: no runtime code.
 */
import type { UploadReport } from './upload-run.js';

/** One dialer contact; the upload's campaign goes first on every line. */
export interface DialerContact {
  /** Main number: digits with an optional leading `+` (3–20 digits). */
  phone: string;
  /** `name=value` pairs for flows and forms. Names: letters, digits, `_`, `.`, `-`. */
  vars?: Record<string, string | number>;
  /** Alternative numbers, plain or typed (`M=0=098447120`: type M/W/H, retries, number). */
  altPhones?: readonly string[];
  /** 1 (highest) … 9999 (lowest); equal priorities are dialled in random order. Empty when absent. */
  priority?: number;
  /** The agent's phone (extension), for progressive dialers only. */
  agentPhone?: string;
}

/** One thing wrong with one contact (or, for the CLI, one line of a file). */
export interface ContactProblem {
  /** 0-based position of the contact in the input (data rows only; a file's header is not counted). */
  index: number;
  /** 1-based line of the file where the contact starts, when it came from a file. */
  line?: number;
  /**
   * The field at fault: `phone`, `altPhones[1]`, `vars.city`, `priority`, `agentPhone`,
   * `campaign`; for files also `row`, `header`, `encoding` (a line the file's encoding cannot
   * read truly) and `column N` (a value under a column with no name).
   */
  field: string;
  /** Why, in words for the person who must fix the file. */
  reason: string;
  /** The offending value, cut to 60 characters, when showing it helps. */
  value?: string;
}

/** One upload (`Dialers/uploadbase` call) of a prepared base: a file of at most `maxLines` lines. */
export interface DialerBasePart {
  /** The file name sent: the base name, or `name_part01`, `name_part02`, … when split. */
  readonly filename: string;
  /** Number of contacts (lines) in this part: the `cant` sent. */
  readonly cant: number;
  /** Size of the UTF-8 file in bytes (before base64). */
  readonly bytes: number;
  /** The UTF-8 file, lines joined by `\n`, in pieces (concatenate to get the file). Empty when the builder streamed its parts. */
  readonly chunks: readonly Uint8Array[];
  /** First and last file line of its contacts, when they came with line numbers (a file). */
  readonly lines?: { readonly first: number; readonly last: number };
}

/** A validated and encoded base, ready to send: what {@link DialerBaseBuilder.finish} returns. */
export interface DialerBase {
  readonly campaign: string;
  /** The base file name the parts are named after. */
  readonly filename: string;
  /** Number of valid contacts, all parts together. */
  readonly contacts: number;
  /** Number of contacts given, valid or not. */
  readonly seen: number;
  /** The uploads to make, in order. Empty when there were no valid contacts. */
  readonly parts: readonly DialerBasePart[];
  /** Problems found, at most `maxProblems` of them, in input order. Nothing may be sent unless empty. */
  readonly problems: readonly ContactProblem[];
  /** How many problems were found in all (may exceed `problems.length`). */
  readonly problemCount: number;
}

/** Progress of {@link uploadBase}, for progress bars. */
export interface UploadProgress {
  /** `prepare`: contacts are being validated and encoded; `upload`: part `part` is being sent; `done`: all accepted. */
  phase: 'prepare' | 'upload' | 'done';
  /** Contacts read so far (prepare) or in all (upload, done). */
  contacts: number;
  /** 1-based part being sent (0 while preparing). */
  part: number;
  /** Number of parts (0 while preparing). */
  parts: number;
  /** File name of the part being sent. */
  filename?: string;
}

/** What {@link uploadBase} resolves with once every part was accepted. */
export interface UploadBaseResult {
  campaign: string;
  /** Contacts of the base, all parts together. */
  contacts: number;
  /** The parts accepted (this time or, per the journal, before), in order. */
  parts: { filename: string; cant: number; bytes: number }[];
  /** Every part and where it stands (`unknown` holds only parts skipped by `onUnknown: 'skip'`). */
  report: UploadReport;
}

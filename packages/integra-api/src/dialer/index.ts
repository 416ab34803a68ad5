/**
 * Dialer base upload (`Dialers/uploadbase`): contacts → validated dialer lines → base64 upload
 * bodies, split into parts. Runs in browsers and Node: nothing reachable from here imports `node:`.
 */
export type { DialerContact, ContactProblem, DialerBase, DialerBasePart, UploadProgress, UploadBaseResult } from './types.js';
export { DialerBaseBuilder, DEFAULT_MAX_LINES, DEFAULT_MAX_PROBLEMS, partName, type DialerBaseOptions, type StreamedPart } from './builder.js';
export {
  createMemoryJournal,
  hashPartBytes,
  partKey,
  uploadKey,
  type JournalEntry,
  type PartState,
  type UploadJournal,
} from './journal.js';
export { UploadRun, describePart, type PartReport, type PlannedPart, type UnknownPolicy, type UploadReport, type UploadRunOptions } from './upload-run.js';
export { toDialerCsv, validateContacts, validateContact, validateFilename, validateCampaign, prepareDialerBase } from './validate.js';
export { uploadBase, sendDialerBase, type UploadBaseOptions, type SendOptions } from './upload.js';
export { encodeUploadBody, createUploadBodyEncoder, type BodyPart } from './upload-body.js';
export { InvalidContactsError, UploadBaseError, formatProblem } from './errors.js';
export { parseDialerLine, parseDialerFields, type ParsedDialerLine } from './parse-line.js';
export { normalizePhone } from './phone-normalize.js';
export { FORBIDDEN_RANGES, type ForbiddenRange } from './characters.js';

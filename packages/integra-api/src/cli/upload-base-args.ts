/**
 * The arguments of `ucbridge upload-base`: their citty definitions (parsing and `--help`), the
 * examples, and the checks that turn citty's loose result into {@link UploadBaseArgs}.
 */
import { basename, extname } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { DEFAULT_MAX_LINES } from '../dialer/builder.js';
import { CliError } from './cli-error.js';
import { checkMap, parseMap, shellWord, type ColumnChoices, type MapEntry } from './columns.js';
import { FORBIDDEN_CLASS, codePointName } from '../dialer/characters.js';
import type { Delimiter } from './detect.js';
import { ENCODING_OPTIONS, type EncodingOption } from './encoding.js';
import { EXIT_CODE_TEXT } from './exit-codes.js';
import { durationOption } from './duration.js';
import { checkCampaign, checkFilename } from '../dialer/rules.js';
import { isIntegraError } from '../errors.js';
import { normalizeBaseUrl } from '../url.js';
import { checkUser } from '../auth.js';
import { DEFAULT_TIMEOUT_MS } from '../session.js';

/** The environment variable holding the password. */
export const PASSWORD_ENV = 'UCONTACT_PASSWORD';

/** The journal's default place, in words (see `defaultJournalPath`). */
const JOURNAL_DEFAULT_TEXT = '$XDG_STATE_HOME/ucbridge/journal.jsonl or ~/.local/state/ucbridge/journal.jsonl';

/** The command's arguments, for citty (parsing and usage). */
export const uploadBaseArgs = {
  file: { type: 'positional', description: 'CSV export with a header row, or a file already in the dialer line format', required: true },
  url: { type: 'string', description: 'uContact instance, e.g. https://acme.ucontactcloud.com', valueHint: 'URL' },
  user: { type: 'string', description: `API user; the password comes from --password-file, ${PASSWORD_ENV} or a prompt, never from arguments`, valueHint: 'USER' },
  campaign: { type: 'string', description: "dialer campaign with its <- or ->, quoted: 'Sales<-' (dialer-line files: default from the file)", valueHint: 'NAME' },
  filename: { type: 'string', description: 'upload name: ≤ 50 of A-Z a-z 0-9 _ -, not starting with R (default: from FILE)', valueHint: 'NAME' },
  'dry-run': { type: 'boolean', description: 'check and encode everything; log in to nothing, send nothing' },
  delimiter: { type: 'string', description: 'CSV field separator: , ; or tab (default: detected from the header)', valueHint: ',|;|tab' },
  map: { type: 'string', description: 'columns for phone, altPhones (may repeat), priority, agentPhone, or vars.NAME=COLUMN to send a column as variable NAME; repeatable', valueHint: 'FIELD=COLUMN' },
  drop: { type: 'string', description: 'leave a column out (not sent); repeatable', valueHint: 'COLUMN' },
  'normalize-phones': { type: 'boolean', description: "remove spaces, dashes, dots, parentheses and Excel's ' and =\"…\" from phones before checking them" },
  dedupe: { type: 'boolean', description: 'leave out rows whose phone an earlier row has (duplicates are always reported)' },
  'max-lines': { type: 'string', description: `most contacts per upload; more go in parts NAME_part01, NAME_part02… (default ${DEFAULT_MAX_LINES})`, valueHint: 'N' },
  format: { type: 'string', description: 'file kind: auto, csv or lines (default auto: a first line campaign;phone;… means dialer lines)', valueHint: 'auto|csv|lines' },
  encoding: {
    type: 'string',
    valueHint: 'NAME',
    description: `${ENCODING_OPTIONS.join(', ')} (default auto: byte order mark, else UTF-8 if valid, else windows-1252)`,
  },
  json: { type: 'boolean', description: 'print one JSON document on stdout (result or error), no progress' },
  timeout: { type: 'string', description: 'time for each request: seconds (90), or 1500ms, 90s, 2m, or none (default 30s); on a timeout the report says whether the part was sent', valueHint: 'DURATION' },
  journal: { type: 'string', description: `file recording each part's outcome, so a re-run sends only what is missing (default ${JOURNAL_DEFAULT_TEXT})`, valueHint: 'PATH' },
  'resend-unknown': { type: 'boolean', description: 'send again the parts whose outcome is unknown (you checked: the platform does not have them)' },
  'skip-unknown': { type: 'boolean', description: 'never send the parts whose outcome is unknown (you checked: the platform has them)' },
  'password-file': { type: 'string', description: `read the password from this file's first line (for cron; keep it chmod 600) instead of ${PASSWORD_ENV} or a prompt`, valueHint: 'PATH' },
} satisfies ArgsDef;

/** Examples shown by `--help`. */
export const UPLOAD_BASE_EXAMPLES = `EXAMPLES

  # check a CRM export without sending anything
  ucbridge upload-base --campaign 'Sales<-' --dry-run leads.csv

  # upload it (asks for the password; or set ${PASSWORD_ENV})
  ucbridge upload-base --url https://acme.ucontactcloud.com --user api --campaign 'Sales<-' \\
    leads.csv

  # semicolon CSV whose phone column is "Tel" and alternatives "Otros", 20000 per part, JSON out
  ucbridge upload-base --url https://acme.ucontactcloud.com --user api --campaign 'Sales<-' \\
    --delimiter ';' --map phone=Tel,altPhones=Otros --max-lines 20000 --json leads_2026_11.csv

  # from cron: password from a file, each request at most 2 minutes, one upload name per day;
  # a re-run after a failure sends only what is missing
  ucbridge upload-base --url https://acme.ucontactcloud.com --user api \\
    --password-file ~/.ucontact-pw --campaign 'Sales<-' --timeout 2m \\
    --filename "leads_$(date +%F)" --json leads.csv

  # an Outlook export: the mobile is the phone, names become variables, the e-mail is left out
  ucbridge upload-base --campaign 'Sales<-' --dry-run --map 'phone=Mobile Phone' \\
    --map 'vars.FirstName=First Name,vars.LastName=Last Name' --drop 'E-mail Address' contacts.csv

  # phones typed by hand ("099 123-456", "(099) 123456"), each phone once
  ucbridge upload-base --campaign 'Sales<-' --dry-run --normalize-phones --dedupe leads.csv

EXIT CODES
${EXIT_CODE_TEXT}
`;

/** citty's definition of the command (used for its usage text). */
export const uploadBaseCommand = defineCommand({
  meta: { name: 'upload-base', description: 'Check a contact list and upload it to a uContact dialer (Dialers/uploadbase)' },
  args: uploadBaseArgs,
});

const DELIMITERS: Record<string, Delimiter> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', '\\t': '\t', comma: ',', semicolon: ';' };
const ENCODING_ALIASES: Record<string, EncodingOption> = { 'utf-8': 'utf8', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be', cp1252: 'windows-1252', windows1252: 'windows-1252', 'iso-8859-1': 'latin1' };

/** Parsed, checked arguments. */
export interface UploadBaseArgs {
  file: string;
  url?: string;
  user?: string;
  campaign?: string;
  filename?: string;
  dryRun: boolean;
  delimiter?: Delimiter;
  /** `--map` (all of them, in order) and `--drop` (all of them). */
  columns: ColumnChoices;
  maxLines: number;
  format?: 'csv' | 'lines';
  encoding: EncodingOption;
  normalizePhones: boolean;
  dedupe: boolean;
  json: boolean;
  /** Milliseconds per request (`Infinity`: none), from `--timeout`. @default the library's (30 s) */
  timeoutMs: number;
  /** @default defaultJournalPath() */
  journal?: string;
  onUnknown: 'stop' | 'resend' | 'skip';
  passwordFile?: string;
}

/** Every value of a repeatable string option in `argv` (`--drop A --drop=B`); citty keeps only the last. */
export function repeatedValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === `--${name}`) {
      const value = argv[i + 1];
      if (value === undefined || value === '') throw new CliError('USAGE', `--${name} needs a value`, { usage: true });
      values.push(value);
      i++;
    } else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values;
}

/**
 * Checks parsed citty args; throws a usage {@link CliError}. `argv` (the command's own
 * arguments) gives every value of the repeatable `--map` and `--drop`.
 */
export function checkArgs(raw: Record<string, unknown>, argv: readonly string[] = []): UploadBaseArgs {
  const usage = (message: string): CliError => new CliError('USAGE', message, { usage: true });
  const str = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === false) return undefined;
    if (typeof v !== 'string' || v === '') throw usage(`--${name} needs a value`);
    return v;
  };
  const dryRun = raw['dry-run'] === true || raw['dryRun'] === true;
  const args: UploadBaseArgs = {
    file: String(raw['file']),
    dryRun,
    columns: { map: [], drop: [] },
    maxLines: DEFAULT_MAX_LINES,
    encoding: 'auto',
    normalizePhones: raw['normalize-phones'] === true || raw['normalizePhones'] === true,
    dedupe: raw['dedupe'] === true,
    json: raw['json'] === true,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    onUnknown: 'stop',
  };
  for (const name of ['url', 'user', 'campaign', 'filename', 'journal'] as const) {
    const v = str(name);
    if (v !== undefined) args[name] = v;
  }
  const passwordFile = str('password-file');
  if (passwordFile !== undefined) args.passwordFile = passwordFile;
  const timeout = str('timeout');
  if (timeout !== undefined) args.timeoutMs = durationOption('timeout', timeout);
  checkNames(args);
  const resend = raw['resend-unknown'] === true || raw['resendUnknown'] === true;
  const skip = raw['skip-unknown'] === true || raw['skipUnknown'] === true;
  if (resend && skip) throw usage('choose one of --resend-unknown and --skip-unknown');
  if (resend) args.onUnknown = 'resend';
  if (skip) args.onUnknown = 'skip';
  if (!dryRun && (args.url === undefined || args.user === undefined)) throw usage('--url and --user are required (or use --dry-run)');
  const delimiter = str('delimiter');
  if (delimiter !== undefined) {
    const named = DELIMITERS[delimiter.toLowerCase()];
    if (named === undefined) throw usage(`--delimiter must be , ; or tab (got ${JSON.stringify(delimiter)}; quote ';' in the shell: --delimiter ';')`);
    args.delimiter = named;
  }
  const maps = argv.length > 0 ? repeatedValues(argv, 'map') : [str('map')].filter((m) => m !== undefined);
  const drops = argv.length > 0 ? repeatedValues(argv, 'drop') : [str('drop')].filter((d) => d !== undefined);
  try {
    const map: MapEntry[] = maps.flatMap(parseMap);
    checkMap(map);
    args.columns = { map, drop: drops.map((d) => d.trim()) };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw usage((error as Error).message);
  }
  const maxLines = str('max-lines');
  if (maxLines !== undefined) {
    if (!/^[0-9]{1,9}$/.test(maxLines) || Number(maxLines) < 1) throw usage(`--max-lines ${JSON.stringify(maxLines)} is not a whole number from 1 to 999999999 (e.g. --max-lines 20000)`);
    args.maxLines = Number(maxLines);
  }
  const format = str('format');
  if (format !== undefined && format !== 'auto' && format !== 'csv' && format !== 'lines') throw usage(`--format must be auto, csv or lines (got ${JSON.stringify(format)})`);
  if (format === 'csv' || format === 'lines') args.format = format;
  const encoding = str('encoding');
  if (encoding !== undefined) {
    const option = ENCODING_ALIASES[encoding.toLowerCase()] ?? (ENCODING_OPTIONS as readonly string[]).find((o) => o === encoding.toLowerCase());
    if (option === undefined) throw usage(`--encoding must be one of ${ENCODING_OPTIONS.join(', ')} (got ${JSON.stringify(encoding)})`);
    args.encoding = option as EncodingOption;
  }
  return args;
}

/**
 * `--url`, `--user`, `--campaign` and `--filename` checked by the library's own rules before the
 * file is read, each refusal said of the option and its value (the library says `baseUrl`, `campaign`).
 */
function checkNames(args: UploadBaseArgs): void {
  // the value is shown (invisible characters as <U+2028>), except a URL's: a mistyped one may hold a pasted secret
  const refuse = (option: string, value: string | undefined, reason: string, fix: string): CliError =>
    new CliError('USAGE', `--${option}${value === undefined ? '' : ` ${JSON.stringify(visible(value))}`}: ${reason.replace(/^(?:baseUrl|campaign|filename) /, '')}; ${fix}`, { usage: true });
  if (args.url !== undefined) {
    try {
      normalizeBaseUrl(args.url);
    } catch (error) {
      // INSECURE_URL keeps its own code and advice (use https://)
      if (!isIntegraError(error) || error.code !== 'INVALID_ARGUMENT') throw error;
      const reason = error.message.replace(/^ucbridge [A-Z_]+: /, '').replace(/; pass user and password to login\(\)$/, '');
      throw refuse('url', undefined, reason, 'give the instance\'s address alone, e.g. --url https://acme.ucontactcloud.com (the user goes in --user, the password in --password-file or UCONTACT_PASSWORD)');
    }
  }
  const userReason = args.user === undefined ? undefined : checkUser(args.user);
  if (userReason !== undefined) throw refuse('user', args.user!, userReason, `give the API user's name alone, e.g. --user ${shellWord(args.user!.replace(/[\u0000-\u001f]/g, '').trim() || 'api')}`);
  const campaignReason = args.campaign === undefined ? undefined : checkCampaign(args.campaign);
  if (campaignReason !== undefined) {
    // the campaign without what made it fail, when that is a campaign name; else the form of one
    const cleaned = args.campaign!.replace(FORBIDDEN_GLOBAL, '').replaceAll(';', '').trim();
    const example = checkCampaign(cleaned) === undefined ? shellWord(cleaned) : "'Sales<-'";
    throw refuse('campaign', args.campaign!, campaignReason, `give the dialer campaign's name exactly, quoted, e.g. --campaign ${example}`);
  }
  const filenameReason = args.filename === undefined ? undefined : checkFilename(args.filename);
  if (filenameReason !== undefined) throw refuse('filename', args.filename!, filenameReason, `give ≤ 50 of A-Z a-z 0-9 _ - not starting with R, e.g. --filename ${suggestedFilename(args.filename!)}`);
}

const FORBIDDEN_GLOBAL = new RegExp(`[${FORBIDDEN_CLASS}]`, 'g');

/** `text` with each forbidden (invisible, control) character written as `<U+2028>`. */
function visible(text: string): string {
  return text.replace(FORBIDDEN_GLOBAL, (c) => `<${codePointName(c.codePointAt(0)!)}>`);
}

/** `text` as upload-name characters: `leads 2026-11` → `leads_2026-11`, cut to 43 (room for `_part01`). */
function nameCharacters(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 43);
}

/** A valid upload name close to `text`, for advice: `Report 2026` → `base_Report_2026`. */
export function suggestedFilename(text: string): string {
  const name = nameCharacters(text);
  if (name === '') return `base_${new Date().toISOString().slice(0, 10)}`;
  return /^[Rr]/.test(name) ? `base_${name}`.slice(0, 43) : name;
}

/** The upload name derived from the file's name: `leads 2026-11.csv` → `leads_2026-11`. */
export function filenameFromPath(path: string): string {
  const stem = basename(path, extname(path));
  const name = nameCharacters(stem);
  if (name !== '' && !/^[Rr]/.test(name)) return name;
  throw new CliError('USAGE', `cannot make an upload name from ${JSON.stringify(basename(path))} (names hold A-Z a-z 0-9 _ - and may not start with R): give one, e.g. --filename ${suggestedFilename(stem)}`, { usage: true });
}

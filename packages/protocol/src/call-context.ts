/**
 * The call the form is on, as the form hands it to the CRM page: in `WELCOME` (to the origins whose
 * scope includes it) and in a `CALL_CONTEXT` message on the port whenever it changes. On the form it
 * comes from the platform's `CTI` global (a JSON string: `Guid`, `Campaign`, `Callerid`, `ParAndValues`
 * — see reference/ucontact-facts.md, "Form side") and `Agent.accountcode`.
 */
import { invalid, isPlainObject, type Checked } from './checked.js';
import { CONTROL } from './disposition.js';
import { checkFields, type FieldRule } from './fields.js';
import type { DispositionInput } from './types.js';

/** The current call. */
export interface CallContext {
  /** The call's id (`CTI.Guid`): what `UC_DispositionCall` and `UC_TagRecord` take as `guid`. */
  guid: string;
  /** The campaign the call belongs to (`CTI.Campaign`, e.g. `SalienteTest->`), `''` when the CTI has none. */
  campaign: string;
  /** The caller's number (`CTI.Callerid`), `''` when the CTI has none. */
  callerid: string;
  /** The dialer line's variables (`CTI.ParAndValues`, `k=v:k2=v2`), name → value; `{}` when none. */
  vars: Record<string, string>;
  /** The agent on the call (`Agent.accountcode`), when the form has one. */
  agent?: string | undefined;
}

/** A disposition as the CRM may pass it when the form shares its call: the call's three fields may be left out. */
export type CallDispositionInput = Omit<DispositionInput, 'campaign' | 'callerid' | 'guid'> & Partial<Pick<DispositionInput, 'campaign' | 'callerid' | 'guid'>>;

/** Host → client on the port: the form's call changed (`bridge.setCallContext`); `undefined`: no call any more. */
export interface CallContextMessage {
  ucbridge: 1;
  type: 'CALL_CONTEXT';
  callContext: CallContext | undefined;
}

/** The fields the CRM may leave out of a disposition when the form shares its call, in the platform's order. */
export const CALL_FIELDS = ['campaign', 'callerid', 'guid'] as const;

// the same limits as the disposition fields the context fills
const RULES: FieldRule[] = [
  ['guid', 128, true],
  ['campaign', 128],
  ['callerid', 64],
  ['agent', 128],
];
/** At most this many variables, names up to 128 and values up to 1024 characters (a dialer line is small). */
const MAX_VARS = 200;

/**
 * Checks a call context (what a form's `callContext` function returns, or `setCallContext` gets) and
 * returns a fresh copy: `guid` a non-blank string, `campaign`, `callerid` and `agent` strings (`agent`
 * may be left out), `vars` a plain object of at most 200 strings (names 1–128, values up to 1024
 * characters); no other key, no control characters. `path` prefixes the field named in a failure.
 */
export function checkCallContext(input: unknown, path = 'callContext'): Checked<CallContext> {
  if (!isPlainObject(input)) return invalid(path, 'must be an object');
  const { vars = {}, ...rest } = input;
  const fields = checkFields(rest, path, RULES);
  if (!fields.ok) return fields;
  if (!isPlainObject(vars)) return invalid(path + '.vars', 'must be an object');
  const entries = Object.entries(vars);
  if (entries.length > MAX_VARS) return invalid(path + '.vars', `has more than ${MAX_VARS} variables`);
  for (const [name, value] of entries) {
    const at = `${path}.vars.${name.slice(0, 40)}`;
    if (!name || name.length > 128 || CONTROL.test(name)) return invalid(at, 'is not a variable name (1-128 characters, no control characters)');
    if (typeof value !== 'string' || value.length > 1024 || CONTROL.test(value)) return invalid(at, 'must be a string of up to 1024 characters, no control characters');
  }
  const { guid, campaign, callerid, agent } = fields.value;
  // Object.fromEntries defines own keys: a variable named __proto__ stays a variable
  const context: CallContext = { guid: guid!, campaign: campaign!, callerid: callerid!, vars: Object.fromEntries(entries) as Record<string, string> };
  if (agent) context.agent = agent;
  return { ok: true, value: context };
}

import { checkCallContext, isPlainObject, type CallContext } from '@ucbridge/protocol';

/** The platform globals a form reads its call from (reference/ucontact-facts.md, "Form side"). */
export interface CtiWindow {
  /** A JSON string: `{"Guid":…,"Campaign":"SalienteTest->","Callerid":…,"ParAndValues":"k=v:k2=v2",…}`; absent with no call. */
  CTI?: unknown;
  /** The agent: `Agent.accountcode`. */
  Agent?: { accountcode?: unknown } | null;
}

/** What reading the form's call gave: the context, or `undefined` and why there is no call. */
export type CtiReading = { context: CallContext; problem?: undefined } | { context: undefined; problem: string };

/**
 * `ParAndValues` (`k=v:k2=v2`, the dialer line's variables) as name → value. A value may hold `=`
 * (only the first one splits); empty pairs (`a=1::b=2`, a trailing `:`) and pairs without a name
 * (`=x`) are skipped; a name without `=` gets `''`; a later pair with the same name wins.
 */
export function parseParAndValues(text: string): Record<string, string> {
  const entries: [string, string][] = [];
  for (const pair of text.split(':')) {
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    if (name) entries.push([name, at < 0 ? '' : pair.slice(at + 1)]);
  }
  // Object.fromEntries defines own keys: a variable named __proto__ stays a variable
  return Object.fromEntries(entries);
}

// a CTI value that should be text: a string as is, a number (some consoles send the caller id as one) as text
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' && isFinite(value) ? String(value) : '');

/**
 * Reads the form's call from the platform's `CTI` global (a JSON string; an object is taken as is) and
 * `Agent.accountcode` into `{ guid, campaign, callerid, vars, agent? }`. Never throws: a `CTI` that is
 * missing, not JSON, not an object or without a `Guid` gives no context and the reason; so does one
 * whose values break the context's limits (`checkCallContext`). A global that throws on access counts
 * as missing.
 */
export function readCti(win: CtiWindow): CtiReading {
  let raw: unknown;
  let agent: unknown;
  try {
    raw = win.CTI;
    agent = win.Agent?.accountcode;
  } catch {
    // a getter that throws: no call
  }
  if (raw === undefined || raw === null || raw === '') return { context: undefined, problem: 'no CTI (the form is on no call)' };
  let cti: unknown = raw;
  if (typeof raw === 'string') {
    try {
      cti = JSON.parse(raw);
    } catch {
      return { context: undefined, problem: 'CTI is not JSON' };
    }
  }
  if (!isPlainObject(cti)) return { context: undefined, problem: 'CTI is not a JSON object' };
  // the Guid as the platform wrote it: it is what UC_DispositionCall will be given back
  const guid = text(cti.Guid);
  if (!guid.trim()) return { context: undefined, problem: 'CTI has no Guid' };
  const checked = checkCallContext({
    guid,
    campaign: text(cti.Campaign),
    callerid: text(cti.Callerid),
    vars: parseParAndValues(text(cti.ParAndValues)),
    agent: text(agent) || undefined,
  }, 'CTI');
  return checked.ok ? { context: checked.value } : { context: undefined, problem: checked.message };
}

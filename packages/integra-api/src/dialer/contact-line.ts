/**
 * One contact → one line of the dialer file, checked field by field on the way:
 * `campaign;phone;k=v:k=v;alt:alt;priority;agentphone` (seed 002). One pass does both, so a
 * million contacts are walked once.
 */
import { checkAgentPhone, checkPhone, checkPriority, checkVarName, checkVarValue, shown } from './rules.js';
import type { ContactProblem, DialerContact } from './types.js';

/** Variable names already found valid: lists repeat the same few names on every contact. */
const knownNames = new Set<string>();

function report(problems: ContactProblem[], index: number, line: number | undefined, field: string, reason: string, value?: unknown): void {
  const p: ContactProblem = { index, field, reason };
  if (line !== undefined) p.line = line;
  if (value !== undefined && value !== '') p.value = shown(value);
  problems.push(p);
}

/**
 * The line for `contact` after `prefix` (the campaign and its `;`), or `undefined` after
 * pushing every problem found to `problems` (with `index`, the 0-based input position, and
 * `line`, the 1-based file line when known). The line has no line break.
 */
export function contactLine(
  prefix: string,
  contact: DialerContact,
  index: number,
  line: number | undefined,
  problems: ContactProblem[],
): string | undefined {
  if (typeof contact !== 'object' || contact === null) {
    report(problems, index, line, 'contact', 'must be an object with at least a phone');
    return undefined;
  }
  const before = problems.length;
  const { phone, vars, altPhones, priority, agentPhone } = contact;

  const phoneReason = checkPhone(phone, false);
  if (phoneReason !== undefined) report(problems, index, line, 'phone', phoneReason, phone);

  let varsText = '';
  if (vars !== undefined && vars !== null) {
    if (typeof vars !== 'object' || Array.isArray(vars)) {
      report(problems, index, line, 'vars', 'must be an object of name: value');
    } else {
      const names = Object.keys(vars);
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        const value = vars[name];
        const nameReason = knownNames.has(name) ? undefined : checkVarName(name);
        if (nameReason === undefined && knownNames.size < 10_000) knownNames.add(name);
        if (nameReason !== undefined) report(problems, index, line, `vars.${name}`, nameReason);
        const valueReason = checkVarValue(value);
        if (valueReason !== undefined) report(problems, index, line, `vars.${name}`, valueReason, value);
        varsText = i === 0 ? `${name}=${value}` : `${varsText}:${name}=${value}`;
      }
    }
  }

  let altText = '';
  if (altPhones !== undefined && altPhones !== null) {
    if (!Array.isArray(altPhones)) {
      report(problems, index, line, 'altPhones', 'must be an array of phones');
    } else {
      for (let i = 0; i < altPhones.length; i++) {
        const alt: unknown = altPhones[i];
        const reason = checkPhone(alt, true);
        if (reason !== undefined) report(problems, index, line, `altPhones[${i}]`, reason, alt);
        altText = i === 0 ? String(alt) : `${altText}:${String(alt)}`;
      }
    }
  }

  if (priority !== undefined && priority !== null) {
    const reason = checkPriority(priority);
    if (reason !== undefined) report(problems, index, line, 'priority', reason, priority);
  }
  if (agentPhone !== undefined && agentPhone !== null) {
    const reason = checkAgentPhone(agentPhone);
    if (reason !== undefined) report(problems, index, line, 'agentPhone', reason, agentPhone);
  }

  if (problems.length !== before) return undefined;
  return `${prefix}${phone};${varsText};${altText};${priority ?? ''};${agentPhone ?? ''}`;
}

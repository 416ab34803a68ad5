/**
 * The header row of a CSV export → which column feeds which contact field. `phone`,
 * `altPhones`, `priority` and `agentPhone` are matched by name (any case) or remapped with
 * `--map phone=Tel,altPhones=Otros`; every other column becomes a variable named after it.
 */
import { checkVarName } from '../dialer/rules.js';

/** The contact fields a column can feed (besides variables). */
export const FIELDS = ['phone', 'altPhones', 'priority', 'agentPhone'] as const;
/** One of {@link FIELDS}. */
export type MappedField = (typeof FIELDS)[number];

/** Column indexes of the fields (-1: absent) and of the variables. */
export interface ColumnPlan {
  phone: number;
  altPhones: number;
  priority: number;
  agentPhone: number;
  vars: { index: number; name: string }[];
  width: number;
}

/** A problem with the header, for line 1. */
export interface HeaderProblem {
  field: string;
  reason: string;
}

/** Parses `phone=Tel,altPhones=Otros` into a field → column-name map; throws a message on errors. */
export function parseMap(text: string): Partial<Record<MappedField, string>> {
  const map: Partial<Record<MappedField, string>> = {};
  for (const item of text.split(',')) {
    const eq = item.indexOf('=');
    const field = FIELDS.find((f) => f.toLowerCase() === item.slice(0, eq).trim().toLowerCase());
    const column = item.slice(eq + 1).trim();
    if (eq < 0 || field === undefined || column === '') {
      throw new Error(`--map takes FIELD=COLUMN pairs separated by commas, FIELD one of ${FIELDS.join(', ')} (got "${item}")`);
    }
    map[field] = column;
  }
  return map;
}

/** Plans the columns of `header`; problems make the whole file unusable. */
export function planColumns(header: readonly string[], map: Partial<Record<MappedField, string>>): { plan: ColumnPlan; problems: HeaderProblem[] } {
  const names = header.map((h) => h.trim());
  const problems: HeaderProblem[] = [];
  const find = (field: MappedField): number => {
    const wanted = map[field];
    if (wanted !== undefined) {
      const i = names.indexOf(wanted);
      if (i < 0) problems.push({ field: 'header', reason: `--map ${field}=${wanted}: no column named "${wanted}" (columns: ${names.join(', ')})` });
      return i;
    }
    return names.findIndex((n) => n.toLowerCase() === field.toLowerCase());
  };
  const plan: ColumnPlan = { phone: find('phone'), altPhones: find('altPhones'), priority: find('priority'), agentPhone: find('agentPhone'), vars: [], width: names.length };
  if (plan.phone < 0 && map.phone === undefined) {
    problems.push({ field: 'header', reason: `no "phone" column (columns: ${names.join(', ')}); name one phone or pass --map phone=COLUMN` });
  }
  const used = new Set([plan.phone, plan.altPhones, plan.priority, plan.agentPhone]);
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (used.has(index)) return;
    const reason = checkVarName(name);
    if (reason !== undefined) problems.push({ field: 'header', reason: `column ${index + 1} ("${name}") cannot be a variable: ${reason}` });
    else if (seen.has(name)) problems.push({ field: 'header', reason: `column "${name}" appears twice` });
    seen.add(name);
    plan.vars.push({ index, name });
  });
  return { plan, problems };
}

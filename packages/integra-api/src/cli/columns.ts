/**
 * The header row of a CSV export → which column feeds which contact field. `phone`,
 * `altPhones`, `priority` and `agentPhone` are found by their names in English or Spanish
 * (`telefono`, `Teléfono`, `celular`, `movil`, `prioridad`…: case, accents, spaces, `_`, `-`
 * and `.` do not count), or chosen with `--map phone=Tel` (column names may hold spaces);
 * `--map vars.NAME=COLUMN` sends a column as the variable NAME (a column whose own name cannot
 * be a variable, such as Outlook's `First Name`); `--drop COLUMN` leaves a column
 * out; every other column becomes a variable named after it. Every choice is listed in
 * {@link ColumnUse}s for the report.
 */
import { checkVarName } from '../dialer/rules.js';

/** The contact fields a column can feed (besides variables). */
export const FIELDS = ['phone', 'altPhones', 'priority', 'agentPhone'] as const;
/** One of {@link FIELDS}. */
export type MappedField = (typeof FIELDS)[number];

/**
 * Names recognised for each field, compared after {@link nameKey} (lower case, no accents, no
 * spaces, `_`, `-` or `.`). Only names that cannot mean something else: not `numero` (a house
 * number), not `extension` or `agente` (an agent's name).
 */
const KNOWN_NAMES: Record<MappedField, readonly string[]> = {
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'telefono', 'numerodetelefono', 'numerotelefono', 'celular', 'cel', 'movil', 'mobile', 'mobilephone', 'cellphone', 'cell'],
  altPhones: ['altphones', 'altphone', 'alternatephones', 'alternativephones', 'otherphones', 'telefonosalternativos', 'telefonoalternativo', 'otrostelefonos'],
  priority: ['priority', 'prioridad', 'prio'],
  agentPhone: ['agentphone', 'agentextension', 'telefonoagente', 'telefonodelagente', 'internoagente', 'extensionagente'],
};

/** A column name for comparing: lower case, accents removed, no spaces, `_`, `-`, `.`. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s_.-]+/g, '');
}

/** `--map TARGET=COLUMN`: TARGET is a field of {@link FIELDS} or `vars.NAME`. */
export interface MapEntry {
  target: string;
  column: string;
}

/** What the user chose about columns: `--map` pairs in order, and `--drop` names. */
export interface ColumnChoices {
  map: readonly MapEntry[];
  drop: readonly string[];
}

/** Column indexes of the fields (-1: absent) and of the variables. */
export interface ColumnPlan {
  phone: number;
  /** Columns of alternative phones, in order (`--map` may name several). */
  altPhones: number[];
  priority: number;
  agentPhone: number;
  vars: { index: number; name: string }[];
  /** Columns without a name in the header: left out, and a value in one is a problem. */
  unnamed: number[];
  width: number;
}

/** What became of one column, for the report. */
export interface ColumnUse {
  /** 1-based column number. */
  column: number;
  name: string;
  /** `phone`, `altPhones`, `priority`, `agentPhone`, `vars.NAME`, or `null` when left out. */
  field: string | null;
  /** `name`: the field's own name; `recognised`: a known name; `map`/`drop`: the option; `variable`; `unnamed`: no name, left out. */
  how: 'name' | 'recognised' | 'map' | 'drop' | 'variable' | 'unnamed';
}

/** A problem with the header, for line 1. */
export interface HeaderProblem {
  field: string;
  reason: string;
}

const isField = (target: string): MappedField | undefined => FIELDS.find((f) => f.toLowerCase() === target.toLowerCase());
const VARS = 'vars.';

/**
 * Parses one `--map` value, `phone=Tel,altPhones=Otros` (a column name may hold spaces, and
 * commas too when no `NAME=` follows them); throws a message on errors.
 */
export function parseMap(text: string): MapEntry[] {
  const entries: MapEntry[] = [];
  for (const item of text.split(/,(?=\s*[\p{L}_][\p{L}\p{N}_.-]*\s*=)/u)) {
    const eq = item.indexOf('=');
    const key = eq < 0 ? '' : item.slice(0, eq).trim();
    const column = item.slice(eq + 1).trim();
    const target = isField(key) ?? key;
    const variable = key.startsWith(VARS) && checkVarName(key.slice(VARS.length)) === undefined;
    if (eq < 0 || column === '' || (isField(key) === undefined && !variable)) {
      throw new Error(`--map takes FIELD=COLUMN pairs separated by commas, FIELD one of ${FIELDS.join(', ')} or vars.NAME for a variable (got "${item}")`);
    }
    entries.push({ target, column });
  }
  return entries;
}

/**
 * Checks the `--map` pairs of all `--map` options together: a name given twice is refused
 * (only `altPhones` may name several columns: each adds its phones, in order), and so is a
 * column given twice. Throws a message.
 */
export function checkMap(entries: readonly MapEntry[]): void {
  const byTarget = new Map<string, string>();
  const byColumn = new Map<string, string>();
  for (const { target, column } of entries) {
    const earlier = byTarget.get(target);
    if (earlier !== undefined && target !== 'altPhones') {
      const why = target === 'phone' ? ' (a contact has one main phone; put the others in altPhones, e.g. --map altPhones=COLUMN)' : '';
      throw new Error(`--map gives ${target} twice ("${earlier}" and "${column}")${why}`);
    }
    const other = byColumn.get(column);
    if (other !== undefined) throw new Error(`--map gives column "${column}" twice (to ${other} and to ${target})`);
    byTarget.set(target, column);
    byColumn.set(column, target);
  }
}

/** A shell word: the text in single quotes when it needs them. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_.,=+:@%/-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Plans the columns of `header`; problems make the whole file unusable. */
export function planColumns(header: readonly string[], choices: ColumnChoices = { map: [], drop: [] }): { plan: ColumnPlan; problems: HeaderProblem[]; uses: ColumnUse[] } {
  const names = header.map((h) => h.trim());
  const keys = names.map(nameKey);
  const problems: HeaderProblem[] = [];
  const problem = (reason: string): void => void problems.push({ field: 'header', reason });
  const listed = `columns: ${names.map((n) => JSON.stringify(n)).join(', ')}`;
  const uses: (ColumnUse | undefined)[] = names.map(() => undefined);
  const use = (index: number, field: string | null, how: ColumnUse['how']): void => void (uses[index] = { column: index + 1, name: names[index]!, field, how });
  /** Columns named `name`: exactly, else by key. */
  const columnsNamed = (name: string): number[] => {
    const exact = names.flatMap((n, i) => (n === name.trim() ? [i] : []));
    return exact.length > 0 ? exact : keys.flatMap((k, i) => (k === nameKey(name) && k !== '' ? [i] : []));
  };

  for (const name of choices.drop) {
    const found = columnsNamed(name);
    if (found.length === 0) problem(`--drop ${shellWord(name)}: no column has that name (${listed})`);
    for (const i of found) use(i, null, 'drop');
  }
  const plan: ColumnPlan = { phone: -1, altPhones: [], priority: -1, agentPhone: -1, vars: [], unnamed: [], width: names.length };
  for (const { target, column } of choices.map) {
    const found = columnsNamed(column);
    if (found.length !== 1) {
      problem(found.length === 0 ? `--map ${target}=${shellWord(column)}: no column has that name (${listed})` : `--map ${target}=${shellWord(column)}: ${found.length} columns have that name`);
      continue;
    }
    const i = found[0]!;
    if (uses[i]?.how === 'drop') {
      problem(`column "${names[i]}" is given to both --drop and --map ${target}`);
      continue;
    }
    const field = isField(target);
    if (field === 'altPhones') plan.altPhones.push(i);
    else if (field !== undefined) plan[field] = i;
    else plan.vars.push({ index: i, name: target.slice(VARS.length) });
    use(i, field ?? target, 'map');
  }
  let ambiguousPhone = false;
  for (const field of FIELDS) {
    if (choices.map.some((m) => m.target === field)) continue;
    const free = (i: number): boolean => uses[i] === undefined;
    const own = keys.flatMap((k, i) => (k === field.toLowerCase() && free(i) ? [i] : []));
    const known = own.length > 0 ? own : keys.flatMap((k, i) => (KNOWN_NAMES[field].includes(k) && free(i) ? [i] : []));
    if (known.length > 1) {
      const which = known.map((i) => JSON.stringify(names[i])).join(' and ');
      problem(`columns ${which} could each be the ${field} column: choose one with --map ${field}=${shellWord(names[known[0]!]!)} (the others become variables, or leave them out with --drop)`);
      ambiguousPhone ||= field === 'phone';
      continue;
    }
    if (known.length === 0) continue;
    const i = known[0]!;
    if (field === 'altPhones') plan.altPhones.push(i);
    else plan[field] = i;
    use(i, field, own.length > 0 ? 'name' : 'recognised');
  }
  if (plan.phone < 0 && !choices.map.some((m) => m.target === 'phone') && !ambiguousPhone) {
    problem(`no phone column (${listed}): name a column phone (or telefono, celular, movil, mobile…) or pass --map phone=COLUMN`);
  }
  planVariables(names, uses, plan, problem);
  return { plan, problems, uses: uses.map((u, i) => u ?? { column: i + 1, name: names[i]!, field: null, how: 'unnamed' }) };
}

/** Every column not used yet becomes a variable named after it, when its name can be one. */
function planVariables(names: readonly string[], uses: (ColumnUse | undefined)[], plan: ColumnPlan, problem: (reason: string) => void): void {
  const taken = new Set(plan.vars.map((v) => v.name));
  names.forEach((name, index) => {
    if (uses[index] !== undefined) return;
    if (name === '') {
      plan.unnamed.push(index);
      uses[index] = { column: index + 1, name, field: null, how: 'unnamed' };
      return;
    }
    const reason = checkVarName(name);
    if (reason !== undefined) {
      problem(`column ${index + 1} ("${name}") cannot be a variable (${reason}): leave it out with --drop ${shellWord(name)}, or send it as a variable with --map ${shellWord(`${VARS}${variableName(name, taken)}=${name}`)}`);
    } else if (taken.has(name)) {
      problem(`column "${name}" appears twice: rename one in the header, or leave both out with --drop ${shellWord(name)}`);
    }
    taken.add(name);
    plan.vars.push({ index, name });
    uses[index] = { column: index + 1, name, field: `vars.${name}`, how: 'variable' };
  });
  plan.vars.sort((a, b) => a.index - b.index);
}

/** A variable name for a column name that cannot be one: `First Name` → `First_Name`. */
function variableName(name: string, taken: ReadonlySet<string>): string {
  let base = name.replace(/[^\p{L}\p{N}_.-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  if (!/^[\p{L}_]/u.test(base)) base = `_${base}`;
  let candidate = base;
  for (let n = 2; taken.has(candidate) || checkVarName(candidate) !== undefined; n++) candidate = `${base.slice(0, 58)}_${n}`;
  return candidate;
}

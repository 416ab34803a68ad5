import type { DialerContact } from '@ucbridge/integra-api';

/** One data row of a CSV file, with the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A row that could not become a contact, with the line to show. */
export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

/**
 * Reads an ordinary CSV: optional BOM, comma or semicolon (whichever the header line has more of
 * outside quotes), double quotes with `""` inside, CRLF or LF, blank lines skipped. Every row
 * keeps the line it starts on, so a report can point at the file.
 */
export function parseCsv(text: string): { header: string[]; rows: CsvRow[] } {
  text = text.replace(/^\uFEFF/, '');
  const delimiter = countOutsideQuotes(text.split(/\r?\n/, 1)[0] ?? '', ';') > countOutsideQuotes(text.split(/\r?\n/, 1)[0] ?? '', ',') ? ';' : ',';
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) cells.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      start = ++line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) endRow();
  const [head, ...data] = rows;
  return { header: head ? head.cells.map((h) => h.trim()) : [], rows: data };
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * Maps rows to dialer contacts as the CLI does: `phone` is the main number; `altPhones` (split on
 * `:` or spaces), `priority` and `agentPhone` map to their fields; every other column is a variable.
 * A missing `phone` column or a row with a different number of cells is a problem of its line.
 */
export function toContacts(header: string[], rows: CsvRow[]): { contacts: { line: number; contact: DialerContact }[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const contacts: { line: number; contact: DialerContact }[] = [];
  if (!header.includes('phone')) return { contacts, problems: [{ line: 1, field: 'header', reason: `no "phone" column (columns: ${header.join(', ') || 'none'})` }] };
  for (const { line, cells } of rows) {
    if (cells.length !== header.length) {
      problems.push({ line, field: 'row', reason: `has ${cells.length} cells, the header has ${header.length}` });
      continue;
    }
    const contact: DialerContact = { phone: '' };
    const vars: Record<string, string> = {};
    let bad = false;
    header.forEach((name, i) => {
      const value = cells[i]!.trim();
      if (name === 'phone') contact.phone = value;
      else if (name === 'altPhones') contact.altPhones = value ? value.split(/[:\s]+/) : [];
      else if (name === 'priority') {
        // the cell's own text in the report, not what Number() makes of it (NaN for "high")
        if (value && !/^\d+$/.test(value)) {
          problems.push({ line, field: 'priority', reason: `"${value}" is not a whole number from 1 (highest) to 9999 (lowest)` });
          bad = true;
        } else if (value) contact.priority = Number(value);
      } else if (name === 'agentPhone') {
        if (value) contact.agentPhone = value;
      } else if (value !== '') vars[name] = value;
    });
    if (Object.keys(vars).length) contact.vars = vars;
    if (!bad) contacts.push({ line, contact });
  }
  return { contacts, problems };
}

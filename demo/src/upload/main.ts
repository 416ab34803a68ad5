import { DialerBaseBuilder, isIntegraError, sendDialerBase, withSession, type DialerBase } from '@ucbridge/integra-api';
import { SIM } from '../shared/origins.js';
import { parseCsv, toContacts } from './csv.js';

// The dialer flow as an integrator sees it: pick a CSV, read the validation report (every problem
// with its line), upload only a clean base, then see what the (simulated) platform received.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);
input('base-url').value = SIM;
$('sim-url').textContent = SIM;

let base: DialerBase | undefined;

const SAMPLES = {
  good: 'phone,altPhones,priority,name,city\n099123456,M=0=098447120,1,Ana Pérez,Montevideo\n+59829001234,,5,"Gómez, Luis",Salto\n098765432,W=1=024001122:H=0=026003344,9999,Eva,Paysandú\n',
  bad: 'phone;priority;name\n099123456;1;Ana\n09912345A;2;Luis\n098765432;10000;Eva\n;3;Nobody\n"097000111";1;"Semi;colon"\n',
};

function validate(text: string): void {
  base = undefined;
  const { header, rows } = parseCsv(text);
  const { contacts, problems } = toContacts(header, rows);
  let builder: DialerBaseBuilder;
  try {
    builder = new DialerBaseBuilder({ campaign: input('campaign').value, filename: input('filename').value });
  } catch (error) {
    return report(`Cannot prepare the base: ${isIntegraError(error) ? `${error.code}: ${error.message}` : String(error)}`, 'bad');
  }
  // feed rows and row problems in file order, so the report lists them line by line
  const items = [...contacts.map((c) => ({ line: c.line, contact: c.contact })), ...problems.map((p) => ({ line: p.line, problem: p }))].sort((a, b) => a.line - b.line);
  for (const item of items) {
    if ('contact' in item) builder.add(item.contact, item.line);
    else builder.addProblem({ line: item.problem.line, field: item.problem.field, reason: item.problem.reason }, true);
  }
  const result = builder.finish();
  const body = $('problems').querySelector('tbody')!;
  body.replaceChildren(
    ...result.problems.map((p) => {
      const tr = document.createElement('tr');
      tr.dataset.line = String(p.line ?? '');
      for (const text of [String(p.line ?? `#${p.index + 1}`), p.field, p.reason, p.value ?? '']) tr.insertCell().textContent = text;
      return tr;
    }),
  );
  $('problems').hidden = result.problems.length === 0;
  const preview = $('preview');
  if (result.problemCount > 0) {
    preview.hidden = true;
    report(`${result.seen} contacts read, ${result.problemCount} problem${result.problemCount === 1 ? '' : 's'}: nothing can be sent until the file is fixed.`, 'bad');
  } else if (result.contacts === 0) {
    preview.hidden = true;
    report('The file has no contacts.', 'bad');
  } else {
    base = result;
    const first = result.parts[0]!;
    preview.textContent = new TextDecoder().decode(concat(first.chunks)).split('\n').slice(0, 8).join('\n');
    preview.hidden = false;
    report(`${result.contacts} contacts valid: ${result.parts.length} file${result.parts.length === 1 ? '' : 's'} ready (${result.parts.map((p) => `${p.filename}, ${p.cant} lines`).join('; ')}).`, 'ok');
  }
  $<HTMLButtonElement>('upload').disabled = !base;
  $('upload-status').textContent = '';
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.length) - c.length);
  return out;
}

function report(text: string, cls: string): void {
  const summary = $('summary');
  summary.textContent = text;
  summary.className = cls;
}

async function upload(): Promise<void> {
  if (!base) return;
  const status = $('upload-status');
  const button = $<HTMLButtonElement>('upload');
  button.disabled = true;
  status.className = 'muted';
  status.textContent = 'Logging in, uploading, logging out…';
  try {
    const result = await withSession({ baseUrl: input('base-url').value, user: input('user').value, password: input('password').value }, (session) => sendDialerBase(session, base!));
    status.className = 'ok';
    status.textContent = `Accepted by the platform: ${result.parts.map((p) => `${p.filename} (${p.cant} lines)`).join(', ')} for campaign ${result.campaign}. Pick or validate a file again to upload another base.`;
    // done: a second click must not upload the same base again
    base = undefined;
  } catch (error) {
    status.className = 'bad';
    status.textContent = isIntegraError(error) ? `${error.code}: ${error.message}` : String(error);
  } finally {
    button.disabled = !base;
  }
  await refresh();
}

interface Received {
  seq: number;
  filename: string;
  campaign: string;
  cant: string;
  username: string;
  lines: string[];
  cantMatches: boolean;
}

async function refresh(): Promise<void> {
  const list = $('received');
  try {
    const uploads = (await (await fetch(`${input('base-url').value.replace(/\/$/, '')}/__sim/uploads`)).json()) as Received[];
    list.replaceChildren(
      ...uploads.map((u) => {
        const li = document.createElement('li');
        li.dataset.filename = u.filename;
        li.textContent = `#${u.seq} ${u.filename} · campaign ${u.campaign} · cant ${u.cant}${u.cantMatches ? '' : ' (≠ lines!)'} · by ${u.username}\n${u.lines.join('\n')}`;
        li.style.whiteSpace = 'pre-wrap';
        return li;
      }),
    );
    if (!uploads.length) list.textContent = 'Nothing yet.';
  } catch (error) {
    list.textContent = `The simulator does not answer: ${String(error)}`;
  }
}

input('file').addEventListener('change', async () => {
  const file = input('file').files?.[0];
  if (file) validate(await file.text());
});
for (const id of ['campaign', 'filename']) {
  input(id).addEventListener('change', async () => {
    const file = input('file').files?.[0];
    if (file) validate(await file.text());
  });
}
$('sample-good').addEventListener('click', () => validate(SAMPLES.good));
$('sample-bad').addEventListener('click', () => validate(SAMPLES.bad));
$('upload').addEventListener('click', () => void upload());
$('refresh').addEventListener('click', () => void refresh());
void refresh();

import { onReport, relay, TRICKS, type Trick } from './tricks.js';

if (new URLSearchParams(location.search).has('relay')) relay();

document.getElementById('origin')!.textContent = location.origin;
const list = document.getElementById('tricks')!;
const sent = document.getElementById('sent')!;
const summary = document.getElementById('summary')!;
const form = window.parent;

/** What the form's referee (demo plumbing in the form page) says became of one message. */
interface Verdict {
  demoReferee: true;
  from: 'frame' | 'grandchild';
  index: number;
  verdict: 'accepted' | 'rejected' | 'ignored';
  kind: string;
  code?: string;
  field?: string;
}

/** One trick run: which of this page's messages are its own, and what became of them. */
interface Run {
  trick: Trick;
  first: number;
  count: number;
  verdicts: Verdict[];
  cell: HTMLElement;
}
const runs: Run[] = [];
let posted = 0;

function line(text: string, trick?: string): void {
  const li = document.createElement('li');
  if (trick) li.dataset.trick = trick;
  li.textContent = text;
  sent.append(li);
}
onReport((text) => line(text));

/** A verdict that means the platform was called: an accepted documented-shape message (an accepted HELLO only opens a port). */
const ran = (v: Verdict) => v.verdict === 'accepted' && v.kind === 'legacy';
/** As expected: nothing reached the platform, unless the trick is a well-formed documented message (a listed origin may send it). */
const expected = (run: Run) => run.verdicts.every((v) => !ran(v) || run.trick.mayRun);

function show(run: Run): void {
  const seen = new Map<string, number>();
  for (const v of run.verdicts) {
    const text = ran(v) ? 'ran on the platform' : v.verdict === 'accepted' ? `accepted (${v.kind})` : v.verdict === 'ignored' ? 'ignored' : `${v.code}${v.field ? ` ${v.field}` : ''}`;
    seen.set(text, (seen.get(text) ?? 0) + 1);
  }
  const happened = [...seen].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text)).join(', ') || 'waiting for the form…';
  run.cell.dataset.outcome = !run.verdicts.length ? 'waiting' : expected(run) ? 'as-expected' : 'unexpected';
  run.cell.textContent = `happened: ${happened}`;
  const done = runs.filter((r) => r.verdicts.length);
  const reached = runs.reduce((n, r) => n + r.verdicts.filter(ran).length, 0);
  summary.textContent = `${done.length} trick${done.length === 1 ? '' : 's'} judged: ${done.filter(expected).length} as expected, ${done.filter((r) => !expected(r)).length} not; ${reached} message${reached === 1 ? '' : 's'} reached the platform.`;
  summary.dataset.unexpected = String(done.filter((r) => !expected(r)).length);
}

window.addEventListener('message', (event) => {
  const verdict = event.data as Verdict | null;
  if (event.source !== form || !verdict?.demoReferee) return;
  const run = verdict.from === 'grandchild' ? [...runs].reverse().find((r) => r.trick.relayed) : runs.find((r) => verdict.index >= r.first && verdict.index < r.first + r.count);
  if (!run) return;
  run.verdicts.push(verdict);
  show(run);
});

function start(trick: Trick, cell: HTMLElement): void {
  if (form === window) return line('not framed: nobody to attack');
  const run: Run = { trick, first: posted, count: 0, verdicts: [], cell };
  runs.push(run);
  run.count = trick.run(form);
  posted += run.count;
  show(run);
  line(`${trick.id}: sent ${trick.relayed ? 'through a frame inside this page' : `${run.count} message${run.count === 1 ? '' : 's'}`} — expect ${trick.expect}`, trick.id);
}

const cells = new Map<Trick, HTMLElement>();
for (const trick of TRICKS) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.trick = trick.id;
  button.textContent = trick.title;
  const small = document.createElement('small');
  small.textContent = `expected: ${trick.expect}`;
  button.append(small);
  const result = document.createElement('small');
  result.className = 'result';
  result.dataset.result = trick.id;
  cells.set(trick, result);
  button.addEventListener('click', () => start(trick, result));
  li.append(button, result);
  list.append(li);
}
document.getElementById('all')!.addEventListener('click', () => TRICKS.forEach((trick) => start(trick, cells.get(trick)!)));

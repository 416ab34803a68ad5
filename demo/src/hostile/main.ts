import { onReport, relay, TRICKS, type Trick } from './tricks.js';

if (new URLSearchParams(location.search).has('relay')) relay();

document.getElementById('origin')!.textContent = location.origin;
const list = document.getElementById('tricks')!;
const sent = document.getElementById('sent')!;
const form = window.parent;

function line(text: string, trick?: string): void {
  const li = document.createElement('li');
  if (trick) li.dataset.trick = trick;
  li.textContent = text;
  sent.append(li);
}
onReport((text) => line(text));

function run(trick: Trick): void {
  if (form === window) return line('not framed: nobody to attack');
  const n = trick.run(form);
  line(`${trick.id}: sent ${n} message${n === 1 ? '' : 's'} — expect ${trick.expect}`, trick.id);
}

for (const trick of TRICKS) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.trick = trick.id;
  button.textContent = trick.title;
  const small = document.createElement('small');
  small.textContent = trick.expect;
  button.append(small);
  button.addEventListener('click', () => run(trick));
  li.append(button);
  list.append(li);
}
document.getElementById('all')!.addEventListener('click', () => TRICKS.forEach(run));

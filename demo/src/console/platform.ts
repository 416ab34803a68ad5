import { preview } from '../shared/preview.js';

/** How the stand-in platform answers `UC_DispositionCall`: the switch on the console. */
export type PlatformMode = 'succeed' | 'fail' | 'never';

const FIELDS = ['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule', 'onSuccess', 'onError'];
/** The platform takes a moment, so QA sees the CRM's "sending" state. */
const ANSWER_DELAY_MS = 300;

/**
 * The stand-in platform: `UC_DispositionCall` and `closeActiveTab`, each call shown in the panel
 * with every argument in the order the platform received them, and how the platform answered.
 */
export class Platform {
  mode: PlatformMode = 'succeed';
  #count = 0;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly closeTab: () => void,
  ) {}

  /** `UC_DispositionCall(campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule, onSuccess, onError)`. */
  dispositionCall(args: unknown[]): void {
    const item = this.#item('UC_DispositionCall');
    const table = document.createElement('table');
    table.className = 'args';
    args.forEach((value, i) => {
      const tr = table.insertRow();
      tr.dataset.arg = FIELDS[i] ?? `extra${i}`;
      const th = document.createElement('th');
      th.textContent = `${i + 1}. ${FIELDS[i] ?? '(extra)'}`;
      const td = document.createElement('td');
      td.className = 'mono';
      td.textContent = typeof value === 'function' ? 'function' : preview(value, 400);
      tr.append(th, td);
    });
    item.append(table);
    const [onSuccess, onError] = [args[10], args[11]];
    const mode = this.mode;
    if (mode === 'never') return this.#outcome(item, 'never', 'the platform never answers (the bridge times out)');
    this.#outcome(item, 'pending', 'the platform is working…');
    setTimeout(() => {
      if (mode === 'succeed') {
        this.#outcome(item, 'success', 'onSuccess("OK")');
        if (typeof onSuccess === 'function') onSuccess('OK');
      } else {
        this.#outcome(item, 'error', 'onError("Disposition refused by the platform (demo switch)")');
        if (typeof onError === 'function') onError('Disposition refused by the platform (demo switch)');
      }
    }, ANSWER_DELAY_MS);
  }

  /** `parent.closeActiveTab()`: the form's tab closes. */
  closeActiveTab(): void {
    this.#outcome(this.#item('closeActiveTab'), 'success', 'the tab was closed');
    this.closeTab();
  }

  clear(): void {
    this.list.replaceChildren();
    this.#count = 0;
  }

  #item(fn: string): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'call';
    item.dataset.fn = fn;
    const head = document.createElement('div');
    const name = document.createElement('b');
    name.textContent = `#${++this.#count} ${fn}(…)`;
    const outcome = document.createElement('span');
    outcome.className = 'outcome';
    head.append(name, ' → ', outcome);
    item.append(head);
    this.list.append(item);
    return item;
  }

  #outcome(item: HTMLLIElement, state: string, text: string): void {
    item.dataset.outcome = state;
    const el = item.querySelector<HTMLElement>('.outcome')!;
    el.textContent = text;
    el.className = `outcome ${state === 'success' ? 'ok' : state === 'pending' ? 'muted' : state === 'never' ? 'warn' : 'bad'}`;
  }
}

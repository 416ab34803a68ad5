// Issue 13: the elements' reference (packages/iframe-client/src/elements/README.md) documents what the
// sources have: every part, CSS custom property, state, event, slot and attribute of both elements.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = join(import.meta.dirname, '..', 'packages', 'iframe-client', 'src', 'elements');
const reference = readFileSync(join(folder, 'README.md'), 'utf8');
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.ts') && !name.includes('.test'))
  .map((name) => readFileSync(join(folder, name), 'utf8'))
  .join('\n');

/** Every distinct first capture of `pattern` in the sources. */
const found = (pattern: RegExp) => [...new Set([...sources.matchAll(pattern)].map((match) => match[1]!))];

describe('the elements reference', () => {
  it.each([
    ['parts', /part="([\w-]+)"/g],
    ['CSS custom properties', /var\((--ucb-[\w-]+)/g],
    ['events', /new CustomEvent<\w+>\('([\w-]+)'/g],
    ['slots', /<slot name="([\w-]+)"/g],
    ['attributes', /attribute: '([\w-]+)'/g],
  ])('documents every one of the %s in the sources', (_, pattern) => {
    const names = found(pattern);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
  });

  it('documents every state with the text it shows', () => {
    // the three outcomes (protocol's Outcome) and the states around them (status.ts)
    const states = found(/\| '([\w-]+)'/g).concat(found(/UcbState = '([\w-]+)'/g), ['done', 'not-done', 'unknown']);
    expect(states).toContain('invalid');
    for (const state of states) expect(reference, state).toMatch(new RegExp(`^\\| \`${state}\` \\| `, 'm'));
    // the fixed texts, as the sources write them
    for (const text of ['Sending…', 'Disposition saved', 'Tab closed', 'Not saved', 'Not closed', 'Outcome unknown: ', 'Check before retrying.', 'sent to a console without ucbridge, which does not confirm', 'no console found, ', 'this page is not inside a console form', 'set the host-origin attribute or the host property']) {
      expect(sources, text).toContain(text);
      expect(reference, text).toContain(text);
    }
  });

  it('documents every field attribute of <ucb-disposition-form>', () => {
    for (const field of ['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule', 'l1Options', 'labels']) expect(reference).toContain(`\`${field}\``);
  });
});

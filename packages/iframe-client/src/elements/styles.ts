import { css } from 'lit';

/**
 * The look both elements share, themeable from outside without touching the shadow DOM:
 * custom properties `--ucb-font`, `--ucb-gap`, `--ucb-radius`, `--ucb-border`, `--ucb-accent`,
 * `--ucb-accent-text`, `--ucb-success`, `--ucb-warning`, `--ucb-error`; and CSS parts (`::part(submit)`)
 * named in each element's doc block.
 */
export const sharedStyles = css`
  :host {
    display: block;
    font-family: var(--ucb-font, system-ui, sans-serif);
    --_gap: var(--ucb-gap, 0.6rem);
    --_radius: var(--ucb-radius, 4px);
    --_border: var(--ucb-border, 1px solid #8a8f98);
    --_accent: var(--ucb-accent, #1f5fbf);
  }
  :host([hidden]) {
    display: none;
  }
  button {
    font: inherit;
    padding: 0.45em 1.1em;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--ucb-accent-text, #fff);
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .status {
    margin: var(--_gap) 0 0;
    min-height: 1.3em;
  }
  .status.done {
    color: var(--ucb-success, #1b6e2d);
  }
  .status.unknown {
    color: var(--ucb-warning, #8a5a00);
  }
  .status.not-done,
  .status.invalid {
    color: var(--ucb-error, #b3261e);
  }
`;

/**
 * `@ucbridge/iframe-client/elements`: ready-made Lit elements over the client, for CRM pages that
 * want UI rather than code. Importing this module defines `<ucb-disposition-form>` and
 * `<ucb-close-tab>`. The core `@ucbridge/iframe-client` never imports it, so it never pulls in Lit.
 */
export { UcbElement, type UcbSentDetail, type UcbErrorDetail } from './base.js';
export { UcbDispositionForm, type UcbOption } from './disposition-form.js';
export { UcbCloseTab } from './close-tab.js';
export { statusForError, statusForResult, type UcbState, type UcbStatus } from './status.js';
export { fromDateTimeLocal, toDateTimeLocal } from './schedule.js';

/**
 * `@ucbridge/integra-api/node`: what only Node can do — the upload journal in a file.
 */
export { createFileJournal, defaultJournalPath, defaultStateDir } from './journal-file.js';

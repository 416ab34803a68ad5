// The demo's origins, in one place for start.mjs, the pages (through src/shared/origins.ts) and e2e.

/** The three dev servers, by role: A the console and form, B the CRM, C the hostile page. */
export const ORIGINS = {
  console: 'http://localhost:5173',
  crm: 'http://127.0.0.1:5174',
  hostile: 'http://localhost:5175',
};

/** The Integra simulator the upload page talks to. */
export const SIM = 'http://127.0.0.1:8089';

/**
 * What the form allows: the CRM origin (which also gets the call context), and a wildcard so a CRM at
 * http://crm.example.test:5174 works too (in e2e, where *.test resolves to 127.0.0.1) — listed without
 * the call context (form.html).
 */
export const ALLOWED_ORIGINS = `${ORIGINS.crm} http://*.example.test:5174`;

/** Names on the CRM server (port 5174) that need --host-resolver-rules="MAP *.test 127.0.0.1". */
export const TEST_HOSTS = {
  /** matches the form's wildcard: accepted */
  crmByName: 'http://crm.example.test:5174',
  /** lookalikes: a suffix trick and a glued name; both refused */
  suffixTrick: 'http://crm.example.test.evil.test:5174',
  glued: 'http://evilexample.test:5174',
};

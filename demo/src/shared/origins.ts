// The demo's origins for the pages (the same module start.mjs reads).
export { ALLOWED_ORIGINS, ORIGINS, SIM, TEST_HOSTS } from '../../origins.mjs';

// Size budgets for the two script-tag builds, in bytes of min + gzip (level 9), checked by
// bench/size-budget.test.ts in `npm test`. Rule (issue 7): the budget is what the build reaches,
// rounded up to the next 100 B, and never above the caps: postmate's child (1.9 KB gzip) for the
// client, 2.5 KB for the host. Lower a budget when a build shrinks; raising one needs a reason in
// the commit, and never past the cap. The client's target stays 1,200 B: every feature earns its bytes.

/** Ceilings no budget may exceed. */
export const CAPS = { client: 1900, host: 2500 };

// At 217ed89 both builds are over their caps (client 2,506 B, host 3,512 B), so each budget is its
// cap and size-budget.test.ts fails until they shrink; then set each to its size rounded up to 100 B.

/** The budgets `npm test` enforces (bytes, gzip -9 of the built IIFE). */
export const BUDGETS = { client: 1900, host: 2500 };

// Size budgets for the two script-tag builds, in bytes of min + gzip (level 9), checked by
// bench/size-budget.test.ts in `npm test`. Rule (issue 7): the budget is what the build reaches,
// rounded up to the next 100 B; lower it when a build shrinks, so no byte comes back unnoticed.

/**
 * The goals of issues 3 and 7: postmate's child (1.9 KB gzip) for the client, 2.5 KB for the host.
 * `npm run bench` reports every build against them.
 */
export const CAPS = { client: 1900, host: 2500 };

// Both builds are over their caps (client 2,666 B, host 3,607 B at the commit that set these). The
// caps cannot be met without dropping a must-have of issue 3: the client's own disposition check is
// the only check a form with just the documented listener has (~550 B); the host validates every
// message in full (~1.3 KB of protocol). So the budgets hold what we reach — a regression fails
// `npm test` — and the gap to the caps is reported by the bench and in the closing note, not hidden.

// Issue 12 (the call context, per-origin scopes, the opt-in form functions, the lock to the current call) took
// the client from 2,676 to 3,148 B and the host from 3,617 to 6,085 B: the host now also reads the CTI, checks
// scopes, contexts and every form function's parameters, each with an error that names what is wrong and how
// to fix it (esbuild's metafile: about 6.6 KB of the host's 15 KB minified is that new code).

// Issue 13 (say what is wrong, where it is seen) added bytes to both script tags, measured with
// `gzip -9 -c dist/*.iife.js | wc -c` against the commit before it (2670799) in the same build:
// client 2,709 -> 2,988 B (+279: the `log` option's debug lines and refusal reasons, the one message
// format); host 3,675 -> 4,495 B (+820: the script tag's UNKNOWN_ATTRIBUTE / MODULE_SCRIPT /
// NOTHING_INSTALLED warnings ~300, the `log` option and data-log ~210, ORIGIN_NOT_ALLOWED naming the
// list and the fix (and the file:// case) ~110, a refused HELLO warned once ~55, ALREADY_INSTALLED ~50, INVALID_OPTION
// messages). Bundling protocol into the ES builds changed neither.

// Both together (merge of issues 10 + 14, 12 and 13), measured with `gzip -9 -c dist/*.iife.js | wc -c`
// after `pnpm run build`: client 4,806 B, host 8,445 B.

/** The budgets `npm test` enforces (bytes, gzip -9 of the built IIFE). */
export const BUDGETS = { client: 4900, host: 8500 };

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

// Issues 10 and 14 raised both (client 2,666 -> 3,790 B, host 3,607 -> 5,070 B at the commit that set
// these): the client now answers a REFUSED at once, sends a closing HELLO before it concludes there is
// no bridge, marks its documented-shape fallback, tells done / not-done / unknown on every error, checks
// every millisecond option, learns the parent's origin from the answer (lists of exact origins), says
// BYE on pagehide and hears REPLACED; the host answers every refused HELLO, remembers dispositions (the
// same one never reaches the platform twice, also through a documented listener beside it), counts
// calls per frame, strips prototype keys from params, checks the sender before reading a message and
// prints each refusal once per origin and code. Private names are shortened by the build (mangleProps).

// Issue 12 (the call context, per-origin scopes, the opt-in form functions, the lock to the current call) took
// the client from 2,676 to 3,148 B and the host from 3,617 to 6,085 B on its own branch: the host now also reads
// the CTI, checks scopes, contexts and every form function's parameters, each with an error that names what is
// wrong and how to fix it. Merged with issues 10 and 14 (branch merge-cb): client 4,358 B, host 7,525 B
// (Node's zlib, level 9), both features' code together; no code was dropped in the merge.

// Issue 13 (say what is wrong, where it is seen) added bytes to both script tags, measured with
// `gzip -9 -c dist/*.iife.js | wc -c` against the commit before it (2670799) in the same build:
// client 2,709 -> 2,988 B (+279: the `log` option's debug lines and refusal reasons, the one message
// format); host 3,675 -> 4,495 B (+820: the script tag's UNKNOWN_ATTRIBUTE / MODULE_SCRIPT /
// NOTHING_INSTALLED warnings ~300, the `log` option and data-log ~210, ORIGIN_NOT_ALLOWED naming the
// list and the fix (and the file:// case) ~110, a refused HELLO warned once ~55, ALREADY_INSTALLED ~50, INVALID_OPTION
// messages). Bundling protocol into the ES builds changed neither.

// All of them together (issues 10 + 14, 12 and 13, branch final2), measured with
// `gzip -9 -c dist/*.iife.js | wc -c` after `pnpm run build`: client 4,731 B, host 8,401 B; with Node's zlib at
// level 9, as size-budget.test.ts measures (no file name in the header): client 4,722 B, host 8,375 B.

// Branch break-bridge (three exactly-once fixes in the host's disposition memory: numbers keyed by their
// text, a pending disposition never forgotten at the limit, the memory on the window shared by every copy of
// host-bridge; data-legacy other than "true"/"false" throws): host 8,519 B by `gzip -9 -c
// packages/host-bridge/dist/host-bridge.iife.js | wc -c`, 8,489 B by Node's zlib (size-budget.test.ts).

// Branch origins (a pattern over a shared domain, *.github.io / *.co.uk / *.ucontactcloud.com, refused unless
// opted in): host 8,489 -> 9,202 B by Node's zlib (size-budget.test.ts): the shared-domain list ~290 B, the
// country second-level rule ~70 B, the message naming the entry, why and both fixes ~55 B; client 4,722 -> 4,757 B.
// Issue 15 (the first calls ride the handshake: the first HELLO carries them, the form runs them and says which in
// WELCOME.taken; retries name their handshake; a failed disposition carries what was sent), with branch origins and
// the CLI fixes merged: client 4,757 -> 5,086 B (+329: carrying the calls and telling their fate ~230, handshake ids
// that keep 0.2 forms working ~45, error.disposition ~40), host 9,202 -> 9,565 B (+363: taking the carried calls once
// per form window, ignoring retries of a welcomed handshake, checking requests / expires / handshake). Node's zlib,
// level 9, after `pnpm run build`.
/** The budgets `npm test` enforces (bytes, gzip -9 of the built IIFE). */
// Branch break-ride (a copy that refuses a HELLO claims its carried calls; with a copy before 0.3 listening first no
// copy takes them): host 9,565 -> 9,640 B.
// One shared timer for the form's platform deadlines (timerAt, now in protocol): host 9,640 -> 9,782 B.
export const BUDGETS = { client: 5100, host: 9800 };

/** Ceilings no budget may exceed (bytes, gzip -9). */
export declare const CAPS: { readonly client: number; readonly host: number };
/** The budgets `npm test` enforces (bytes, gzip -9 of the built IIFE). */
export declare const BUDGETS: { readonly client: number; readonly host: number };

import { CALL_FIELDS, type CallContext } from '@ucbridge/protocol';

/**
 * The fields of a request the form's call fills when the caller leaves them out: a disposition's
 * `campaign`, `callerid` and `guid`; a tag's `guid`. Other actions take nothing from the call.
 */
export function callFields(action: string): readonly string[] {
  return action == 'DISPOSITION_CALL' ? CALL_FIELDS : action == 'TAG_RECORD' ? ['guid'] : [];
}

/** True when the caller left out (`undefined`) one of `fields`: the request needs the form's call. */
export function needsCall(input: unknown, fields: readonly string[]): boolean {
  return fields.some((field) => (input as Record<string, unknown> | undefined)?.[field] === undefined);
}

/**
 * A copy of `input` with each of `fields` the caller left out (`undefined`) taken from the form's call;
 * what the caller gave wins (and the form refuses it `WRONG_CALL` when it names another call). Without a
 * call, or for a non-object, `input` is returned as it is: the check then names the missing field.
 */
export function fillFromCall<T>(input: T, context: CallContext | undefined, fields: readonly string[]): T {
  if (!context || !needsCall(input, fields) || typeof input != 'object' || !input) return input;
  const filled = { ...input } as Record<string, unknown>;
  for (const field of fields) if (filled[field] === undefined) filled[field] = context[field as keyof CallContext];
  return filled as T;
}

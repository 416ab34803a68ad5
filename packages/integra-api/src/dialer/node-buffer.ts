/**
 * Node's `Buffer` when the code runs in Node, else `undefined`: native base64 and byte-string
 * writes where they exist, with plain-JS fallbacks in browsers (no `node:` import here, so the
 * browser bundle stays clean).
 */
export const NodeBuffer: typeof Buffer | undefined = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/**
 * Writes the byte string `text` (every character one byte, 0–255) into `target` at `at`: the
 * first `count` characters. Native in Node (a copy), a loop elsewhere.
 */
export function writeByteString(target: Uint8Array, at: number, text: string, count: number): void {
  if (NodeBuffer !== undefined) {
    NodeBuffer.from(target.buffer, target.byteOffset, target.length).write(text, at, count, 'latin1');
    return;
  }
  for (let i = 0; i < count; i++) target[at + i] = text.charCodeAt(i);
}

/**
 * The form body of one `Dialers/uploadbase` call, as bytes:
 * `filename=…&fileb64=…&campaign=…&cant=…&username=…` (the documented order). The campaign's
 * `<-`/`->` are sent as is and percent-encoded like every other value.
 */
import { ByteWriter } from './byte-writer.js';
import { writeFormBase64 } from './form-base64.js';
import type { DialerBasePart } from './types.js';

const encoder = new TextEncoder();

/**
 * Encodes the body of the upload of `part` for `campaign` by `username` (the session's user).
 * The result is one `Uint8Array` for `integraPost`; for a part of N bytes it is about
 * 1.4 × N bytes.
 */
export function encodeUploadBody(part: Pick<DialerBasePart, 'filename' | 'cant' | 'chunks' | 'bytes'>, campaign: string, username: string): Uint8Array {
  const head = encoder.encode(`${new URLSearchParams({ filename: part.filename })}&fileb64=`);
  const tail = encoder.encode(`&${new URLSearchParams({ campaign, cant: String(part.cant), username })}`);
  // base64 is 4/3 of the input, plus 2 bytes per escaped "+" (more for some texts: the writer grows)
  const estimate = head.length + tail.length + Math.ceil((part.bytes / 3) * 4 * 1.15) + 64;
  const writer = new ByteWriter(estimate);
  writer.write(head);
  writeFormBase64(writer, part.chunks);
  writer.write(tail);
  return writer.bytes();
}

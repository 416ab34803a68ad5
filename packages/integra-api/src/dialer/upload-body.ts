/**
 * The form body of one `Dialers/uploadbase` call, as bytes:
 * `filename=…&fileb64=…&campaign=…&cant=…&username=…` (the documented order). The campaign's
 * `<-`/`->` are sent as is and percent-encoded like every other value.
 */
import { ByteWriter } from './byte-writer.js';
import { writeFormBase64 } from './form-base64.js';
import type { DialerBasePart } from './types.js';

const encoder = new TextEncoder();

/** The fields of a part that its body needs. */
export type BodyPart = Pick<DialerBasePart, 'filename' | 'cant' | 'chunks' | 'bytes'>;

/** Bytes for `part`'s body: base64 is 4/3 of the input, plus 2 bytes per escaped `+`. */
function estimate(part: BodyPart): number {
  return Math.ceil((part.bytes / 3) * 4 * 1.1) + 512;
}

function writeBody(writer: ByteWriter, part: BodyPart, campaign: string, username: string): Uint8Array {
  writer.pos = 0;
  writer.ensure(estimate(part));
  writer.write(encoder.encode(`${new URLSearchParams({ filename: part.filename })}&fileb64=`));
  writeFormBase64(writer, part.chunks);
  writer.write(encoder.encode(`&${new URLSearchParams({ campaign, cant: String(part.cant), username })}`));
  return writer.bytes();
}

/**
 * Encodes the body of the upload of `part` for `campaign` by `username` (the session's user):
 * one `Uint8Array` for `integraPost`, about 1.35 × the part's bytes.
 */
export function encodeUploadBody(part: BodyPart, campaign: string, username: string): Uint8Array {
  return writeBody(new ByteWriter(estimate(part)), part, campaign, username).slice();
}

/**
 * An encoder that reuses one buffer for every body, so sending 20 parts costs the memory of
 * one. The returned bytes are a view that the next call overwrites: use (send) them first.
 */
export function createUploadBodyEncoder(): (part: BodyPart, campaign: string, username: string) => Uint8Array {
  const writer = new ByteWriter(0);
  return (part, campaign, username) => writeBody(writer, part, campaign, username);
}

/** Text helpers shared by the note formats: strict base64 and the C2SP character rules. */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * decodeBase64 decodes standard base64 (RFC 4648 §4) strictly: padding required and the
 * canonical encoding only, since Buffer.from(…, 'base64') silently skips invalid characters.
 * Returns undefined for anything else.
 */
export function decodeBase64(s: string): Buffer | undefined {
  if (!BASE64.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? bytes : undefined;
}

/** encodeBase64 is standard base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

// Go's unicode.IsSpace, which golang.org/x/mod/sumdb/note uses for key names.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f]/;

/** isValidKeyName: C2SP signed-note — non-empty, no Unicode spaces, no plus (U+002B). */
export function isValidKeyName(name: string): boolean {
  return name !== '' && !UNICODE_SPACE.test(name) && !name.includes('+') && !LONE_SURROGATE.test(name);
}

/**
 * isNoteText: C2SP signed-note — encodes as valid UTF-8 (no lone surrogates) and contains no
 * ASCII control character other than newline.
 */
export function isNoteText(text: string): boolean {
  return !LONE_SURROGATE.test(text) && !CONTROL_EXCEPT_NEWLINE.test(text);
}

/** decodeUtf8 decodes bytes as UTF-8, keeping a leading BOM; undefined if not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

import { fileTypeFromBuffer } from 'file-type';

export type ContentKind = 'json' | 'pdf' | 'image';

export interface SniffedContent {
  contentType: string;
  kind: ContentKind;
}

/** Binary types decided by their magic bytes; anything else that is not JSON is refused (415). */
const BINARY_TYPES: ReadonlyMap<string, ContentKind> = new Map([
  ['application/pdf', 'pdf'],
  ['image/png', 'image'],
  ['image/jpeg', 'image'],
  ['image/tiff', 'image'],
]);

/**
 * Decides what an upload is from its bytes alone; the filename and the client's Content-Type are never trusted.
 * JSON is recognised by its first meaningful character (after an optional UTF-8 BOM), without parsing the whole
 * body, so a truncated JSON file is still routed to the JSON reader, which then reports why it cannot be read.
 */
export async function sniffContentType(bytes: Buffer): Promise<SniffedContent | null> {
  if (bytes.length === 0) return null;
  // No accepted binary format starts with "{" or "[", so JSON is decided first without running every detector.
  if (looksLikeJson(bytes)) return { contentType: 'application/json', kind: 'json' };
  const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (detected) {
    const kind = BINARY_TYPES.get(detected.mime);
    return kind ? { contentType: detected.mime, kind } : null;
  }
  // A PDF header may be preceded by junk bytes (allowed up to 1 KiB by readers); file-type only looks at offset 0.
  if (bytes.subarray(0, 1024).includes('%PDF-')) return { contentType: 'application/pdf', kind: 'pdf' };
  return null;
}

function looksLikeJson(bytes: Buffer): boolean {
  let index = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (index < bytes.length && (bytes[index] === 0x20 || bytes[index] === 0x09 || bytes[index] === 0x0a || bytes[index] === 0x0d)) {
    index += 1;
  }
  return bytes[index] === 0x7b /* { */ || bytes[index] === 0x5b /* [ */;
}

import { describe, expect, it } from 'vitest';
import { sniffContentType } from '../../src/documents/sniff.js';
import { buildPdf, rows } from './support/pdf-builder.js';

// Smallest valid images, so the test proves detection by magic bytes rather than by file name.
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG_HEADER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const TIFF_HEADER = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]), Buffer.alloc(64)]);

describe('sniffContentType', () => {
  it('recognises PDF, PNG, JPEG and TIFF from their bytes', async () => {
    expect(await sniffContentType(await buildPdf([rows('hello')]))).toEqual({ contentType: 'application/pdf', kind: 'pdf' });
    expect(await sniffContentType(PNG_1X1)).toEqual({ contentType: 'image/png', kind: 'image' });
    expect(await sniffContentType(JPEG_HEADER)).toEqual({ contentType: 'image/jpeg', kind: 'image' });
    expect(await sniffContentType(TIFF_HEADER)).toEqual({ contentType: 'image/tiff', kind: 'image' });
  });

  it('recognises JSON objects and arrays, with a BOM or leading whitespace, even when truncated', async () => {
    for (const text of ['{"a":1}', '  \n[1,2]', '\uFEFF{"document_type":"packing_list"}', '{"truncated": ']) {
      expect(await sniffContentType(Buffer.from(text))).toEqual({ contentType: 'application/json', kind: 'json' });
    }
  });

  it('refuses everything else: empty files, plain text, other binary formats', async () => {
    expect(await sniffContentType(Buffer.alloc(0))).toBeNull();
    expect(await sniffContentType(Buffer.from('Invoice INV-1, total 100 EUR'))).toBeNull();
    expect(await sniffContentType(Buffer.from('PK\u0003\u0004zipzipzipzipzipzip'))).toBeNull();
    expect(await sniffContentType(Buffer.from('GIF89a\u0001\u0000\u0001\u0000'))).toBeNull();
  });
});

import type { DocumentType } from '../../compliance/types.js';
import type { SniffedContent } from '../sniff.js';
import { parseJsonDocument } from './json/json-parser.js';
import { parsePdfDocument } from './pdf/pdf-parser.js';
import type { ParseOutcome } from './types.js';

export type { ParseOutcome } from './types.js';
export { CARGOLINT_SCHEMAS } from './json/cargolint-schemas.js';

/** Routes bytes to the reader for their sniffed kind. Images wait for OCR: a person reviews them meanwhile. */
export async function parseDocument(bytes: Buffer, content: SniffedContent, declaredType?: DocumentType): Promise<ParseOutcome> {
  switch (content.kind) {
    case 'json':
      return parseJsonDocument(bytes, declaredType);
    case 'pdf':
      return parsePdfDocument(bytes, declaredType);
    case 'image':
      return {
        document: null,
        findings: [{
          rule_id: 'document.ocr-unavailable',
          severity: 'info',
          message: 'OCR not yet available: images are stored but not checked automatically.',
          path: '',
          hint: 'Upload the document as PDF with a text layer or as JSON to have it checked.',
        }],
        needsReview: true,
        detectedType: declaredType ?? 'unknown',
      };
  }
}

import type { Field, TradeDocument } from '../../../compliance/model.js';
import type { DocumentType, Finding, KnownDocumentType } from '../../../compliance/types.js';
import type { ParseOutcome } from '../types.js';
import { classifyDocumentText } from './pdf-classify.js';
import { extractPdfFields } from './pdf-fields.js';
import { DEFAULT_PDF_LIMITS, extractPdfText, PdfReadError, type PdfLimits } from './pdf-text.js';

/** Below this, a value read from text is treated as a guess: findings on it are softened and a person reviews. */
export const REVIEW_CONFIDENCE = 0.7;

/** Fields without which a document of that type cannot be checked meaningfully. */
const KEY_FIELDS: Record<KnownDocumentType, Array<[string, (doc: TradeDocument) => Field | undefined]>> = {
  commercial_invoice: [
    ['invoice number', (d) => d.documentNumber], ['invoice date', (d) => d.issueDate],
    ['currency', (d) => d.currency], ['total amount', (d) => d.totals.amount],
  ],
  packing_list: [['packing list number', (d) => d.documentNumber], ['date', (d) => d.issueDate]],
  bill_of_lading: [
    ['B/L number', (d) => d.documentNumber], ['port of loading', (d) => d.transport.portOfLoading],
    ['port of discharge', (d) => d.transport.portOfDischarge], ['container number', (d) => d.equipment[0]?.containerNumber],
  ],
  certificate_of_origin: [['certificate number', (d) => d.documentNumber], ['country of origin', (d) => d.countryOfOrigin]],
  air_waybill: [['air waybill number', (d) => d.transport.awbNumber]],
  dangerous_goods_declaration: [['UN number', (d) => d.lines[0]?.dangerousGoods[0]?.unNumber]],
};

function info(ruleId: string, message: string, path = '', hint?: string): Finding {
  return { rule_id: ruleId, severity: 'info', message, path, ...(hint ? { hint } : {}) };
}

function failure(error: PdfReadError): ParseOutcome {
  const hints: Record<PdfReadError['reason'], string> = {
    password: 'Upload the PDF without password protection.',
    invalid: 'The file may be truncated or damaged; export it again.',
    timeout: 'The PDF is too complex to read in time; upload the document pages only.',
    empty: 'Upload a PDF that contains the document.',
  };
  return {
    document: null,
    findings: [{ rule_id: 'document.unreadable', severity: 'error', message: `The PDF could not be read: ${error.message}.`, path: '', hint: hints[error.reason] }],
    needsReview: false,
    detectedType: 'unknown',
  };
}

/** Reads a PDF's text layer, guesses its type and fields, and says when a person should review the result. */
export async function parsePdfDocument(bytes: Buffer, declaredType?: DocumentType, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<ParseOutcome> {
  let text;
  try {
    text = await extractPdfText(bytes, limits);
  } catch (error) {
    return failure(error instanceof PdfReadError ? error : new PdfReadError('invalid', String(error)));
  }
  const findings: Finding[] = [];
  if (text.pagesRead < text.pageCount) {
    findings.push(info('pdf.pages-skipped', `Only the first ${text.pagesRead} of ${text.pageCount} pages were read.`));
  }
  if (text.lines.length === 0) {
    findings.push(info('pdf.no-text-layer', 'The PDF has no text layer (a scan?); OCR not yet available, so it needs a manual review.'));
    return { document: null, findings, needsReview: true, detectedType: declaredType ?? 'unknown' };
  }
  const classification = classifyDocumentText(text.lines);
  const type = declaredType && declaredType !== 'unknown' ? declaredType : classification.type;
  const doc = extractPdfFields(text.lines, type);
  const missing = type === 'unknown' ? [] : KEY_FIELDS[type].filter(([, read]) => !read(doc)).map(([name]) => name);
  const doubtful = collectFields(doc).filter((field) => (field.confidence ?? 1) < REVIEW_CONFIDENCE);
  if (type === 'unknown') {
    findings.push(info('pdf.needs-review', 'The document type could not be recognised from the text.', '', 'Upload it again with document_type set.'));
  }
  if (missing.length > 0) {
    findings.push(info('pdf.needs-review', `These fields were not found in the PDF text: ${missing.join(', ')}.`, '', 'Check the document by hand or upload it as CargoLint JSON.'));
  }
  for (const field of doubtful) {
    findings.push(info('pdf.low-confidence', `"${field.value}" was read with low confidence (${field.confidence}).`, field.path));
  }
  return {
    document: doc,
    findings,
    needsReview: type === 'unknown' || missing.length > 0 || doubtful.length > 0 || (!declaredType && classification.confidence < REVIEW_CONFIDENCE),
    detectedType: type,
  };
}

/** Every field of the model that carries a confidence, to find the doubtful ones. */
function collectFields(doc: TradeDocument): Field[] {
  const fields: Array<Field<unknown> | undefined> = [
    doc.documentNumber, doc.issueDate, doc.shipmentDate, doc.incoterm, doc.incotermPlace, doc.currency,
    doc.countryOfOrigin, doc.totals.amount, ...Object.values(doc.transport),
    ...Object.values(doc.parties).map((party) => party?.name),
    ...doc.lines.flatMap((line) => [line.description, ...line.hsCodes]),
    ...doc.equipment.map((item) => item.containerNumber),
  ];
  return fields.filter((field): field is Field => field !== undefined && typeof field.value === 'string');
}

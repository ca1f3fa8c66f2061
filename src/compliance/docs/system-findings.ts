import type { Severity } from '../types.js';

/** Findings that come from reading the input or from the engine rather than from a rule; documented with the rules. */
export const SYSTEM_FINDINGS: ReadonlyArray<{ id: string; severity: Severity; meaning: string }> = [
  { id: 'document.unreadable', severity: 'error', meaning: 'The file is empty, not valid JSON, or a PDF that is truncated, damaged, password-protected or too slow to read. Status `failed`.' },
  { id: 'document.unsupported-type', severity: 'error', meaning: 'The bytes are not JSON, PDF, PNG, JPEG or TIFF (the file name is never trusted). Status `failed`.' },
  { id: 'document.unrecognized-format', severity: 'error', meaning: 'JSON that is neither a CargoLint document (`document_type`) nor a DCSA eBL 3.x Transport Document. Status `failed`.' },
  { id: 'document.schema', severity: 'error', meaning: 'The CargoLint JSON breaks its published schema (warning for unknown properties, which are ignored). The path is the JSON pointer of the offending value.' },
  { id: 'document.type-mismatch', severity: 'warning', meaning: 'The declared upload type differs from the `document_type` written in the document; the document’s own type wins.' },
  { id: 'document.ocr-unavailable', severity: 'info', meaning: 'Images are accepted but OCR is not yet available. Status `requires_review`.' },
  { id: 'document.internal-error', severity: 'error', meaning: 'An unexpected error while checking; the document is `failed` rather than lost.' },
  { id: 'pdf.needs-review', severity: 'info', meaning: 'The PDF’s type or key fields could not be found in its text. Status `requires_review`.' },
  { id: 'pdf.low-confidence', severity: 'info', meaning: 'A value was read from the PDF text with confidence below 0.7 (ambiguous date, guessed code…). Errors about such values are reported as warnings. Status `requires_review`.' },
  { id: 'pdf.no-text-layer', severity: 'info', meaning: 'The PDF has no text layer (a scan). Status `requires_review` until OCR exists.' },
  { id: 'pdf.pages-skipped', severity: 'info', meaning: 'Only the first 30 pages of a PDF are read, to bound processing time.' },
  { id: 'reference.unavailable', severity: 'info', meaning: 'Reference-data rules were skipped because no reference folder is configured (or its files cannot be read). One finding per document, never a guess.' },
  { id: 'sanctions.list-unavailable', severity: 'warning', meaning: 'The configured embargo list file could not be used; the built-in dated list was applied instead.' },
  { id: 'engine.rule-failed', severity: 'warning', meaning: 'A rule crashed on unexpected input; the other rules still ran.' },
];

import type { TradeDocument } from '../../compliance/model.js';
import type { DocumentType, Finding } from '../../compliance/types.js';

/** What every reader returns: a model to lint (or none when the bytes cannot be read) and its own findings. */
export interface ParseOutcome {
  document: TradeDocument | null;
  /** Findings about the input itself: unreadable, schema violations, low-confidence extraction. */
  findings: Finding[];
  /** True when a person should look (PDF fields guessed with low confidence, image awaiting OCR…). */
  needsReview: boolean;
  detectedType: DocumentType;
}

export function unreadable(message: string, hint?: string, ruleId = 'document.unreadable'): ParseOutcome {
  return {
    document: null,
    findings: [{ rule_id: ruleId, severity: 'error', message, path: '', ...(hint ? { hint } : {}) }],
    needsReview: false,
    detectedType: 'unknown',
  };
}

import type { TextLine } from '../../../compliance/model.js';
import type { DocumentType, KnownDocumentType } from '../../../compliance/types.js';

/** Phrases that name a document type, with weights; phrases in the title area count three times. */
const KEYWORDS: ReadonlyArray<[KnownDocumentType, RegExp, number]> = [
  ['commercial_invoice', /commercial\s+invoice/i, 5],
  ['commercial_invoice', /\binvoice\s+(?:no|number|date)\b/i, 2],
  ['packing_list', /packing\s+(?:list|slip)/i, 5],
  ['bill_of_lading', /bill\s+of\s+lading/i, 5],
  ['bill_of_lading', /sea\s+waybill/i, 4],
  ['bill_of_lading', /shipped\s+on\s+board/i, 2],
  ['bill_of_lading', /\bb\/l\s+(?:no|number)\b/i, 2],
  ['certificate_of_origin', /certificate\s+of\s+origin/i, 5],
  ['air_waybill', /air\s*way\s*bill/i, 5],
  ['air_waybill', /airport\s+of\s+(?:departure|destination)/i, 2],
  ['dangerous_goods_declaration', /declaration\s+for\s+dangerous\s+goods|dangerous\s+goods\s+declaration/i, 6],
  ['dangerous_goods_declaration', /proper\s+shipping\s+name/i, 1],
];

const TITLE_LINES = 8;

export interface Classification {
  type: DocumentType;
  confidence: number;
}

export function classifyDocumentText(lines: readonly TextLine[]): Classification {
  const scores = new Map<KnownDocumentType, number>();
  for (const line of lines) {
    const inTitle = line.page === 1 && line.line <= TITLE_LINES;
    for (const [type, pattern, weight] of KEYWORDS) {
      if (pattern.test(line.text)) scores.set(type, (scores.get(type) ?? 0) + weight * (inTitle ? 3 : 1));
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return { type: 'unknown', confidence: 0 };
  const [best, runnerUp] = ranked;
  const margin = runnerUp ? (best[1] - runnerUp[1]) / best[1] : 1;
  return { type: best[0], confidence: Math.round(Math.min(1, 0.5 + margin / 2) * 100) / 100 };
}

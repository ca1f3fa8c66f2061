import type { Field, TradeDocument } from './model.js';
import type { ReferenceData } from './reference/index.js';
import type { SanctionsList } from './sanctions.js';
import type { DocumentType, Finding, Severity } from './types.js';

/** Below this confidence a PDF value is a guess: an error on it is reported as a warning, for review. */
export const LOW_CONFIDENCE = 0.7;

export interface RuleContext {
  now: Date;
  /** Null when no reference folder was given; rules with `needsReference` are then skipped by the engine. */
  reference: ReferenceData | null;
  sanctions: SanctionsList;
}

export interface Rule {
  id: string;
  /** The most severe level the rule reports; some rules report a milder level in milder cases. */
  severity: Severity;
  description: string;
  rationale: string;
  /** Document types the rule applies to; all when absent. */
  appliesTo?: readonly DocumentType[];
  needsReference?: boolean;
  check(doc: TradeDocument, ctx: RuleContext): Finding[];
}

export interface FindingOptions {
  severity?: Severity;
  hint?: string;
}

/** A finding about one field; guessed (low-confidence) values never produce hard errors. */
export function findingAt(rule: Pick<Rule, 'id' | 'severity'>, field: Field<unknown> | { path: string }, message: string, options: FindingOptions = {}): Finding {
  let severity = options.severity ?? rule.severity;
  let text = message;
  const confidence = 'confidence' in field ? field.confidence : undefined;
  if (confidence !== undefined && confidence < LOW_CONFIDENCE) {
    if (severity === 'error') severity = 'warning';
    text = `${message} (value read from the PDF with low confidence)`;
  }
  return { rule_id: rule.id, severity, message: text, path: field.path, ...(options.hint ? { hint: options.hint } : {}) };
}

export function defined<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

import type { TradeDocument } from './model.js';
import { referenceDataFor, ReferenceUnavailableError } from './reference/index.js';
import type { Rule, RuleContext } from './rule.js';
import { ALL_RULES } from './rules/index.js';
import { sanctionsListFor } from './sanctions.js';
import type { CheckContext, Finding } from './types.js';

export const REFERENCE_UNAVAILABLE = 'reference.unavailable';

function buildRuleContext(ctx: CheckContext): RuleContext {
  return {
    now: ctx.now ?? new Date(),
    reference: ctx.referenceDir ? referenceDataFor(ctx.referenceDir) : null,
    sanctions: sanctionsListFor(ctx.embargoListFile),
  };
}

function applies(rule: Rule, doc: TradeDocument): boolean {
  return !rule.appliesTo || rule.appliesTo.includes(doc.documentType);
}

/**
 * Runs every applicable rule on one document. Rules are pure; the engine owns the cross-cutting concerns: one
 * `reference.unavailable` note instead of a guess when reference data is missing, and a rule that crashes on odd
 * input is reported (never thrown) so the other rules' findings still reach the user.
 */
export function runRules(doc: TradeDocument, ctx: CheckContext, rules: readonly Rule[] = ALL_RULES): Finding[] {
  const ruleContext = buildRuleContext(ctx);
  const findings: Finding[] = [];
  const skippedForReference: string[] = [];
  let referenceProblem: string | null = null;
  if (ruleContext.sanctions.loadError) {
    findings.push({ rule_id: 'sanctions.list-unavailable', severity: 'warning', message: `The configured ${ruleContext.sanctions.loadError}; the built-in list (as of ${ruleContext.sanctions.asOf}) was used.`, path: '' });
  }
  for (const rule of rules) {
    if (!applies(rule, doc)) continue;
    if (rule.needsReference && !ruleContext.reference) {
      skippedForReference.push(rule.id);
      continue;
    }
    try {
      findings.push(...rule.check(doc, ruleContext));
    } catch (error) {
      if (error instanceof ReferenceUnavailableError) {
        skippedForReference.push(rule.id);
        referenceProblem = error.message;
        continue;
      }
      findings.push({
        rule_id: 'engine.rule-failed',
        severity: 'warning',
        message: `Rule ${rule.id} could not check this document: ${error instanceof Error ? error.message : String(error)}.`,
        path: '',
      });
    }
  }
  if (skippedForReference.length > 0) findings.push(referenceUnavailable(skippedForReference, referenceProblem));
  return findings;
}

function referenceUnavailable(ruleIds: string[], problem: string | null): Finding {
  const why = problem ?? 'no reference data folder is configured (CARGOLINT_REFERENCE_DIR)';
  return {
    rule_id: REFERENCE_UNAVAILABLE,
    severity: 'info',
    message: `Reference data checks were skipped (${ruleIds.join(', ')}): ${why}.`,
    path: '',
    hint: 'Point CARGOLINT_REFERENCE_DIR at the folder with the HS 2022 and UN/LOCODE files.',
  };
}

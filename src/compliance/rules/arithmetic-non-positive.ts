import { toDecimal } from '../decimal.js';
import type { Field } from '../model.js';
import { findingAt, type Rule } from '../rule.js';

export const arithmeticNonPositive: Rule = {
  id: 'arithmetic.non-positive',
  severity: 'error',
  description: 'Quantities and weights are greater than zero; prices and amounts are not negative.',
  rationale: 'Zero or negative quantities and weights are data-entry errors that break duty, freight and VGM calculations.',
  check(doc) {
    const mustBePositive: Array<[string, Field | undefined]> = [];
    const mustNotBeNegative: Array<[string, Field | undefined]> = [];
    for (const line of doc.lines) {
      mustBePositive.push(['quantity', line.quantity], ['net weight', line.netWeightKg], ['gross weight', line.grossWeightKg]);
      mustNotBeNegative.push(['unit price', line.unitPrice], ['line total', line.lineTotal]);
    }
    for (const item of doc.cargoItems) mustBePositive.push(['cargo gross weight', item.grossWeightKg]);
    for (const charge of doc.charges) mustNotBeNegative.push(['charge', charge.amount]);
    mustNotBeNegative.push(['total', doc.totals.amount]);
    const findings = [];
    for (const [label, field] of mustBePositive) {
      const value = toDecimal(field);
      if (field && value && value.lte(0)) findings.push(findingAt(this, field, `The ${label} is ${field.value}; it must be greater than zero.`));
    }
    for (const [label, field] of mustNotBeNegative) {
      const value = toDecimal(field);
      if (field && value && value.isNegative()) findings.push(findingAt(this, field, `The ${label} is negative (${field.value}).`, { hint: 'List reductions as discounts.' }));
    }
    return findings;
  },
};

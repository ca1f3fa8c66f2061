import { normalizeUnlocode } from '../codes/unlocode.js';
import { findingAt, type Rule } from '../rule.js';

export const transportSamePorts: Rule = {
  id: 'transport.same-ports',
  severity: 'error',
  description: 'Port of loading and port of discharge differ.',
  rationale: 'A shipment that loads and discharges at the same port is a copy-paste error and will fail manifest filing.',
  check(doc) {
    const { portOfLoading, portOfDischarge } = doc.transport;
    if (!portOfLoading || !portOfDischarge) return [];
    if (normalizeUnlocode(portOfLoading.value) !== normalizeUnlocode(portOfDischarge.value)) return [];
    return [findingAt(this, portOfDischarge, `Port of discharge ${portOfDischarge.value} is the same as the port of loading.`, {
      hint: 'Check which of the two ports was copied into the other field.',
    })];
  },
};

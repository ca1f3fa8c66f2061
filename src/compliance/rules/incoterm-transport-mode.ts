import { normalizeIncoterm, SEA_ONLY_INCOTERMS } from '../codes/incoterms.js';
import { findingAt, type Rule } from '../rule.js';

export const incotermTransportMode: Rule = {
  id: 'incoterm.sea-only-mode',
  severity: 'error',
  description: 'FAS, FOB, CFR and CIF are used only for sea transport: an error on air shipments, a warning for containers.',
  rationale: 'These rules pass risk at the ship; for air freight or containers handed over at a terminal, FCA/CPT/CIP fit.',
  check(doc) {
    const field = doc.incoterm;
    if (!field) return [];
    const code = normalizeIncoterm(field.value);
    if (!SEA_ONLY_INCOTERMS.has(code)) return [];
    const byAir = doc.documentType === 'air_waybill' || doc.transport.mode?.value === 'air';
    if (byAir) {
      return [findingAt(this, field, `${code} is a sea-only Incoterm but the goods travel by air.`, {
        hint: `Use ${code === 'FOB' || code === 'FAS' ? 'FCA' : code === 'CFR' ? 'CPT' : 'CIP'} for air freight.`,
      })];
    }
    if (doc.equipment.length > 0) {
      return [findingAt(this, field, `${code} is meant for goods loaded on board at the port, but the goods travel in containers.`, {
        severity: 'warning',
        hint: `ICC recommends ${code === 'FOB' || code === 'FAS' ? 'FCA' : code === 'CFR' ? 'CPT' : 'CIP'} for containerised cargo handed over at a terminal.`,
      })];
    }
    return [];
  },
};

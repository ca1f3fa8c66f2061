import { isUnlocodeFormat, normalizeUnlocode } from '../codes/unlocode.js';
import type { Field } from '../model.js';
import { findingAt, type Rule } from '../rule.js';

export const unlocodePortFunction: Rule = {
  id: 'unlocode.not-a-port',
  severity: 'warning',
  description: 'Ports of loading and discharge of sea shipments are UN/LOCODEs with the port function.',
  rationale: 'An inland code as port of loading usually means the place of receipt was put in the wrong box. The function list is incomplete, so this is only a warning.',
  needsReference: true,
  check(doc, ctx) {
    const mode = doc.transport.mode?.value;
    if ((mode && mode !== 'sea' && mode !== 'multimodal') || !ctx.reference) return [];
    const ports: Array<[string, Field | undefined]> = [['port of loading', doc.transport.portOfLoading], ['port of discharge', doc.transport.portOfDischarge]];
    const candidates = ports.filter((entry): entry is [string, Field] => !!entry[1] && isUnlocodeFormat(normalizeUnlocode(entry[1].value)));
    if (candidates.length === 0) return [];
    const known = ctx.reference.locodes();
    const seaPorts = ctx.reference.ports();
    return candidates
      .filter(([, field]) => known.has(normalizeUnlocode(field.value)) && !seaPorts.has(normalizeUnlocode(field.value)))
      .map(([label, field]) => findingAt(this, field, `The ${label} ${normalizeUnlocode(field.value)} is not listed as a port in UN/LOCODE.`, {
        hint: 'Check that this is the port where the ship loads or discharges, not an inland place.',
      }));
  },
};

import { describe, expect, it } from 'vitest';
import { dcsaExample, errorsOf, HAS_DCSA_EXAMPLE, HAS_REFERENCE, lintJson, type Json } from './support/fixtures.js';

async function findingsFor(mutate: (doc: Json) => void) {
  const doc = dcsaExample();
  mutate(doc);
  return (await lintJson(doc)).findings;
}

describe.skipIf(!HAS_DCSA_EXAMPLE || !HAS_REFERENCE)('DCSA eBL 3.x transport documents', () => {
  it('recognises the DCSA example as a bill of lading and finds nothing wrong once its placeholders are real', async () => {
    const result = await lintJson(dcsaExample());
    expect(result).toMatchObject({ contentType: 'application/json', documentType: 'bill_of_lading', status: 'processed' });
    expect(errorsOf(result)).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('reports the over-long placeholder reference of the untouched example', async () => {
    const findings = await findingsFor((doc) => { doc.transportDocumentReference = 'TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER'; });
    expect(findings).toEqual([expect.objectContaining({ rule_id: 'dcsa.required-fields', path: '/transportDocumentReference', severity: 'error' })]);
  });

  it.each([
    ['transportDocumentStatus', '/transportDocumentStatus'],
    ['transports', '/transports'],
    ['utilizedTransportEquipments', '/utilizedTransportEquipments'],
  ])('reports a missing required %s', async (field, path) => {
    const findings = await findingsFor((doc) => { delete doc[field]; });
    expect(findings).toContainEqual(expect.objectContaining({ rule_id: 'dcsa.required-fields', path, severity: 'error' }));
  });

  it('reports missing nested fields and wrong code values with their JSON pointer', async () => {
    const findings = await findingsFor((doc) => {
      delete doc.consignmentItems[0].cargoItems[0].outerPackaging;
      doc.utilizedTransportEquipments[0].seals = [];
      doc.transportDocumentTypeCode = 'HBL';
    });
    const paths = findings.filter((finding) => finding.rule_id === 'dcsa.required-fields').map((finding) => finding.path);
    expect(paths).toEqual(expect.arrayContaining([
      '/consignmentItems/0/cargoItems/0/outerPackaging', '/utilizedTransportEquipments/0/seals', '/transportDocumentTypeCode',
    ]));
  });

  it('requires a consignee on a straight (not to order) bill of lading', async () => {
    const findings = await findingsFor((doc) => { delete doc.documentParties.consignee; });
    expect(findings).toContainEqual(expect.objectContaining({ rule_id: 'dcsa.required-fields', path: '/documentParties/consignee' }));
  });

  it('reports a cargo item whose container is not among the utilized equipment', async () => {
    const findings = await findingsFor((doc) => { doc.consignmentItems[0].cargoItems[0].equipmentReference = 'CSQU3054383'; });
    expect(findings).toContainEqual(expect.objectContaining({ rule_id: 'cargo.unknown-equipment', path: '/consignmentItems/0/cargoItems/0/equipmentReference', severity: 'error' }));
  });

  it('reports the same port of loading and discharge', async () => {
    const findings = await findingsFor((doc) => { doc.transports.portOfDischarge.UNLocationCode = 'DKAAR'; });
    expect(findings).toContainEqual(expect.objectContaining({ rule_id: 'transport.same-ports', path: '/transports/portOfDischarge/UNLocationCode' }));
  });

  it('reports an arrival before the departure', async () => {
    const findings = await findingsFor((doc) => { doc.transports.plannedArrivalDate = '2023-12-18'; });
    expect(findings).toContainEqual(expect.objectContaining({ rule_id: 'transport.arrival-before-departure', path: '/transports/plannedArrivalDate' }));
  });

  it('reports a container number that fails its check digit, wherever it is written', async () => {
    const findings = await findingsFor((doc) => {
      doc.consignmentItems[0].cargoItems[0].equipmentReference = 'MSKU7750847';
      doc.utilizedTransportEquipments[0].equipment.equipmentReference = 'MSKU7750847';
    });
    expect(findings.filter((finding) => finding.rule_id === 'container.check-digit').map((finding) => finding.path)).toEqual([
      '/utilizedTransportEquipments/0/equipment/equipmentReference', '/consignmentItems/0/cargoItems/0/equipmentReference',
    ]);
  });

  it('reports unknown HS codes and LOCODEs from reference data', async () => {
    const findings = await findingsFor((doc) => {
      doc.consignmentItems[0].HSCodes = ['640599', '770000'];
      doc.transports.portOfDischarge.UNLocationCode = 'DEQQQ';
    });
    expect(findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule_id: 'hs-code.exists', path: '/consignmentItems/0/HSCodes/0' }),
      expect.objectContaining({ rule_id: 'hs-code.reserved-chapter', path: '/consignmentItems/0/HSCodes/1' }),
      expect.objectContaining({ rule_id: 'unlocode.exists', path: '/transports/portOfDischarge/UNLocationCode' }),
    ]));
  });

  it('checks that a charge equals unit price × quantity', async () => {
    const findings = await findingsFor((doc) => { doc.charges[0].quantity = 3; });
    expect(findings).toEqual([expect.objectContaining({ rule_id: 'arithmetic.charge-total', path: '/charges/0/currencyAmount', severity: 'error' })]);
  });

  it('reads dangerous goods of cargo items and checks their required fields', async () => {
    const dangerous = { UNNumber: '3480', properShippingName: 'Lithium ion batteries', imoClass: '9', packingGroup: 2 };
    const declared = await findingsFor((doc) => { doc.consignmentItems[0].cargoItems[0].outerPackaging.dangerousGoods = [dangerous]; });
    expect(declared).toEqual([]);
    const incomplete = await findingsFor((doc) => {
      doc.consignmentItems[0].cargoItems[0].outerPackaging.dangerousGoods = [{ ...dangerous, properShippingName: undefined }];
    });
    expect(incomplete.map((finding) => finding.rule_id).sort()).toEqual(['dcsa.required-fields', 'dg.required-fields']);
  });

  it('converts pound weights to kilograms before comparing container and cargo weights', async () => {
    const findings = await findingsFor((doc) => {
      doc.consignmentItems[0].cargoItems[0].cargoGrossWeight = { value: 1000, unit: 'LBR' };
      doc.utilizedTransportEquipments[0].cargoGrossWeight = 453.59237;
      doc.utilizedTransportEquipments[0].cargoGrossWeightUnit = 'KGM';
    });
    expect(findings).toEqual([]);
  });
});

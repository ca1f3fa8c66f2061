import { Decimal } from 'decimal.js';
import {
  emptyDocument, type CargoItem, type DangerousGoods, type DocumentLine, type Equipment, type Field,
  type MonetaryAdjustment, type Party, type PartyRole, type TradeDocument,
} from '../../../compliance/model.js';
import { arrayAt, isObject, objectAt, pointer, textField, type JsonObject } from './json-fields.js';

/** DCSA eBL 3.x Transport Documents are recognised by their own top-level keys, whatever the file is called. */
export function isDcsaTransportDocument(json: unknown): json is JsonObject {
  return isObject(json) && 'transportDocumentReference' in json
    && ('consignmentItems' in json || 'utilizedTransportEquipments' in json);
}

const POUND_IN_KG = new Decimal('0.45359237');

/** DCSA weights carry a unit (KGM or LBR); the model keeps kilograms only, so pounds are converted exactly. */
function weightInKg(value: Field | undefined, unit: string | undefined): Field | undefined {
  if (!value || unit !== 'LBR' || !/^\d+(\.\d+)?$/.test(value.value)) return value;
  return { ...value, value: new Decimal(value.value).times(POUND_IN_KG).toString() };
}

function locationCode(source: unknown, key: string, base: string): Field | undefined {
  return textField(objectAt(source, key), 'UNLocationCode', pointer(base, key));
}

function mapParty(source: unknown, path: string): Party | undefined {
  if (!isObject(source)) return undefined;
  const address = objectAt(source, 'address');
  const addressPath = pointer(path, 'address');
  const addressText = ['street', 'streetNumber', 'postCode', 'city']
    .map((key) => textField(address, key, addressPath)?.value)
    .filter(Boolean)
    .join(', ');
  const leiIndex = arrayAt(source, 'identifyingCodes')
    .findIndex((code) => isObject(code) && (code.codeListProvider === 'GLEIF' || code.codeListName === 'LEI'));
  return {
    path,
    name: textField(source, 'partyName', path),
    address: addressText ? { value: addressText, path: addressPath } : undefined,
    country: textField(address, 'countryCode', addressPath),
    lei: leiIndex >= 0 ? textField(arrayAt(source, 'identifyingCodes')[leiIndex], 'partyCode', pointer(path, 'identifyingCodes', leiIndex)) : undefined,
  };
}

function mapParties(json: JsonObject): Partial<Record<PartyRole, Party>> {
  const parties = objectAt(json, 'documentParties');
  const base = '/documentParties';
  const notify = arrayAt(parties, 'notifyParties')[0];
  const found: Partial<Record<PartyRole, Party>> = {
    shipper: mapParty(parties?.shipper, pointer(base, 'shipper')),
    consignee: mapParty(parties?.consignee, pointer(base, 'consignee')),
    issuing_party: mapParty(parties?.issuingParty, pointer(base, 'issuingParty')),
    notify_party: mapParty(notify, pointer(base, 'notifyParties', 0)),
  };
  return Object.fromEntries(Object.entries(found).filter(([, party]) => party !== undefined));
}

function mapDangerousGoods(outerPackaging: unknown, base: string): DangerousGoods[] {
  return arrayAt(outerPackaging, 'dangerousGoods').map((item, index) => {
    const path = pointer(base, 'dangerousGoods', index);
    const packingGroup = textField(item, 'packingGroup', path);
    return {
      path,
      unNumber: textField(item, 'UNNumber', path),
      hazardClass: textField(item, 'imoClass', path),
      // DCSA encodes packing groups as 1..3; the rules speak I/II/III like the dangerous goods codes do.
      packingGroup: packingGroup ? { ...packingGroup, value: ['', 'I', 'II', 'III'][Number(packingGroup.value)] ?? packingGroup.value } : undefined,
      properShippingName: textField(item, 'properShippingName', path),
    };
  });
}

function mapConsignmentItem(item: unknown, path: string, cargoItems: CargoItem[]): DocumentLine {
  const descriptions = arrayAt(item, 'descriptionOfGoods').filter((text): text is string => typeof text === 'string');
  const hsCodes = arrayAt(item, 'HSCodes').flatMap((code, index) =>
    typeof code === 'string' ? [{ value: code, path: pointer(path, 'HSCodes', index) }] : []);
  const dangerousGoods: DangerousGoods[] = [];
  arrayAt(item, 'cargoItems').forEach((cargo, index) => {
    const cargoPath = pointer(path, 'cargoItems', index);
    const gross = objectAt(cargo, 'cargoGrossWeight');
    const packaging = objectAt(cargo, 'outerPackaging');
    cargoItems.push({
      path: cargoPath,
      equipmentReference: textField(cargo, 'equipmentReference', cargoPath),
      grossWeightKg: weightInKg(textField(gross, 'value', pointer(cargoPath, 'cargoGrossWeight')), gross?.unit as string),
      packages: textField(packaging, 'numberOfPackages', pointer(cargoPath, 'outerPackaging')),
    });
    dangerousGoods.push(...mapDangerousGoods(packaging, pointer(cargoPath, 'outerPackaging')));
  });
  return {
    path,
    description: descriptions.length ? { value: descriptions.join('\n'), path: pointer(path, 'descriptionOfGoods') } : undefined,
    hsCodes,
    dangerousGoods,
  };
}

function mapEquipment(item: unknown, path: string): Equipment {
  const equipment = objectAt(item, 'equipment');
  const equipmentPath = pointer(path, 'equipment');
  return {
    path,
    containerNumber: textField(equipment, 'equipmentReference', equipmentPath) ?? textField(item, 'equipmentReference', path),
    isoEquipmentCode: textField(equipment, 'ISOEquipmentCode', equipmentPath),
    seals: arrayAt(item, 'seals').flatMap((seal, index) => {
      const number = textField(seal, 'number', pointer(path, 'seals', index));
      return number ? [number] : [];
    }),
    cargoGrossWeightKg: weightInKg(textField(item, 'cargoGrossWeight', path), isObject(item) ? (item.cargoGrossWeightUnit as string) : undefined),
  };
}

function mapCharges(json: JsonObject): MonetaryAdjustment[] {
  return arrayAt(json, 'charges').flatMap((charge, index) => {
    const path = pointer('', 'charges', index);
    const amount = textField(charge, 'currencyAmount', path);
    if (!amount) return [];
    return [{
      path,
      amount,
      description: textField(charge, 'chargeName', path),
      currency: textField(charge, 'currencyCode', path),
      unitPrice: textField(charge, 'unitPrice', path),
      quantity: textField(charge, 'quantity', path),
    }];
  });
}

/** Maps a DCSA eBL 3.x Transport Document into the canonical model (a bill of lading or sea waybill). */
export function mapDcsaTransportDocument(json: JsonObject): TradeDocument {
  const doc = emptyDocument('bill_of_lading', 'dcsa-ebl');
  doc.raw = json;
  doc.documentNumber = textField(json, 'transportDocumentReference', '');
  doc.issueDate = textField(json, 'issueDate', '');
  doc.shipmentDate = textField(json, 'shippedOnBoardDate', '') ?? textField(json, 'receivedForShipmentDate', '');
  doc.parties = mapParties(json);
  doc.lines = arrayAt(json, 'consignmentItems')
    .map((item, index) => mapConsignmentItem(item, pointer('', 'consignmentItems', index), doc.cargoItems));
  doc.equipment = arrayAt(json, 'utilizedTransportEquipments')
    .map((item, index) => mapEquipment(item, pointer('', 'utilizedTransportEquipments', index)));
  doc.charges = mapCharges(json);
  const transports = objectAt(json, 'transports');
  const base = '/transports';
  const voyage = arrayAt(transports, 'vesselVoyages')[0];
  const voyagePath = pointer(base, 'vesselVoyages', 0);
  doc.transport = {
    mode: { value: 'sea', path: '/transportDocumentTypeCode' },
    portOfLoading: locationCode(transports, 'portOfLoading', base),
    portOfDischarge: locationCode(transports, 'portOfDischarge', base),
    placeOfReceipt: locationCode(transports, 'placeOfReceipt', base),
    placeOfDelivery: locationCode(transports, 'placeOfDelivery', base),
    vesselName: textField(voyage, 'vesselName', voyagePath),
    vesselImo: textField(voyage, 'vesselIMONumber', voyagePath) ?? textField(transports, 'vesselIMONumber', base),
    voyageNumber: textField(voyage, 'carrierExportVoyageNumber', voyagePath),
    departureDate: textField(transports, 'plannedDepartureDate', base),
    arrivalDate: textField(transports, 'plannedArrivalDate', base),
  };
  if (doc.lines.some((line) => line.dangerousGoods.length > 0)) {
    doc.dangerousGoodsDeclared = { value: true, path: '/consignmentItems' };
  }
  return doc;
}

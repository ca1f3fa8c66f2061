import {
  emptyDocument, type CargoItem, type DocumentLine, type Equipment, type MonetaryAdjustment, type Party,
  type PartyRole, type TradeDocument, type TransportMode,
} from '../../../compliance/model.js';
import type { KnownDocumentType } from '../../../compliance/types.js';
import {
  arrayAt, booleanField, dangerousGoodsAt, isObject, objectAt, partyAt, pointer, textField, type JsonObject,
} from './json-fields.js';

const PARTY_KEYS: ReadonlyArray<[string, PartyRole]> = [
  ['seller', 'seller'], ['buyer', 'buyer'], ['shipper', 'shipper'], ['consignee', 'consignee'],
  ['notify_party', 'notify_party'], ['exporter', 'exporter'], ['importer', 'importer'], ['carrier', 'carrier'],
  ['issuing_authority', 'issuing_party'],
];

const TRANSPORT_MODES: ReadonlySet<string> = new Set(['sea', 'air', 'road', 'rail', 'multimodal']);

/** Maps a CargoLint JSON document (already checked against its schema) into the canonical model. */
export function mapCargolintDocument(json: JsonObject, type: KnownDocumentType): TradeDocument {
  const doc = emptyDocument(type, 'cargolint-json');
  doc.raw = json;
  doc.documentNumber = textField(json, type === 'air_waybill' ? 'awb_number' : 'document_number', '')
    ?? textField(json, 'document_number', '');
  doc.issueDate = textField(json, 'issue_date', '');
  doc.shipmentDate = textField(json, 'shipped_on_board_date', '') ?? textField(json, 'shipment_date', '');
  doc.parties = mapParties(json);
  const incoterm = objectAt(json, 'incoterm');
  doc.incoterm = textField(incoterm, 'rule', '/incoterm');
  doc.incotermPlace = textField(incoterm, 'place', '/incoterm');
  doc.currency = textField(json, 'currency', '');
  doc.countryOfOrigin = textField(json, 'country_of_origin', '');
  const linesKey = type === 'bill_of_lading' ? 'cargo_items' : 'lines';
  doc.lines = arrayAt(json, linesKey).map((line, index) => mapLine(line, pointer('', linesKey, index)));
  doc.cargoItems = mapCargoItems(json, linesKey);
  doc.charges = mapAdjustments(json, 'charges');
  doc.discounts = mapAdjustments(json, 'discounts');
  const totals = objectAt(json, 'totals');
  doc.totals = {
    amount: textField(json, 'total_amount', ''),
    packages: textField(totals, 'packages', '/totals'),
    netWeightKg: textField(totals, 'net_weight_kg', '/totals'),
    grossWeightKg: textField(totals, 'gross_weight_kg', '/totals'),
  };
  doc.transport = mapTransport(json, type);
  doc.equipment = arrayAt(json, 'containers').map((item, index) => mapContainer(item, pointer('', 'containers', index)));
  doc.dangerousGoodsDeclared = type === 'dangerous_goods_declaration'
    ? { value: true, path: '/document_type' }
    : booleanField(json, 'dangerous_goods_declared', '');
  return doc;
}

function mapParties(json: JsonObject): Partial<Record<PartyRole, Party>> {
  const parties: Partial<Record<PartyRole, Party>> = {};
  for (const [key, role] of PARTY_KEYS) {
    const party = partyAt(json, key, '');
    if (party) parties[role] = party;
  }
  return parties;
}

function mapLine(line: unknown, path: string): DocumentLine {
  const hsCode = textField(line, 'hs_code', path);
  return {
    path,
    description: textField(line, 'description', path),
    hsCodes: hsCode ? [hsCode] : [],
    quantity: textField(line, 'quantity', path),
    unit: textField(line, 'unit', path),
    unitPrice: textField(line, 'unit_price', path),
    lineTotal: textField(line, 'line_total', path),
    originCountry: textField(line, 'origin_country', path),
    netWeightKg: textField(line, 'net_weight_kg', path),
    grossWeightKg: textField(line, 'gross_weight_kg', path),
    packages: textField(line, 'packages', path),
    dangerousGoods: dangerousGoodsList(line, path),
  };
}

function dangerousGoodsList(line: unknown, path: string) {
  const dangerousGoods = dangerousGoodsAt(line, 'dangerous_goods', path);
  return dangerousGoods ? [dangerousGoods] : [];
}

/** Any line that names a container is also a cargo item stowed in that container. */
function mapCargoItems(json: JsonObject, linesKey: string): CargoItem[] {
  const items: CargoItem[] = [];
  arrayAt(json, linesKey).forEach((line, index) => {
    const path = pointer('', linesKey, index);
    const equipmentReference = textField(line, 'container_number', path);
    if (!equipmentReference) return;
    items.push({
      path,
      equipmentReference,
      grossWeightKg: textField(line, 'gross_weight_kg', path),
      packages: textField(line, 'packages', path),
    });
  });
  return items;
}

function mapAdjustments(json: JsonObject, key: string): MonetaryAdjustment[] {
  const out: MonetaryAdjustment[] = [];
  arrayAt(json, key).forEach((item, index) => {
    const path = pointer('', key, index);
    const amount = textField(item, 'amount', path);
    if (amount) out.push({ path, amount, description: textField(item, 'description', path), currency: textField(item, 'currency', path) });
  });
  return out;
}

function mapTransport(json: JsonObject, type: KnownDocumentType): TradeDocument['transport'] {
  const source = objectAt(json, 'transport');
  const base = '/transport';
  const mode = textField(source, 'mode', base);
  const impliedMode: TransportMode | undefined = type === 'air_waybill' ? 'air' : type === 'bill_of_lading' ? 'sea' : undefined;
  return {
    mode: mode && TRANSPORT_MODES.has(mode.value)
      ? { value: mode.value as TransportMode, path: mode.path }
      : impliedMode ? { value: impliedMode, path: '/document_type' } : undefined,
    portOfLoading: textField(source, 'port_of_loading', base),
    portOfDischarge: textField(source, 'port_of_discharge', base),
    placeOfReceipt: textField(source, 'place_of_receipt', base),
    placeOfDelivery: textField(source, 'place_of_delivery', base),
    vesselName: textField(source, 'vessel_name', base),
    vesselImo: textField(source, 'vessel_imo', base),
    voyageNumber: textField(source, 'voyage_number', base),
    flightNumber: textField(source, 'flight_number', base),
    airportOfDeparture: textField(source, 'airport_of_departure', base),
    airportOfDestination: textField(source, 'airport_of_destination', base),
    awbNumber: type === 'air_waybill' ? textField(json, 'awb_number', '') : undefined,
    departureDate: textField(source, 'departure_date', base),
    arrivalDate: textField(source, 'arrival_date', base),
    destinationCountry: textField(source, 'destination_country', base),
  };
}

function mapContainer(item: unknown, path: string): Equipment {
  const seals = isObject(item) && Array.isArray(item.seals) ? item.seals : [];
  return {
    path,
    containerNumber: textField(item, 'number', path),
    seals: seals.flatMap((seal, index) =>
      typeof seal === 'string' && seal.trim() ? [{ value: seal.trim(), path: pointer(path, 'seals', index) }] : []),
    isoEquipmentCode: textField(item, 'iso_type', path),
    cargoGrossWeightKg: textField(item, 'gross_weight_kg', path),
  };
}

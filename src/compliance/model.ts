/**
 * The canonical trade document: every parser (CargoLint JSON, DCSA eBL, PDF text) produces this shape and every
 * rule reads only this shape. Values stay strings where exactness matters (amounts, weights, codes) so that no
 * float ever rounds a total; each value remembers where it came from so a finding can point at it.
 */
import type { DocumentType } from './types.js';

export type SourceFormat = 'cargolint-json' | 'dcsa-ebl' | 'pdf';

export interface Field<T = string> {
  value: T;
  /** JSON pointer for JSON input, `page N, line M` for PDF. */
  path: string;
  /** 0..1, only for values guessed from a PDF's text. */
  confidence?: number;
}

export interface Party {
  path: string;
  name?: Field;
  address?: Field;
  /** ISO 3166-1 alpha-2 as written in the document (not yet validated). */
  country?: Field;
  lei?: Field;
}

export type PartyRole =
  | 'seller'
  | 'buyer'
  | 'shipper'
  | 'consignee'
  | 'notify_party'
  | 'exporter'
  | 'importer'
  | 'carrier'
  | 'issuing_party';

export interface DangerousGoods {
  path: string;
  unNumber?: Field;
  hazardClass?: Field;
  packingGroup?: Field;
  properShippingName?: Field;
}

export interface DocumentLine {
  path: string;
  description?: Field;
  hsCodes: Field[];
  quantity?: Field;
  unit?: Field;
  unitPrice?: Field;
  lineTotal?: Field;
  originCountry?: Field;
  netWeightKg?: Field;
  grossWeightKg?: Field;
  packages?: Field;
  /** One entry per dangerous substance declared for the line (DCSA allows several per package). */
  dangerousGoods: DangerousGoods[];
}

export interface MonetaryAdjustment {
  path: string;
  description?: Field;
  amount: Field;
  currency?: Field;
  /** Present when the source gives the parts of the amount (DCSA charges). */
  unitPrice?: Field;
  quantity?: Field;
}

export interface DocumentTotals {
  amount?: Field;
  packages?: Field;
  netWeightKg?: Field;
  grossWeightKg?: Field;
}

export interface Equipment {
  path: string;
  containerNumber?: Field;
  seals: Field[];
  isoEquipmentCode?: Field;
  cargoGrossWeightKg?: Field;
}

export interface CargoItem {
  path: string;
  equipmentReference?: Field;
  grossWeightKg?: Field;
  packages?: Field;
}

export type TransportMode = 'sea' | 'air' | 'road' | 'rail' | 'multimodal';

export interface Transport {
  mode?: Field<TransportMode>;
  portOfLoading?: Field;
  portOfDischarge?: Field;
  placeOfReceipt?: Field;
  placeOfDelivery?: Field;
  vesselName?: Field;
  vesselImo?: Field;
  voyageNumber?: Field;
  awbNumber?: Field;
  flightNumber?: Field;
  airportOfDeparture?: Field;
  airportOfDestination?: Field;
  departureDate?: Field;
  arrivalDate?: Field;
  destinationCountry?: Field;
}

export interface TextLine {
  page: number;
  line: number;
  text: string;
}

export interface TradeDocument {
  documentType: DocumentType;
  format: SourceFormat;
  documentNumber?: Field;
  /** Date the document was issued (invoice date, B/L issue date…). */
  issueDate?: Field;
  /** Date the goods were shipped (shipped on board, flight date…). */
  shipmentDate?: Field;
  parties: Partial<Record<PartyRole, Party>>;
  incoterm?: Field;
  incotermPlace?: Field;
  currency?: Field;
  countryOfOrigin?: Field;
  lines: DocumentLine[];
  charges: MonetaryAdjustment[];
  discounts: MonetaryAdjustment[];
  totals: DocumentTotals;
  transport: Transport;
  equipment: Equipment[];
  cargoItems: CargoItem[];
  /** True when the document says it carries dangerous goods (DG declaration, AWB/B-L DG flag). */
  dangerousGoodsDeclared?: Field<boolean>;
  /** Full text of a PDF, line by line, for keyword rules; empty for JSON. */
  textLines: TextLine[];
  /** The parsed JSON as received, for format-specific rules (DCSA required fields). */
  raw?: unknown;
}

export function emptyDocument(documentType: DocumentType, format: SourceFormat): TradeDocument {
  return {
    documentType,
    format,
    parties: {},
    lines: [],
    charges: [],
    discounts: [],
    totals: {},
    transport: {},
    equipment: [],
    cargoItems: [],
    textLines: [],
  };
}

/** Every party of a document with its role, in a stable order. */
export function partiesOf(doc: TradeDocument): Array<[PartyRole, Party]> {
  return Object.entries(doc.parties).filter((entry): entry is [PartyRole, Party] => entry[1] !== undefined);
}

/**
 * Every payable amount with its currency, for minor-unit checks. Unit prices are left out on purpose: prices of
 * 0.125 USD per screw are normal, only what is actually paid must fit the currency's minor unit.
 */
export function payableAmountsOf(doc: TradeDocument): Array<{ amount: Field; currency?: Field }> {
  const out: Array<{ amount: Field; currency?: Field }> = [];
  for (const line of doc.lines) {
    if (line.lineTotal) out.push({ amount: line.lineTotal, currency: doc.currency });
  }
  for (const adjustment of [...doc.charges, ...doc.discounts]) {
    out.push({ amount: adjustment.amount, currency: adjustment.currency ?? doc.currency });
  }
  if (doc.totals.amount) out.push({ amount: doc.totals.amount, currency: doc.currency });
  return out;
}

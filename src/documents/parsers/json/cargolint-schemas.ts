import type { KnownDocumentType } from '../../../compliance/types.js';
import {
  adjustment, common, container, date, decimal, incoterm, line, sharedDefs, totals, transport,
} from './cargolint-defs.js';
import type { JsonSchema } from './json-schema.js';

const partyRef: JsonSchema = { $ref: '#/$defs/party' };

function documentSchema(
  type: KnownDocumentType,
  title: string,
  required: string[],
  properties: Record<string, JsonSchema>,
): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:cargolint:schema:${type}:1`,
    title,
    type: 'object',
    required: ['document_type', ...required],
    additionalProperties: false,
    properties: { document_type: { const: type }, ...common, ...properties },
    $defs: sharedDefs,
  };
}

/** The published CargoLint JSON document schemas, one per document type (see docs/document-format.md). */
export const CARGOLINT_SCHEMAS: Readonly<Record<KnownDocumentType, JsonSchema>> = {
  commercial_invoice: documentSchema(
    'commercial_invoice',
    'CargoLint commercial invoice',
    ['document_number', 'issue_date', 'seller', 'buyer', 'currency', 'lines', 'total_amount'],
    {
      seller: partyRef, buyer: partyRef, consignee: partyRef,
      shipment_date: date, incoterm, currency: { type: 'string', description: 'ISO 4217' },
      country_of_origin: { type: 'string' }, payment_terms: { type: 'string' },
      lines: { type: 'array', minItems: 1, items: line(['description', 'quantity', 'unit_price', 'line_total']) },
      charges: { type: 'array', items: adjustment },
      discounts: { type: 'array', items: adjustment },
      total_amount: decimal,
      transport: transport(),
      containers: { type: 'array', items: container },
    },
  ),
  packing_list: documentSchema(
    'packing_list',
    'CargoLint packing list',
    ['document_number', 'issue_date', 'shipper', 'consignee', 'lines', 'totals'],
    {
      shipper: partyRef, consignee: partyRef, notify_party: partyRef,
      invoice_number: { type: 'string' }, shipment_date: date, incoterm,
      lines: { type: 'array', minItems: 1, items: line(['description', 'packages', 'net_weight_kg', 'gross_weight_kg']) },
      totals,
      transport: transport(),
      containers: { type: 'array', items: container },
    },
  ),
  bill_of_lading: documentSchema(
    'bill_of_lading',
    'CargoLint bill of lading',
    ['document_number', 'issue_date', 'shipper', 'consignee', 'transport', 'containers', 'cargo_items'],
    {
      shipper: partyRef, consignee: partyRef, notify_party: partyRef, carrier: partyRef,
      shipped_on_board_date: date, incoterm,
      freight_terms: { enum: ['prepaid', 'collect'] },
      transport: transport(['port_of_loading', 'port_of_discharge', 'vessel_name']),
      containers: { type: 'array', minItems: 1, items: container },
      cargo_items: {
        type: 'array', minItems: 1,
        items: line(['description', 'container_number', 'packages', 'gross_weight_kg']),
      },
      totals,
    },
  ),
  certificate_of_origin: documentSchema(
    'certificate_of_origin',
    'CargoLint certificate of origin',
    ['document_number', 'issue_date', 'exporter', 'consignee', 'issuing_authority', 'lines'],
    {
      exporter: partyRef, consignee: partyRef, importer: partyRef, issuing_authority: partyRef,
      country_of_origin: { type: 'string', description: 'ISO 3166-1 alpha-2' },
      invoice_number: { type: 'string' },
      lines: { type: 'array', minItems: 1, items: line(['description', 'hs_code']) },
      transport: transport(),
    },
  ),
  air_waybill: documentSchema(
    'air_waybill',
    'CargoLint air waybill',
    ['awb_number', 'issue_date', 'shipper', 'consignee', 'transport', 'lines'],
    {
      awb_number: { type: 'string', description: 'IATA air waybill number, e.g. 176-12345675' },
      shipper: partyRef, consignee: partyRef, carrier: partyRef, incoterm,
      transport: transport(['airport_of_departure', 'airport_of_destination']),
      lines: { type: 'array', minItems: 1, items: line(['description', 'packages', 'gross_weight_kg']) },
      totals,
    },
  ),
  dangerous_goods_declaration: documentSchema(
    'dangerous_goods_declaration',
    "CargoLint shipper's declaration for dangerous goods",
    ['document_number', 'issue_date', 'shipper', 'consignee', 'transport', 'lines', 'emergency_contact'],
    {
      shipper: partyRef, consignee: partyRef,
      transport: transport(),
      containers: { type: 'array', items: container },
      lines: {
        type: 'array', minItems: 1,
        items: line(['dangerous_goods', 'packages', 'gross_weight_kg']),
      },
      emergency_contact: {
        type: 'object', required: ['name', 'phone'], additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1 }, phone: { type: 'string', minLength: 1 } },
      },
    },
  ),
};

import type { JsonSchema } from './json-schema.js';

/**
 * Building blocks of the CargoLint document schemas. Formats of codes (country, currency, HS, LOCODE, container)
 * are deliberately NOT constrained here: the compliance rules check them with better messages and hints, and a
 * schema error would hide the rule finding. The schema only guarantees the structure the rules rely on.
 */
const text: JsonSchema = { type: 'string', minLength: 1 };

/** Amounts and weights travel as strings so no JSON number is rounded; plain numbers are tolerated. */
export const decimal: JsonSchema = {
  type: ['string', 'number'],
  pattern: '^-?\\d+(\\.\\d+)?$',
  description: 'a decimal written with a dot, e.g. "1234.50"',
};

export const date: JsonSchema = { type: 'string', minLength: 1, description: 'ISO 8601 date, YYYY-MM-DD' };

export const party: JsonSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: text,
    address: { type: 'string' },
    country: { type: 'string', description: 'ISO 3166-1 alpha-2' },
    lei: { type: 'string', description: 'ISO 17442 Legal Entity Identifier' },
  },
};

export const dangerousGoods: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    un_number: { type: 'string', description: 'UN followed by four digits, e.g. UN3480' },
    class: { type: 'string', description: 'hazard class or division, e.g. 9 or 2.1' },
    packing_group: { type: 'string', description: 'I, II or III' },
    proper_shipping_name: { type: 'string' },
  },
};

const lineProperties: Record<string, JsonSchema> = {
  description: text,
  hs_code: { type: 'string', description: 'HS code, 6 to 10 digits' },
  quantity: decimal,
  unit: { type: 'string' },
  unit_price: decimal,
  line_total: decimal,
  origin_country: { type: 'string' },
  net_weight_kg: decimal,
  gross_weight_kg: decimal,
  packages: { type: 'integer', minimum: 0 },
  container_number: { type: 'string' },
  dangerous_goods: { $ref: '#/$defs/dangerous_goods' },
};

export function line(required: string[], extra: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', required, additionalProperties: false, properties: { ...lineProperties, ...extra } };
}

export const adjustment: JsonSchema = {
  type: 'object',
  required: ['description', 'amount'],
  additionalProperties: false,
  properties: { description: text, amount: decimal, currency: { type: 'string', description: 'ISO 4217, when not the document currency' } },
};

export const incoterm: JsonSchema = {
  type: 'object',
  required: ['rule'],
  additionalProperties: false,
  properties: {
    rule: { type: 'string', description: 'Incoterms 2020 rule, e.g. FOB' },
    place: { type: 'string', description: 'named place or port' },
  },
};

export function transport(required: string[] = []): JsonSchema {
  return {
    type: 'object',
    required,
    additionalProperties: false,
    properties: {
      mode: { enum: ['sea', 'air', 'road', 'rail', 'multimodal'] },
      port_of_loading: { type: 'string', description: 'UN/LOCODE' },
      port_of_discharge: { type: 'string', description: 'UN/LOCODE' },
      place_of_receipt: { type: 'string' },
      place_of_delivery: { type: 'string' },
      vessel_name: { type: 'string' },
      vessel_imo: { type: 'string', description: 'IMO ship number, 7 digits' },
      voyage_number: { type: 'string' },
      flight_number: { type: 'string' },
      airport_of_departure: { type: 'string', description: 'IATA airport code' },
      airport_of_destination: { type: 'string', description: 'IATA airport code' },
      departure_date: date,
      arrival_date: date,
      destination_country: { type: 'string' },
    },
  };
}

export const container: JsonSchema = {
  type: 'object',
  required: ['number'],
  additionalProperties: false,
  properties: {
    number: { type: 'string', description: 'ISO 6346 container number, e.g. CSQU3054383' },
    seals: { type: 'array', items: text },
    iso_type: { type: 'string', description: 'ISO 6346 size/type code, e.g. 22G1' },
    gross_weight_kg: decimal,
  },
};

export const totals: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { packages: { type: 'integer', minimum: 0 }, net_weight_kg: decimal, gross_weight_kg: decimal },
};

export const sharedDefs: Record<string, JsonSchema> = { party, dangerous_goods: dangerousGoods };

export const common: Record<string, JsonSchema> = {
  document_number: text,
  issue_date: date,
  remarks: { type: 'string' },
  dangerous_goods_declared: { type: 'boolean' },
};

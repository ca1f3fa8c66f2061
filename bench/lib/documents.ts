/** The documents the bench uploads and lints, built here so every figure names exactly what was measured. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './procs.js';

const GOODS = [
  { description: "Men's T-shirts, knitted, 100% cotton", hs_code: '610910', unit: 'PCS', cents: 380 },
  { description: 'Porcelain dinner plates, 27 cm', hs_code: '691110', unit: 'PCS', cents: 125 },
  { description: 'Stainless steel table knives with fixed blades', hs_code: '821191', unit: 'PCS', cents: 45 },
  { description: 'Stainless steel kitchen colanders, 24 cm', hs_code: '732393', unit: 'PCS', cents: 310 },
  { description: 'Wooden living-room side tables, oak veneer', hs_code: '940360', unit: 'PCS', cents: 4200 },
  { description: 'USB-C laptop power adapters, 65 W', hs_code: '850440', unit: 'PCS', cents: 890 },
  { description: 'Wireless in-ear headphones with charging case', hs_code: '851830', unit: 'PCS', cents: 1450 },
  { description: 'Plastic storage boxes with lids, 30 litres', hs_code: '392690', unit: 'PCS', cents: 260 },
  { description: 'Notebook computers, 14 inch, 1.3 kg', hs_code: '847130', unit: 'PCS', cents: 38900 },
  { description: 'Plastic-sheeting cosmetic bags with zip', hs_code: '420292', unit: 'PCS', cents: 175 },
];

const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * A CargoLint JSON commercial invoice (schema: src/documents/parsers/json/cargolint-schemas.ts) with `lines` goods
 * lines whose arithmetic adds up, so the engine runs every rule and finds nothing: the clean path is the common one.
 * `sequence` makes each upload's bytes distinct (the blob store deduplicates identical files).
 */
export function commercialInvoice(lines: number, sequence = 0): Record<string, unknown> {
  let total = 0;
  const items = Array.from({ length: lines }, (_, i) => {
    const goods = GOODS[i % GOODS.length];
    const quantity = 10 + ((i * 37) % 490);
    const lineTotal = quantity * goods.cents;
    total += lineTotal;
    return {
      description: goods.description, hs_code: goods.hs_code, quantity: String(quantity), unit: goods.unit,
      unit_price: money(goods.cents), line_total: money(lineTotal), origin_country: 'CN',
      net_weight_kg: String(quantity), gross_weight_kg: String(quantity + 5), packages: 1 + (i % 9),
    };
  });
  const freight = 35_000;
  return {
    document_type: 'commercial_invoice',
    document_number: `INV-BENCH-${String(sequence).padStart(7, '0')}`,
    issue_date: '2024-03-01',
    shipment_date: '2024-03-05',
    seller: { name: 'Shenzhen Everbright Home Goods Co., Ltd.', address: "88 Bao'an Avenue, Shenzhen 518101", country: 'CN', lei: '5493001KJTIIGC8Y1R12' },
    buyer: { name: 'Nordhafen Handels GmbH', address: 'Am Sandtorkai 12, 20457 Hamburg', country: 'DE' },
    incoterm: { rule: 'CIF', place: 'Hamburg' },
    currency: 'EUR',
    payment_terms: '30 days net',
    lines: items,
    charges: [{ description: 'Ocean freight', amount: money(freight) }],
    total_amount: money(total + freight),
    transport: {
      mode: 'sea', port_of_loading: 'CNYTN', port_of_discharge: 'DEHAM', vessel_name: 'MSC AURORA', vessel_imo: '9321483',
      voyage_number: '412W', departure_date: '2024-03-05', arrival_date: '2024-04-10', destination_country: 'DE',
    },
  };
}

/** Where shared/ lives: beside the repository, as CI and the tests expect; CARGOLINT_SHARED_DIR overrides. */
export const SHARED_DIR = process.env.CARGOLINT_SHARED_DIR ?? path.resolve(ROOT, '../shared');
export const REFERENCE_DIR = process.env.CARGOLINT_REFERENCE_DIR ?? path.join(SHARED_DIR, 'reference');

/** The DCSA eBL 3.0 example with its over-long placeholders replaced by references of allowed lengths. */
export function dcsaTransportDocument(): Buffer {
  const text = readFileSync(path.join(SHARED_DIR, 'fixtures/dcsa/dcsa-pint-3.0.0-transport-document.json'), 'utf8')
    .replace('TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER', 'HMMU2312190042')
    .replace('SHIPPING_INSTRUCTION_REFERENCE_PLACEHOLDER', 'SI-DCSA-2023-0042')
    .replace('BOOKING_REFERENCE_PLACEHOLDER', 'HMMB2312190042');
  return Buffer.from(text);
}

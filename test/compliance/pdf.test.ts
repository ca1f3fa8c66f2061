import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/compliance/check.js';
import { classifyDocumentText } from '../../src/documents/parsers/pdf/pdf-classify.js';
import { parsePdfDocument } from '../../src/documents/parsers/pdf/pdf-parser.js';
import { readAmount, readCountry, readDate } from '../../src/documents/parsers/pdf/pdf-values.js';
import { buildPasswordProtectedPdf, buildPdf, rows, type PrintedLine } from './support/pdf-builder.js';
import { CONTEXT } from './support/fixtures.js';

const INVOICE: PrintedLine[] = [
  { text: 'COMMERCIAL INVOICE', row: 0 },
  { text: 'Invoice No: INV-2024-0042', row: 2 }, { text: 'Invoice Date: 2024-03-01', row: 2, x: 320 },
  { text: 'Seller:', row: 4 }, { text: 'Shenzhen Everbright Home Goods Co., Ltd.', row: 5 },
  { text: 'Buyer: Nordhafen Handels GmbH', row: 7 },
  { text: 'Terms of delivery: FCA Yantian Incoterms 2020', row: 9 },
  { text: 'Currency: EUR', row: 10 },
  { text: 'Port of Loading: Yantian (CNYTN)', row: 11 }, { text: 'Port of Discharge: Hamburg (DEHAM)', row: 12 },
  { text: 'Country of destination: Germany', row: 13 },
  { text: 'Description of goods: Porcelain dinner plates, 27 cm', row: 14 }, { text: 'HS Code: 6911.10', row: 15 },
  { text: 'Container: CSQU 305438 3', row: 16 },
  { text: 'Total: EUR 4,752.40', row: 19 },
];

async function check(bytes: Buffer) {
  return checkDocument({ bytes, filename: 'document.pdf' }, CONTEXT);
}

describe('PDF text extraction into the canonical model', () => {
  it('classifies an invoice and reads its fields with their page and line', async () => {
    const parsed = await parsePdfDocument(await buildPdf([INVOICE]));
    const doc = parsed.document!;
    expect(parsed.detectedType).toBe('commercial_invoice');
    expect(doc.documentNumber).toMatchObject({ value: 'INV-2024-0042', path: 'page 1, line 2' });
    expect(doc.issueDate).toMatchObject({ value: '2024-03-01', path: 'page 1, line 2' });
    expect(doc.incoterm?.value).toBe('FCA');
    expect(doc.incotermPlace?.value).toBe('Yantian');
    expect(doc.currency?.value).toBe('EUR');
    expect(doc.totals.amount).toMatchObject({ value: '4752.40', path: 'page 1, line 14' });
    expect(doc.transport.portOfLoading?.value).toBe('CNYTN');
    expect(doc.transport.portOfDischarge?.value).toBe('DEHAM');
    expect(doc.transport.destinationCountry?.value).toBe('DE');
    expect(doc.lines[0].hsCodes[0].value).toBe('691110');
    expect(doc.equipment[0].containerNumber?.value).toBe('CSQU3054383');
    expect(doc.parties.seller?.name?.value).toBe('Shenzhen Everbright Home Goods Co., Ltd.');
    for (const field of [doc.documentNumber, doc.currency, doc.totals.amount]) expect(field?.confidence).toBeGreaterThan(0.7);
  });

  it('lints a clean invoice PDF as processed, with findings pointing at page and line', async () => {
    const clean = await check(await buildPdf([INVOICE]));
    expect(clean).toMatchObject({ contentType: 'application/pdf', documentType: 'commercial_invoice', status: 'processed' });
    expect(clean.findings).toEqual([]);

    const broken = INVOICE.map((line) => (line.text.startsWith('Container') ? { ...line, text: 'Container: MSKU 775084 7' } : line));
    const result = await check(await buildPdf([broken]));
    expect(result.findings).toContainEqual(expect.objectContaining({ rule_id: 'container.check-digit', path: 'page 1, line 13', severity: 'error' }));
  });

  it('asks for review when key fields are missing or doubtful', async () => {
    const sparse = await check(await buildPdf([rows('COMMERCIAL INVOICE', 'Invoice No: INV-77', 'Date: 03/04/2024')]));
    expect(sparse.status).toBe('requires_review');
    expect(sparse.findings).toContainEqual(expect.objectContaining({ rule_id: 'pdf.needs-review', severity: 'info' }));
    expect(sparse.findings).toContainEqual(expect.objectContaining({ rule_id: 'pdf.low-confidence', path: 'page 1, line 3' }));
  });

  it('reports errors on confidently read values, but only warnings on guessed ones', async () => {
    const certain = await check(await buildPdf([rows('COMMERCIAL INVOICE', 'Invoice No: INV-77', 'Date: 2024-02-30')]));
    expect(certain.findings).toContainEqual(expect.objectContaining({ rule_id: 'date.invalid', severity: 'error' }));
    const guessed = await check(await buildPdf([rows('BILL OF LADING', 'B/L No: BL-1234', 'Port of loading: SHANGHAI CHINA')]));
    expect(guessed.findings).toContainEqual(expect.objectContaining({
      rule_id: 'unlocode.exists', severity: 'warning', message: expect.stringContaining('low confidence'),
    }));
    expect(guessed.status).toBe('requires_review');
  });

  it('finds undeclared dangerous goods words anywhere in the text', async () => {
    const result = await check(await buildPdf([[...INVOICE, { text: 'Contains lithium ion batteries', row: 20 }]]));
    expect(result.findings).toContainEqual(expect.objectContaining({ rule_id: 'dg.undeclared', path: 'page 1, line 15' }));
  });

  it('reads a bill of lading and an air waybill', async () => {
    const bl = await parsePdfDocument(await buildPdf([[
      ...rows('BILL OF LADING', 'B/L No: YTNHAM240305', 'Vessel: MSC AURORA'),
      { text: 'Voyage No: 412W', row: 2, x: 320 },
      ...rows('', '', '', 'IMO 9321483', 'Port of loading: CNYTN', 'Port of discharge: DEHAM', 'Container TGHU9786120 Seal SL-448813'),
    ]]));
    expect(bl.detectedType).toBe('bill_of_lading');
    expect(bl.document?.documentNumber?.value).toBe('YTNHAM240305');
    expect(bl.document?.transport.vesselImo?.value).toBe('9321483');
    expect(bl.document?.transport.vesselName?.value).toBe('MSC AURORA');
    expect(bl.document?.transport.voyageNumber?.value).toBe('412W');
    expect(bl.document?.transport.portOfLoading?.value).toBe('CNYTN');
    expect(bl.needsReview).toBe(false);
    const awb = await parsePdfDocument(await buildPdf([rows('AIR WAYBILL', 'AWB 176-1234 5675', 'Airport of departure: HKG')]));
    expect(awb.detectedType).toBe('air_waybill');
    expect(awb.document?.transport.awbNumber?.value).toBe('176-12345675');
  });

  it('reads a dangerous goods declaration without mistaking its title for the shipper', async () => {
    const pdf = await buildPdf([rows(
      "SHIPPER'S DECLARATION FOR DANGEROUS GOODS", 'Reference No: DGD-2024-0117', 'Date: 2024-03-03',
      'Shipper: Shenzhen Voltcell Energy Co., Ltd.', 'UN3480', 'Proper shipping name: Lithium ion batteries',
      'Class: 9', 'Packing group: II',
    )]);
    const parsed = await parsePdfDocument(pdf);
    expect(parsed.detectedType).toBe('dangerous_goods_declaration');
    expect(parsed.document?.parties.shipper?.name?.value).toBe('Shenzhen Voltcell Energy Co., Ltd.');
    expect(parsed.document?.lines[0].dangerousGoods[0]).toMatchObject({
      unNumber: { value: 'UN3480' }, hazardClass: { value: '9' }, packingGroup: { value: 'II' }, properShippingName: { value: 'Lithium ion batteries' },
    });
    const result = await check(pdf);
    expect(result).toMatchObject({ status: 'processed', findings: [] });
    const incomplete = await check(await buildPdf([rows("SHIPPER'S DECLARATION FOR DANGEROUS GOODS", 'Reference No: DGD-1', 'UN3480')]));
    expect(incomplete.findings).toContainEqual(expect.objectContaining({ rule_id: 'dg.required-fields', severity: 'warning' }));
  });

  it('uses the declared type over the guessed one', async () => {
    const parsed = await parsePdfDocument(await buildPdf([rows('Some form', 'Reference: 12345')]), 'packing_list');
    expect(parsed.detectedType).toBe('packing_list');
  });

  it('reports a truncated PDF as unreadable', async () => {
    const bytes = await buildPdf([INVOICE]);
    const result = await check(bytes.subarray(0, 400));
    expect(result).toMatchObject({ contentType: 'application/pdf', status: 'failed' });
    expect(result.findings).toEqual([expect.objectContaining({ rule_id: 'document.unreadable', severity: 'error' })]);
  });

  it('reports a password-protected PDF as unreadable and says why', async () => {
    const result = await check(await buildPasswordProtectedPdf());
    expect(result.status).toBe('failed');
    expect(result.findings[0]).toMatchObject({ rule_id: 'document.unreadable', message: expect.stringContaining('password') });
  });

  it('sends a PDF without text layer to review', async () => {
    const result = await check(await buildPdf([[]]));
    expect(result.status).toBe('requires_review');
    expect(result.findings).toEqual([expect.objectContaining({ rule_id: 'pdf.no-text-layer', severity: 'info' })]);
  });

  it('reads at most the page limit and times out instead of hanging', async () => {
    const pages = Array.from({ length: 4 }, (_, index) => rows(`PACKING LIST page ${index + 1}`));
    const parsed = await parsePdfDocument(await buildPdf(pages), undefined, { maxPages: 2, timeoutMs: 10_000 });
    expect(parsed.findings).toContainEqual(expect.objectContaining({ rule_id: 'pdf.pages-skipped' }));
    expect(parsed.document?.textLines.map((line) => line.page)).toEqual([1, 2]);
    const slow = await parsePdfDocument(await buildPdf(pages), undefined, { maxPages: 30, timeoutMs: 0 });
    expect(slow.findings[0]).toMatchObject({ rule_id: 'document.unreadable', message: expect.stringContaining('longer than') });
  });
});

describe('reading printed values', () => {
  it('reads dates, flagging ambiguous day/month order', () => {
    expect(readDate('2024-03-01')).toEqual({ value: '2024-03-01', confidence: 0.95 });
    expect(readDate('25.12.2024')?.value).toBe('2024-12-25');
    expect(readDate('03/04/2024')?.confidence).toBeLessThan(0.7);
    expect(readDate('12 March 2024')?.value).toBe('2024-03-12');
    expect(readDate('March 12, 2024')?.value).toBe('2024-03-12');
    expect(readDate('soon')).toBeNull();
  });
  it('reads amounts with either decimal separator', () => {
    expect(readAmount('1,234.50')?.value).toBe('1234.50');
    expect(readAmount('1.234,50')?.value).toBe('1234.50');
    expect(readAmount('1 234,5')?.value).toBe('1234.5');
    expect(readAmount('1,234')).toEqual({ value: '1234', confidence: 0.6 });
    expect(readAmount('12.5')?.value).toBe('12.5');
    expect(readAmount('abc')).toBeNull();
  });
  it('reads country names and codes', () => {
    expect(readCountry('Germany')?.value).toBe('DE');
    expect(readCountry('CN')?.value).toBe('CN');
    expect(readCountry('Atlantis')).toBeNull();
  });
  it('classifies by title keywords and says when it cannot', () => {
    expect(classifyDocumentText([{ page: 1, line: 1, text: 'CERTIFICATE OF ORIGIN' }]).type).toBe('certificate_of_origin');
    expect(classifyDocumentText([{ page: 1, line: 1, text: "SHIPPER'S DECLARATION FOR DANGEROUS GOODS" }]).type).toBe('dangerous_goods_declaration');
    expect(classifyDocumentText([{ page: 1, line: 1, text: 'Hello' }]).type).toBe('unknown');
  });
});

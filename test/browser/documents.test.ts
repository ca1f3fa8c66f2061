// Upload in a real browser: a batch of two JSON documents, per-file progress, findings on the document page,
// and selected documents downloaded as one ZIP.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM, screenshot, signUpThroughUi, SKIP_REASON, uniqueEmail, useBrowserSession,
} from './support.js';

const suite = HAS_CHROMIUM ? describe : describe.skip;
if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

/** A commercial invoice with a container number whose check digit is wrong and a vague goods description. */
const BAD_INVOICE = {
  document_type: 'commercial_invoice',
  document_number: 'INV-2025-0042',
  issue_date: '2025-03-10',
  seller: { name: 'Nordic Parts AB', address: 'Hamngatan 1, 411 06 Göteborg', country: 'SE' },
  buyer: { name: 'Rotterdam Machinery BV', address: 'Waalhaven 12, Rotterdam', country: 'NL' },
  currency: 'EUR',
  incoterm: { rule: 'FOB', place: 'Gothenburg' },
  country_of_origin: 'SE',
  lines: [{ description: 'parts', hs_code: '848790', quantity: '10', unit_price: '25.00', line_total: '250.00', origin_country: 'SE' }],
  total_amount: '250.00',
  transport: { mode: 'sea', port_of_loading: 'SEGOT', port_of_discharge: 'NLRTM' },
  containers: [{ number: 'MSKU7750847', seals: ['SL123456'] }],
};

const PACKING_LIST = {
  document_type: 'packing_list',
  document_number: 'PL-2025-0042',
  issue_date: '2025-03-10',
  shipper: { name: 'Nordic Parts AB', country: 'SE' },
  consignee: { name: 'Rotterdam Machinery BV', country: 'NL' },
  invoice_number: 'INV-2025-0042',
  lines: [{ description: 'Hydraulic gear pumps, cast iron, for forklifts', packages: 4, net_weight_kg: '380', gross_weight_kg: '412' }],
  totals: { packages: 4, net_weight_kg: '380', gross_weight_kg: '412' },
};

suite('web UI: documents', () => {
  const session = useBrowserSession({});

  it('uploads a batch, shows the invoice findings by severity, and downloads the selection as a ZIP', async () => {
    const { page, pageErrors } = session;
    await signUpThroughUi(page, { name: 'Jan Forwarder', email: uniqueEmail('docs'), organization: 'Baltic Forwarding' });
    await page.getByRole('heading', { name: 'No documents yet' }).waitFor();

    await page.getByLabel('Files to upload').setInputFiles([
      { name: 'invoice-INV-2025-0042.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(BAD_INVOICE, null, 2)) },
      { name: 'packing-list-PL-2025-0042.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(PACKING_LIST, null, 2)) },
    ]);
    const batch = page.getByRole('group', { name: /Upload batch bat_/ });
    await batch.getByText('2 files uploaded').waitFor();
    expect(await batch.locator('progress').count()).toBe(2);

    // The list fills in as processing ends (it polls while anything is processing).
    const invoiceRow = page.locator('tbody tr', { hasText: 'invoice-INV-2025-0042.json' });
    await invoiceRow.filter({ hasText: /\d+ errors?/ }).waitFor({ timeout: 20_000 });
    await page.locator('tbody tr', { hasText: 'packing-list-PL-2025-0042.json' }).filter({ hasNotText: 'Processing' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'documents');

    // Select both, Download ZIP: a real archive arrives.
    await page.getByRole('checkbox', { name: 'Select all documents shown' }).check();
    await page.getByText('2 documents selected').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download ZIP' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = fs.readFileSync((await download.path())!);
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');

    // The invoice's findings, grouped by severity, each with where, what and how to fix.
    await invoiceRow.getByRole('link', { name: 'invoice-INV-2025-0042.json' }).click();
    await page.getByRole('heading', { level: 1, name: 'invoice-INV-2025-0042.json' }).waitFor();
    const errors = page.getByRole('region', { name: /^Errors/ });
    const containerFinding = errors.locator('li.finding', { hasText: 'MSKU7750847' });
    await containerFinding.waitFor();
    await expect(containerFinding.textContent()).resolves.toContain('container.check-digit');
    expect(await containerFinding.locator('.finding-path').count()).toBe(1);
    expect(await containerFinding.locator('.finding-hint').count()).toBe(1);
    const warnings = page.getByRole('region', { name: /^Warnings/ });
    const vague = warnings.locator('li.finding', { hasText: 'goods.vague-description' });
    await expect(vague.textContent()).resolves.toContain('"parts"');
    await page.mouse.move(0, 0);
    await screenshot(page, 'document');

    // Phone width holds.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'document-phone', { fullPage: false });
    await page.setViewportSize({ width: 1280, height: 860 });

    // Delete, after confirmation.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this document?' });
    await confirm.getByRole('button', { name: 'Delete document' }).click();
    await page.waitForURL('**/documents');
    await page.locator('tbody tr', { hasText: 'packing-list-PL-2025-0042.json' }).waitFor();
    expect(await page.locator('tbody tr', { hasText: 'invoice-INV-2025-0042.json' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

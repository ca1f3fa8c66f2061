// A webhook the system disabled (its endpoint answered 410 Gone) is shown as failed with its reason, then
// re-enabled from the UI with a dry-run count first, and the deliveries missed meanwhile arrive.
import { describe, expect, it } from 'vitest';
import {
  apiFromPage, OK_ANSWER, HAS_CHROMIUM, screenshot, signUpThroughUi, SKIP_REASON, uniqueEmail, uploadFromPage, useBrowserSession,
} from './support.js';

const suite = HAS_CHROMIUM ? describe : describe.skip;
if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

const PACKING_LIST = {
  document_type: 'packing_list',
  document_number: 'PL-7',
  issue_date: '2025-03-10',
  shipper: { name: 'Nordic Parts AB', country: 'SE' },
  consignee: { name: 'Rotterdam Machinery BV', country: 'NL' },
  lines: [{ description: 'Hydraulic gear pumps, cast iron, for forklifts', packages: 4, net_weight_kg: '380', gross_weight_kg: '412' }],
};

suite('web UI: failed webhook recovery', () => {
  const session = useBrowserSession({ CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS: 'true', CARGOLINT_DEFAULT_PLAN: 'business' });

  it('shows why a webhook failed, counts what a recovery would resend, then re-enables it and resends', async () => {
    const { page, receiver, pageErrors } = session;
    await signUpThroughUi(page, { name: 'Rita Ops', email: uniqueEmail('recover'), organization: 'Hamburg Forwarding GmbH' });
    const created = await apiFromPage(page, 'POST', '/webhooks', { url: receiver.url, events: ['document.uploaded'], description: 'TMS bridge' });
    expect(created.status).toBe(201);
    const webhookId: string = created.body.id;

    // The endpoint is gone: the first real delivery disables the webhook.
    receiver.setResponder(() => ({ status: 410, body: '{"error":"gone"}' }));
    expect(await uploadFromPage(page, 'first.json', PACKING_LIST)).toBe(201);
    await page.goto(`/settings/integrations/webhooks/${webhookId}`);
    const failedAlert = page.getByRole('alert').filter({ hasText: 'This webhook was disabled after repeated failures' });
    await failedAlert.waitFor({ timeout: 20_000 });
    await page.locator('.page-header .badge', { hasText: 'Failed' }).waitFor();

    // While it is failed, a new event is kept as a failed delivery rather than lost.
    receiver.setResponder(() => OK_ANSWER);
    expect(await uploadFromPage(page, 'second.json', PACKING_LIST)).toBe(201);
    const history = page.getByRole('region', { name: 'Delivery History' });
    await expect.poll(async () => history.locator('tr.delivery-row', { hasText: 'document.uploaded' }).count(), { timeout: 20_000 }).toBe(2);
    await page.mouse.move(0, 0);
    await screenshot(page, 'webhook-failed');

    // Re-enable: a dry run counts first, then the same button re-enables and resends.
    await failedAlert.getByRole('button', { name: 'Re-enable and recover deliveries' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-enable webhook' });
    await dialog.getByLabel('Since').waitFor();
    await dialog.getByRole('button', { name: 'Count deliveries' }).click();
    const resend = dialog.getByRole('button', { name: /^Re-enable and resend \d+ deliver/ });
    await resend.waitFor();
    const count = Number(/(\d+)/.exec((await resend.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'webhook-recover', { fullPage: false });
    const before = receiver.requests.length;
    await resend.click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => receiver.requests.length - before, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
    await history.locator('tr.delivery-row', { hasText: 'Succeeded' }).first().waitFor({ timeout: 20_000 });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

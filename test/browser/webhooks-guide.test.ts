// The guide's whole path in a real browser: sign up → Settings › Integrations › Webhooks → Add Webhook →
// Create Webhook → secret shown once → Send Test Payload → Delivery History shows the 200 the receiver answered.
import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM, screenshot, signUpThroughUi, SKIP_REASON, uniqueEmail, useBrowserSession,
} from './support.js';

const suite = HAS_CHROMIUM ? describe : describe.skip;
if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

suite('web UI: webhooks guide', () => {
  const session = useBrowserSession({ CARGOLINT_ALLOW_INSECURE_WEBHOOK_URLS: 'true', CARGOLINT_DEFAULT_PLAN: 'business' });

  it('creates a webhook, shows its secret once, and proves a signed test delivery arrived with status 200', async () => {
    const { page, receiver, pageErrors } = session;
    await signUpThroughUi(page, { name: 'Ana Broker', email: uniqueEmail('guide'), organization: 'Rotterdam Customs Brokers' });

    // The organization and its plan are part of the frame.
    const frame = page.getByTestId('org-frame');
    await expect(frame.textContent()).resolves.toContain('Rotterdam Customs Brokers');
    await expect(frame.textContent()).resolves.toContain('Business plan');

    // Settings › Integrations › Webhooks, from the navigation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL('**/settings/integrations/webhooks');
    const breadcrumb = await page.getByRole('navigation', { name: 'Breadcrumb' }).textContent();
    expect(breadcrumb?.replace(/\s+/g, ' ').trim()).toBe('Settings › Integrations › Webhooks');
    await page.getByRole('heading', { name: 'No webhooks yet' }).waitFor();
    await screenshot(page, 'webhooks-empty');

    // Escape closes the dialog and gives focus back to the button that opened it.
    const add = page.getByRole('button', { name: 'Add Webhook' });
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add Webhook' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);

    // Create Webhook without events names the field that is wrong.
    await add.click();
    await dialog.getByLabel('Endpoint URL').fill(receiver.url);
    await dialog.getByRole('button', { name: 'Create Webhook' }).click();
    await dialog.getByText('Choose at least one event.').waitFor();

    // One checkbox per event, labelled with its name and description.
    const uploaded = dialog.getByRole('checkbox', { name: /document\.uploaded/ });
    const warning = dialog.getByRole('checkbox', { name: /compliance\.warning/ });
    const downloaded = dialog.getByRole('checkbox', { name: /document\.batch_downloaded/ });
    expect(await dialog.getByRole('checkbox', { name: /webhook\.test/ }).count()).toBe(0);
    expect((await uploaded.evaluate((el) => el.closest('label')?.textContent ?? '')).length).toBeGreaterThan('document.uploaded'.length + 5);
    await uploaded.check();
    await warning.check();
    expect(await downloaded.isChecked()).toBe(false);
    await dialog.getByLabel('Description').fill('Customs filing system (staging)');
    expect(await dialog.getByRole('checkbox', { name: /Active/ }).isChecked()).toBe(true);
    await screenshot(page, 'webhook-add', { fullPage: false });
    await dialog.getByRole('button', { name: 'Create Webhook' }).click();

    // The signing secret, shown once, with a copy button.
    const created = page.getByRole('dialog', { name: 'Webhook created' });
    await created.waitFor();
    const secret = await created.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await created.getByRole('button', { name: /^Copy/ }).waitFor();
    await screenshot(page, 'webhook-secret', { fullPage: false });
    await created.getByRole('button', { name: 'Done' }).click();

    // The webhook's page: Send Test Payload, then Delivery History fills in by itself.
    await page.waitForURL(/\/settings\/integrations\/webhooks\/wh_/);
    await page.getByRole('heading', { level: 1, name: receiver.url }).waitFor();
    await page.getByRole('button', { name: 'Send Test Payload' }).click();

    const history = page.getByRole('region', { name: 'Delivery History' });
    const row = history.locator('tr.delivery-row', { hasText: 'webhook.test' });
    await row.filter({ hasText: 'Succeeded' }).waitFor({ timeout: 20_000 });
    await expect(row.locator('.status-code').textContent()).resolves.toBe('200');

    // Expanded: each attempt's timestamp, response status code and retry count.
    await row.getByRole('button', { name: /Show attempts of webhook\.test delivery/ }).click();
    const attempts = history.locator('table.attempts-table');
    await attempts.waitFor();
    const attempt = attempts.locator('tbody tr').first();
    await expect(attempt.locator('.status-code').textContent()).resolves.toBe('200');
    await expect(attempt.textContent()).resolves.toContain('First attempt');
    await expect(attempt.locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expect(attempt.textContent()).resolves.toContain('{"received":true}');

    // The receiver really got one signed POST, verifiable with the secret shown in the UI.
    const deliveries = receiver.requests.filter((r) => r.headers['x-cargolint-event'] === 'webhook.test');
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery.method).toBe('POST');
    const expected = `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(delivery.body).digest('hex')}`;
    expect(delivery.headers['x-cargolint-signature']).toBe(expected);
    const body = JSON.parse(delivery.body);
    expect(body.type).toBe('webhook.test');
    expect(body.id).toMatch(/^evt_/);
    expect(new StandardWebhook(secret).verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    })).toEqual(body);

    // Only for a telling screenshot: the 24 h chart catches up with the delivery within a poll or two.
    await page.locator('.stat-row dd.text-success', { hasText: /^[1-9]/ }).waitFor({ timeout: 8_000 }).catch(() => {});
    await page.mouse.move(0, 0);
    await screenshot(page, 'webhook-detail');

    // The list shows URL, events and status.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Webhooks' }).click();
    const listRow = page.locator('tbody tr', { hasText: receiver.url });
    await listRow.waitFor();
    await expect(listRow.textContent()).resolves.toMatch(/document\.uploaded.*compliance\.warning.*Active/s);
    await screenshot(page, 'webhooks');

    // Phone width: the page holds without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: receiver.url }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'webhook-detail-phone', { fullPage: false });
    await page.setViewportSize({ width: 1280, height: 860 });

    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('creates an API key shown once and revokes it after confirmation', async () => {
    const { page, server, pageErrors } = session;
    await page.goto('/settings/api-keys');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByLabel('Name').fill('Customs filing integration');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('dialog', { name: 'API key created' });
    const key = await created.getByLabel(/API key/).inputValue();
    expect(key).toMatch(/^cl_/);
    await created.getByRole('button', { name: 'Done' }).click();
    const row = page.locator('tbody tr', { hasText: 'Customs filing integration' });
    await expect(row.textContent()).resolves.toContain('Never');

    // The key works against the API until it is revoked.
    const me = await fetch(`${server.url}/api/v1/organization`, { headers: { Authorization: `Bearer ${key}` } });
    expect(me.status).toBe(200);
    await screenshot(page, 'api-keys');

    await row.getByRole('button', { name: /Revoke/ }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke this API key?' });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await row.filter({ hasText: 'Revoked' }).waitFor();
    const after = await fetch(`${server.url}/api/v1/organization`, { headers: { Authorization: `Bearer ${key}` } });
    expect(after.status).toBe(401);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

// Below Business, the Webhooks page explains why instead of showing the form; log out and log in round it off.
import { describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM, PASSWORD, screenshot, signUpThroughUi, SKIP_REASON, uniqueEmail, useBrowserSession,
} from './support.js';

const suite = HAS_CHROMIUM ? describe : describe.skip;
if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

suite('web UI: plan gate and session', () => {
  const session = useBrowserSession({ CARGOLINT_DEFAULT_PLAN: 'starter' });

  it('shows a Starter organization why webhooks need the Business or Enterprise plan', async () => {
    const { page, pageErrors } = session;
    const email = uniqueEmail('starter');
    await page.goto('/documents');
    await page.waitForURL('**/login**');
    await screenshot(page, 'login', { fullPage: false });
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/signup');
    await screenshot(page, 'signup', { fullPage: false });
    await signUpThroughUi(page, { name: 'Sam Starter', email, organization: 'Small Brokerage Ltd' });
    await expect(page.getByTestId('org-frame').textContent()).resolves.toContain('Starter plan');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    const gate = page.getByRole('region', { name: 'Webhooks need the Business or Enterprise plan' });
    await gate.waitFor();
    await expect(gate.textContent()).resolves.toContain('Starter');
    expect(await page.getByRole('button', { name: 'Add Webhook' }).count()).toBe(0);
    expect(await page.getByLabel('Endpoint URL').count()).toBe(0);
    await screenshot(page, 'webhooks-plan-gate');

    // The API says the same thing the page does.
    const res = await page.evaluate(async () => (await fetch('/api/v1/webhooks')).json());
    expect(res.code).toBe('plan_upgrade_required');

    await gate.getByRole('link', { name: 'Compare plans' }).click();
    await page.waitForURL('**/settings/plan');
    const current = page.getByRole('listitem').filter({ hasText: 'Current plan' });
    await expect(current.getByRole('heading').textContent()).resolves.toBe('Starter');
    await screenshot(page, 'plan');

    // Phone width: the frame keeps organization and plan visible, the menu opens the navigation.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/settings/integrations/webhooks');
    await page.getByRole('region', { name: 'Webhooks need the Business or Enterprise plan' }).waitFor();
    await expect(page.getByTestId('org-frame-mobile').textContent()).resolves.toMatch(/Small Brokerage Ltd.*Starter plan/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'webhooks-plan-gate-phone', { fullPage: false });
    await page.getByRole('button', { name: 'Open menu' }).click();
    await screenshot(page, 'navigation-phone', { fullPage: false });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).click();
    await page.waitForURL('**/settings/plan');
    await page.setViewportSize({ width: 1280, height: 860 });

    // Log out, then log back in with the same credentials; a wrong password is refused with a message.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login**');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: /incorrect/i }).waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

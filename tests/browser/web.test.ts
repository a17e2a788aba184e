// The public web in a real browser (the system's Chromium through playwright-core): every page loads
// with no console error, no failed request and no serious or critical axe-core violation; the filter
// form and the paging links work with JavaScript off; and screenshots of /, /country/armenia and
// /bloc/csto at phone and desktop widths land in bench/screenshots/ to be looked at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb, type WebHarness } from '../web/setup.ts';
import { chromiumMissing, launchChromium } from './chromium.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'bench', 'screenshots');
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

/** Everything a page did wrong while loading: console errors, uncaught errors, failed or refused requests. */
async function load(page: Page, url: string, expectStatus = 200): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    // A 404 page's own status is reported as a failed load; that one is what was asked for.
    if (m.type() === 'error' && !(expectStatus === 404 && /status of 404/.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.url() !== url && r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status(), url).toBe(expectStatus);
  return problems;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Said at the top of the run too: a skipped suite's title shows only in a verbose report.
if (chromiumMissing) console.warn(`Browser tests skipped: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)(
  chromiumMissing ? `the public web in Chromium (skipped: ${chromiumMissing})` : 'the public web in Chromium',
  () => {
    let web: WebHarness;
    let browser: Browser;
    let context: BrowserContext;
    let armeniaEvent: number;

    beforeAll(async () => {
      web = await startWeb();
      browser = await launchChromium();
      context = await browser.newContext({ viewport: VIEWPORTS.desktop });
      const api = (await (await web.get('/api/v1/events?country=armenia&limit=1')).json()) as { events: { id: number }[] };
      armeniaEvent = api.events[0]!.id;
    });
    afterAll(async () => {
      await browser?.close();
      await web?.close();
    });

    const pages = () =>
      [
        ['/', 200],
        ['/country/armenia', 200],
        ['/bloc/csto', 200],
        [`/event/${armeniaEvent}`, 200],
        ['/search?q=frozen', 200],
        ['/country/armenai', 404],
      ] as const;

    it('loads every page with its stylesheet and chart, no console error and no serious or critical axe violation', async () => {
      for (const [path, status] of pages()) {
        const page = await context.newPage();
        const problems = await load(page, `${web.url}${path}`, status);
        // The stylesheet applied under the Content-Security-Policy: the system font stack, not the default serif.
        expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily'), path).toContain('system-ui');
        for (const img of await page.locator('img').all()) {
          expect(
            await img.evaluate((i) => (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0),
            `${path}: an image did not load`,
          ).toBe(true);
        }
        expect(await seriousViolations(page), path).toEqual([]);
        expect(problems, path).toEqual([]);
        await page.close();
      }
    });

    it('filters a timeline with the plain GET form and pages it by links, with JavaScript off', async () => {
      const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.phone });
      const page = await noScript.newPage();
      const problems = await load(page, `${web.url}/country/armenia`);
      await page.selectOption('#f-bloc', 'csto');
      await page.fill('#f-from', '2000');
      await page.click('form.filters button[type=submit]');
      await page.waitForLoadState('load');
      const url = new URL(page.url());
      expect(url.pathname).toBe('/country/armenia');
      expect(url.searchParams.get('bloc')).toBe('csto');
      expect(url.searchParams.get('from')).toBe('2000');
      const filtered = await page.locator('ol.events > li').all();
      expect(filtered.length).toBeGreaterThan(0);
      for (const item of filtered) {
        const meta = (await item.locator('.meta').textContent()) ?? '';
        expect(meta).toContain('CSTO');
        expect(Number((await item.locator('time').getAttribute('datetime'))!.slice(0, 4))).toBeGreaterThanOrEqual(2000);
      }
      // The form keeps what was chosen.
      expect(await page.inputValue('#f-from')).toBe('2000');

      // Paging: older, then newer again, back to the same first page.
      await page.goto(`${web.url}/country/armenia`);
      const firstPage = await page.locator('ol.events > li h3').allInnerTexts();
      await page.click('a[rel=next]');
      await page.waitForLoadState('load');
      expect(page.url()).toContain('before=');
      const secondPage = await page.locator('ol.events > li h3').allInnerTexts();
      expect(secondPage.length).toBeGreaterThan(0);
      expect(secondPage.some((t) => firstPage.includes(t))).toBe(false);
      await page.click('a[rel=prev]');
      await page.waitForLoadState('load');
      expect(await page.locator('ol.events > li h3').allInnerTexts()).toEqual(firstPage);
      expect(problems).toEqual([]);
      await noScript.close();
    });

    it('saves screenshots of /, /country/armenia and /bloc/csto at phone and desktop widths', async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        const shots = await browser.newContext({ viewport, deviceScaleFactor: name === 'phone' ? 2 : 1 });
        for (const [path, file] of [
          ['/', 'home'],
          ['/country/armenia', 'country-armenia'],
          ['/bloc/csto', 'bloc-csto'],
        ]) {
          const page = await shots.newPage();
          await page.goto(`${web.url}${path}`);
          // Nothing may be wider than the screen: a phone reader never scrolls sideways.
          expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${path} at ${name} width`).toBeLessThanOrEqual(
            viewport.width,
          );
          await page.screenshot({ path: join(SCREENSHOTS, `${file}-${name}.png`), fullPage: true });
          await page.close();
        }
        await shots.close();
      }
    });
  },
);

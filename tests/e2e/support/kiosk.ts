import type { Page } from '@playwright/test';
import { expect, type Api } from '../fixtures';
import { tr } from './locales';

/** What a job-fair deployment's `config.json` says, with the kiosk's public address on this test API. */
export function kioskConfig(api: Api, kiosk: Record<string, unknown> = {}) {
  return { api_base: '/api/v1', tile_url: null, mode: 'kiosk', kiosk: { public_url: api.baseURL, ...kiosk } };
}

/** Opens the app as a kiosk deployment would serve it (its config.json says `"mode": "kiosk"`). */
export async function openKiosk(page: Page, api: Api, kiosk: Record<string, unknown> = {}): Promise<void> {
  await page.route('**/config.json', (route) => route.fulfill({ json: kioskConfig(api, kiosk) }));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: tr('fr', 'start_title') })).toBeVisible({ timeout: 30_000 });
}


/** Everything of a visitor a browser could still hold. */
export async function visitorTraces(page: Page) {
  return page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    cookies: document.cookie,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    // What is typed in text fields (radio and checkbox values are the app's own words).
    fieldValues: [...document.querySelectorAll('input:not([type="radio"]):not([type="checkbox"]):not([type="range"]), textarea')]
      .map((el) => (el as HTMLInputElement).value)
      .filter((v) => v !== ''),
  }));
}

/** Links on the page that lead off the app's origin. */
export async function linksLeavingTheApp(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href]')]
      .map((a) => (a as HTMLAnchorElement).href)
      .filter((href) => new URL(href).origin !== location.origin),
  );
}

/** Touch targets smaller than 48 × 48 CSS px among the visible buttons, links and fields. */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], summary, input:not([type="hidden"]), select, [role="option"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        // A radio button or checkbox is touched through its label too: the target is both boxes.
        const label = (el as HTMLInputElement).labels?.[0]?.getBoundingClientRect();
        const box =
          label && ['radio', 'checkbox'].includes((el as HTMLInputElement).type)
            ? { width: Math.max(r.right, label.right) - Math.min(r.left, label.left), height: Math.max(r.bottom, label.bottom) - Math.min(r.top, label.top) }
            : r;
        return r.width > 0 && style.visibility !== 'hidden' && !el.closest('.skip-link') && (box.width < 48 || box.height < 48);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`),
  );
}

import path from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';
import { literal, tr, type Lang } from './locales';

/** Mons, the town of the journey tests; Dutch calls it Bergen (German has no name of its own). */
export const mons = {
  nis: '53053',
  name: 'Mons',
  names: { fr: 'Mons', nl: 'Bergen', de: 'Mons', en: 'Mons' } as Record<Lang, string>,
  lat: 50.45413,
  lon: 3.95229,
};

export type VacancySummary = { id: number; title: string; employer: string; apply_mode: 'in_app' | 'external'; dutch_level: string };

/** The stand-in API's answer for a search, asked directly (what the app should end up showing). */
export async function apiSearch(
  request: APIRequestContext,
  baseURL: string,
  params: Record<string, string | number>,
): Promise<{ total: number; items: VacancySummary[] }> {
  const query = new URLSearchParams({ lat: String(mons.lat), lon: String(mons.lon), radius_km: '60', ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  const response = await request.get(`${baseURL}/api/v1/vacancies?${query}`);
  expect(response.ok(), `the API answered ${response.status()}`).toBe(true);
  return response.json();
}

/** The app as a person sees it, in one language. */
export class Passerelle {
  constructor(
    readonly page: Page,
    readonly lang: Lang,
  ) {}

  t(key: string, vars?: Record<string, string | number>): string {
    return tr(this.lang, key, vars);
  }

  async openStart(): Promise<void> {
    await this.page.goto(`/?lang=${this.lang}`);
    await expect(this.townInput()).toBeVisible({ timeout: 30_000 });
  }

  townInput(): Locator {
    return this.page.getByRole('combobox', { name: this.t('town_label') });
  }

  async pickTown(typed: string, townName: string): Promise<void> {
    await this.townInput().fill(typed);
    await this.page.getByRole('option', { name: new RegExp(`^${townName}\\b`) }).click();
    await expect(this.townInput()).toHaveValue(townName);
  }

  /** Adds a town at the counsellor desk and waits for its chip. */
  async addDeskTown(typed: string, name: string): Promise<void> {
    const input = this.page.getByRole('combobox', { name: this.t('desk_add_town') });
    await input.fill(typed);
    await this.page.getByRole('option', { name: new RegExp(`^${name}\\b`) }).click();
    await expect(this.page.getByRole('button', { name: this.t('desk_remove_town', { town: name }) })).toBeVisible();
  }

  levelRadio(level: string): Locator {
    return this.page.getByRole('radio', { name: literal(this.t(`level_${level}`)) }).first();
  }

  async showJobs(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('show_jobs') }).click();
    await this.waitForAllVacancies();
  }

  /** Waits until every page of vacancies has arrived (the map marks itself ready). */
  async waitForAllVacancies(): Promise<void> {
    await expect(this.page.locator('#map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  }

  async shownCount(): Promise<number> {
    return Number(await this.page.getByTestId('vacancy-count').getAttribute('data-count'));
  }

  vacancyLink(id: number): Locator {
    return this.page.locator(`a[data-vacancy-id="${id}"]`);
  }

  /** Opens a vacancy from the list, asking for more rows until it is there. */
  async openFromList(id: number): Promise<void> {
    const link = this.vacancyLink(id);
    for (let i = 0; i < 100 && !(await link.isVisible()); i++) {
      await this.page.getByRole('button', { name: this.t('show_more') }).click();
    }
    await link.click();
    await expect(this.page.getByRole('article').getByRole('heading', { level: 2 })).toBeFocused();
  }

  /** A text field by the start of its label (optional fields add "(optional)"). */
  field(key: string): Locator {
    return this.page.getByRole('textbox', { name: new RegExp(`^${literal(this.t(key)).source}`) });
  }

  async screenshot(name: string, project: string): Promise<void> {
    await this.page.screenshot({ path: path.join(__dirname, '..', 'screenshots', `${project}-${this.lang}-${name}.png`), fullPage: true });
  }
}

/**
 * Whether a select shows its chosen option whole: the text's width (measured with the select's own
 * font) against the room left by the padding and Chromium's arrow (about 20 px).
 */
export async function chosenOptionFits(select: Locator): Promise<{ text: string; width: number; room: number }> {
  return select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = el.options[el.selectedIndex].text;
    return {
      text,
      width: context.measureText(text).width,
      room: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20,
    };
  });
}

/** The first vacancy, nearest first, that passes `params` and takes in-app applications. */
export async function firstInAppVacancy(
  request: APIRequestContext,
  baseURL: string,
  params: Record<string, string | number>,
): Promise<VacancySummary> {
  const { items } = await apiSearch(request, baseURL, { ...params, limit: 1000 });
  const found = items.find((v) => v.apply_mode === 'in_app');
  if (!found) throw new Error('no in-app vacancy in the first 1,000');
  return found;
}

/**
 * Holds the requests matching `url` until the returned function is called, as a slow
 * connection would; then they go through unchanged.
 */
export async function holdRequests(page: Page, url: string): Promise<() => void> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

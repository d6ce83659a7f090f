import { test, expect } from './fixtures';
import { tr, type Lang } from './support/locales';
import { chosenOptionFits, mons } from './support/passerelle';

test('the chosen Dutch reach fits in its select on a phone, in every language', async ({ page }, testInfo) => {
  for (const lang of ['fr', 'nl', 'de', 'en'] as Lang[]) {
    await page.goto(`/jobs?town=${mons.nis}&level=basic&reach=course&lang=${lang}`);
    // Filters are folded on a phone.
    await page.getByText(tr(lang, 'filters_title'), { exact: true }).click({ timeout: 30_000 });
    const select = page.getByRole('combobox', { name: tr(lang, 'filter_reach') });
    await expect(select.locator('option:checked')).toHaveText(tr(lang, 'reach_course'));
    const { text, width, room } = await chosenOptionFits(select);
    expect(width, `${lang}: "${text}" fits`).toBeLessThanOrEqual(room);
    if (lang === 'nl' || lang === 'de') {
      await select.screenshot({ path: `tests/e2e/screenshots/${testInfo.project.name}-${lang}-reach-select.png` });
    }
  }
});

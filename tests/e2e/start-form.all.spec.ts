import { test, expect } from './fixtures';
import { Passerelle } from './support/passerelle';

/**
 * Typing a town and then reaching for a level without picking a suggestion: the suggestions close
 * as the pointer goes down on the level. When they sat in the page's flow, closing them moved the
 * levels up under the pressed pointer and the click checked nothing (found by the random walk,
 * seed 1547469004). They now float over the form.
 */
test('a level clicked while town suggestions are open is the level checked', async ({ page, problems }, testInfo) => {
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await app.townInput().fill('5000');
  await expect(page.getByRole('listbox', { name: app.t('town_label') })).toBeVisible();
  const layoutBefore = await app.levelRadio('none').boundingBox();
  await app.screenshot('start-suggestions-open', testInfo.project.name);

  await app.levelRadio('none').click();
  await expect(app.levelRadio('none')).toBeChecked();
  await expect(page.getByRole('listbox', { name: app.t('town_label') })).toBeHidden();
  // The suggestions never pushed the form down: the level is where it was.
  expect(await app.levelRadio('none').boundingBox()).toEqual(layoutBefore);

  await app.townInput().fill('Nam');
  await app.levelRadio('good').click();
  await expect(app.levelRadio('good')).toBeChecked();
  expect(problems.pageErrors).toEqual([]);
});

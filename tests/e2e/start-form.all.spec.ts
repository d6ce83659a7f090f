import { test, expect } from './fixtures';
import { Passerelle } from './support/passerelle';
import { literal } from './support/locales';

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

/**
 * A mistyped town, then a level: the "no town matches" note used to show only while the field had
 * focus, so leaving the field for a level removed it, the form moved up under the pressed pointer
 * and the click checked nothing (found by the random walk, seed 1605416544). The note now stays
 * while it is true, and it describes the field for screen readers.
 */
test('a level clicked after a town that matches nothing is the level checked', async ({ page, problems }, testInfo) => {
  const app = new Passerelle(page, 'fr');
  await app.openStart();
  await app.townInput().fill('xyzzy');
  // The visible note (a live status says the same to screen readers while the field has focus).
  const note = page.getByRole('paragraph').filter({ hasText: app.t('town_no_match', { query: 'xyzzy' }) });
  await expect(note).toBeVisible();
  await expect(app.townInput()).toHaveAccessibleDescription(literal(app.t('town_no_match', { query: 'xyzzy' })));
  // On a phone the levels are below the fold: scroll first, so the box compares like with like.
  await app.levelRadio('none').scrollIntoViewIfNeeded();
  const layoutBefore = await app.levelRadio('none').boundingBox();

  await app.levelRadio('none').click();
  await expect(app.levelRadio('none')).toBeChecked();
  // Still true once the field has lost focus, and nothing moved.
  await expect(note).toBeVisible();
  expect(await app.levelRadio('none').boundingBox()).toEqual(layoutBefore);
  await app.screenshot('start-town-unmatched', testInfo.project.name);

  // Submitting keeps what was typed and says what to do.
  await page.getByRole('button', { name: app.t('show_jobs') }).click();
  await expect(page.getByText(app.t('town_required'))).toBeVisible();
  await expect(app.townInput()).toHaveValue('xyzzy');

  // Mending the town removes the note; the chosen level stays.
  await app.pickTown('Mons', 'Mons');
  await expect(note).toBeHidden();
  await expect(app.levelRadio('none')).toBeChecked();
  expect(problems.pageErrors).toEqual([]);
});

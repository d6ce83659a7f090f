import { test, expect } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { linksLeavingTheApp, openKiosk, smallTouchTargets, visitorTraces } from './support/kiosk';
import { scanQr } from './support/qr';
import { tr } from './support/locales';
import { apiSearch, firstInAppVacancy, mons, Passerelle } from './support/passerelle';

// A job-fair kiosk, portrait (project "kiosk") and landscape ("kiosk-landscape"). The idle
// times are the defaults a deployment gets: 90 s of quiet, then a 20 s countdown.
const idleMs = 90_000;
const countdownMs = 20_000;

const typed = { first: 'Amélie', last: 'Kioskbezoeker', email: 'amelie.kiosk@example.be' };

/** A visitor who speaks Dutch: Bergen (Mons), basic Dutch, one vacancy, half the form. */
async function halfAnApplication(app: Passerelle, vacancyId: number) {
  const { page } = app;
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: app.t('start_title') })).toBeVisible();
  await page.getByRole('button', { name: mons.names.nl, exact: true }).click();
  await expect(app.townInput()).toHaveValue(mons.names.nl);
  await app.levelRadio('basic').check();
  await app.showJobs();
  await app.openFromList(vacancyId);
  await page.getByRole('button', { name: app.t('detail_apply'), exact: true }).click();
  await app.field('field_first_name').fill(typed.first);
  await app.field('field_last_name').fill(typed.last);
  await app.field('field_email').fill(typed.email);
}

test.describe('a kiosk visitor who walks away', () => {
  test('is asked, then everything they left is wiped and the screen starts over in French', async ({ page, api, request }, testInfo) => {
    await page.clock.install();
    await openKiosk(page, api);
    const entriesAtStart = await page.evaluate(() => history.length);
    const vacancy = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
    const app = new Passerelle(page, 'nl');
    await halfAnApplication(app, vacancy.id);

    // Nothing personal reaches storage on a kiosk, even while typing.
    expect((await visitorTraces(page)).localStorage).toEqual([]);
    expect(await page.evaluate(() => history.length), 'the app pushed no history entries').toBe(entriesAtStart);

    // Quiet for a little less than the idle time: nothing happens yet.
    await page.clock.fastForward(idleMs - 5_000);
    const question = page.getByRole('alertdialog', { name: app.t('kiosk_idle_title') });
    await expect(question).toBeHidden();
    await page.clock.fastForward(6_000);
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: app.t('kiosk_idle_continue') })).toBeFocused();
    await expect(question.getByText(/^(20|19)$/)).toBeVisible();
    await expectNoAxeViolations(page, 'kiosk idle question');
    await page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-idle-question.png`) });

    // Nobody answers.
    await page.clock.fastForward(countdownMs);
    await expect(page.getByRole('heading', { level: 1, name: tr('fr', 'start_title') })).toBeVisible();
    await expect(question).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/?lang=fr');
    const fr = new Passerelle(page, 'fr');
    await expect(fr.townInput()).toHaveValue('');
    await expect(page.getByRole('button', { name: mons.name, exact: true })).toHaveAttribute('aria-pressed', 'false');
    expect(await visitorTraces(page)).toEqual({
      localStorage: [],
      sessionStorage: [],
      cookies: '',
      indexedDB: [],
      caches: [],
      fieldValues: [],
    });
    await expect(page.locator('body')).not.toContainText(typed.last);
    expect(await page.evaluate(() => history.length), 'no history entry holds the search').toBe(entriesAtStart);

    // Back leaves the kiosk page (a real kiosk has nothing before it); Forward reloads a clean start.
    await page.goBack();
    expect(page.url()).not.toContain('town=');
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: tr('fr', 'start_title') })).toBeVisible({ timeout: 30_000 });
    await expect(fr.townInput()).toHaveValue('');
    await expect(page.locator('body')).not.toContainText(typed.last);
    expect((await visitorTraces(page)).fieldValues).toEqual([]);
  });

  test('touching "continue" during the countdown keeps everything', async ({ page, api, request }) => {
    await page.clock.install();
    await openKiosk(page, api);
    const vacancy = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
    const app = new Passerelle(page, 'nl');
    await halfAnApplication(app, vacancy.id);

    await page.clock.fastForward(idleMs + 1_000);
    const question = page.getByRole('alertdialog', { name: app.t('kiosk_idle_title') });
    await expect(question).toBeVisible();
    await page.clock.fastForward(countdownMs - 5_000);
    await question.getByRole('button', { name: app.t('kiosk_idle_continue') }).tap();
    await expect(question).toBeHidden();

    // Well past the first countdown's end: still the same visit.
    await page.clock.fastForward(countdownMs);
    await expect(question).toBeHidden();
    await expect(app.field('field_first_name')).toHaveValue(typed.first);
    await expect(app.field('field_last_name')).toHaveValue(typed.last);
    await expect(app.field('field_email')).toHaveValue(typed.email);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    // The screen behind the question is usable again, not left inert.
    await app.field('field_first_name').press('End');
    await app.field('field_first_name').pressSequentially('-Sophie');
    await expect(app.field('field_first_name')).toHaveValue(`${typed.first}-Sophie`);
  });
});

test('a whole application at the kiosk: the reference goes home with the visitor, nothing stays', async ({ page, api, request }) => {
  await page.clock.install();
  await openKiosk(page, api);
  const vacancy = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
  const app = new Passerelle(page, 'fr');
  await page.getByRole('button', { name: mons.name, exact: true }).click();
  await app.levelRadio('basic').check();
  await app.showJobs();
  await app.openFromList(vacancy.id);
  await page.getByRole('button', { name: app.t('detail_apply'), exact: true }).click();
  await app.field('field_first_name').fill(typed.first);
  await app.field('field_last_name').fill(typed.last);
  await app.field('field_email').fill(typed.email);
  await page.getByRole('checkbox', { name: app.t('field_consent') }).check();
  // The worker's API is shared with other specs: count this application only.
  const stored = api.countRows('applications');
  await page.getByRole('button', { name: app.t('apply_send') }).click();

  await expect(page.getByRole('heading', { name: app.t('apply_success_title') })).toBeVisible();
  const reference = await page.getByText(/PAS-\d{4}-\d+/).first().textContent();
  const ref = /PAS-\d{4}-\d+/.exec(reference ?? '')![0];
  expect(api.countRows('applications')).toBe(stored + 1);
  const receiptCode = page.getByRole('img', { name: app.t('kiosk_receipt_qr_label') });
  expect(await scanQr(receiptCode)).toContain(ref);
  expect((await visitorTraces(page)).localStorage, 'the receipt is not stored').toEqual([]);

  await page.clock.fastForward(idleMs + 1_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.clock.fastForward(countdownMs);
  await expect(page.getByRole('heading', { level: 1, name: app.t('start_title') })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(ref);

  // The next visitor opens the same vacancy: a fresh form, no receipt of the last person.
  await page.getByRole('button', { name: mons.name, exact: true }).click();
  await app.levelRadio('basic').check();
  await app.showJobs();
  await app.openFromList(vacancy.id);
  await expect(page.getByRole('button', { name: app.t('detail_apply'), exact: true })).toBeVisible();
  await expect(page.getByText(app.t('apply_success_title'))).toBeHidden();
  expect(await visitorTraces(page)).toMatchObject({ localStorage: [], sessionStorage: [], fieldValues: [] });
});

test('the phone code carries the search to a phone, which opens the same vacancy', async ({ page, api, request, browser }) => {
  await openKiosk(page, api, { public_url: `${api.baseURL}/` });
  const vacancy = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
  const app = new Passerelle(page, 'fr');
  await page.getByRole('button', { name: mons.name, exact: true }).click();
  await app.levelRadio('basic').check();
  await app.showJobs();
  const code = page.getByRole('img', { name: app.t('kiosk_phone_qr_label') });
  expect(await scanQr(code)).toBe(`${api.baseURL}/jobs?town=${mons.nis}&level=basic&lang=fr`);

  await app.openFromList(vacancy.id);
  const url = await scanQr(code);
  expect(url).toBe(`${api.baseURL}/jobs?town=${mons.nis}&level=basic&vacancy=${vacancy.id}&lang=fr`);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const onPhone = await phone.newPage();
    await onPhone.goto(url);
    await expect(onPhone.getByRole('heading', { level: 2, name: vacancy.title })).toBeVisible({ timeout: 30_000 });
    await expect(onPhone.getByRole('heading', { level: 1 })).toHaveText(tr('fr', 'results_title', { town: mons.name }));
    // The phone is a person's own device: normal mode, no kiosk buttons.
    await expect(onPhone.getByRole('img', { name: tr('fr', 'kiosk_phone_qr_label') })).toHaveCount(0);
  } finally {
    await phone.close();
  }
});

test('every kiosk screen: big touch targets, no link out of the app, axe clean', async ({ page, api, request }, testInfo) => {
  await openKiosk(page, api);
  const app = new Passerelle(page, 'fr');
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${testInfo.project.name}-${name}.png`) });
  const check = async (screen: string) => {
    expect(await linksLeavingTheApp(page), `links leaving the app on ${screen}`).toEqual([]);
    expect(await smallTouchTargets(page), `touch targets under 48 px on ${screen}`).toEqual([]);
    await expectNoAxeViolations(page, `kiosk ${screen}`);
    await shot(screen);
  };
  await check('start');

  await page.getByRole('button', { name: mons.name, exact: true }).click();
  await app.levelRadio('basic').check();
  await app.showJobs();
  await check('results');

  // An employer's own application page: a code to scan, never a link that leaves the kiosk.
  const { items } = await apiSearch(request, api.baseURL, { dutch_max: 'medium', limit: 1000 });
  const external = items.find((v) => v.apply_mode === 'external')!;
  await app.openFromList(external.id);
  const employerCode = page.getByRole('img', { name: app.t('kiosk_external_qr_label') });
  expect(await scanQr(employerCode)).toMatch(/^https?:\/\//);
  await expect(page.getByRole('link', { name: app.t('detail_apply_external') })).toHaveCount(0);
  await check('external vacancy');

  await page.getByRole('link', { name: app.t('detail_back') }).first().click();
  const inApp = await firstInAppVacancy(request, api.baseURL, { dutch_max: 'medium' });
  await app.openFromList(inApp.id);
  await page.getByRole('button', { name: app.t('detail_apply'), exact: true }).click();
  await page.getByRole('button', { name: app.t('apply_send') }).click();
  await expect(page.getByRole('checkbox', { name: app.t('field_consent') })).toHaveAttribute('aria-invalid', 'true');
  await check('form with errors');
});

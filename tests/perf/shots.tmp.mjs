import { chromium } from 'playwright-core';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const sizes = { phone: [390, 844], laptop: [1366, 768], kiosk: [1080, 1920] };
for (const [name, [w, h]] of Object.entries(sizes)) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  let offline = true;
  await page.route('**/split_applications-*.wasm', (r) => (offline ? r.abort('internetdisconnected') : r.continue()));
  await page.goto(`${base}/applications?lang=fr`);
  await page.getByRole('alert').waitFor();
  await page.screenshot({ path: `/tmp/shots/${name}-unavailable.png` });
  offline = false;
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await page.getByRole('heading', { name: /Mes candidatures/ }).waitFor();
  await page.screenshot({ path: `/tmp/shots/${name}-applications.png` });
  await page.goto(`${base}/jobs?town=53053&level=basic&lang=fr`);
  await page.getByRole('list').first().waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${name}-jobs.png` });
  await page.close();
}
await browser.close();

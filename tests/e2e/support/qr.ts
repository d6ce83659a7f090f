import type { Locator } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect } from '../fixtures';

/** Reads a QR code the way a phone's camera would: from pixels on the screen. */
export async function scanQr(code: Locator): Promise<string> {
  await expect(code).toBeVisible();
  const png = PNG.sync.read(await code.screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error('no QR code could be read from the screenshot');
  return found.data;
}

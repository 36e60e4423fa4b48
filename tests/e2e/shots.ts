import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

const SHOTS = resolve(__dirname, '../../screenshots');

/** The two sizes every changed screen is looked at. */
export const SHOT_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Viewport screenshots at 1280×800 and 1920×1080 (then back to 1280×800), for a person to look at. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of SHOT_SIZES) {
    await page.setViewportSize(size);
    // One frame after the resize so layout (and any canvas) has caught up.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SHOT_SIZES[0]);
}

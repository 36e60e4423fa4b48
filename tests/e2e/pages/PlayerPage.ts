import type { Locator, Page } from '@playwright/test';

/** The call screen's player: transport, waveform (inside wavesurfer's shadow root) and media element. */
export class PlayerPage {
  readonly region: Locator;
  readonly playhead: Locator;
  readonly playPause: Locator;
  readonly speed: Locator;
  readonly currentTime: Locator;
  readonly shortcuts: Locator;
  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Player' });
    this.playhead = this.region.getByRole('slider', { name: 'Playhead' });
    this.playPause = this.region.getByRole('button', { name: /^(Play|Pause)$/ });
    this.speed = this.region.getByLabel('Playback speed');
    this.currentTime = this.region.getByTestId('player-current-time');
    this.shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  /** Opens a call by its address, as a bookmark or a reload would. */
  async open(appUrl: string, callId: string) {
    const url = new URL(appUrl);
    url.hash = `#/calls/${callId}`;
    await this.page.goto(url.toString());
    await this.waitPainted();
  }

  async waitPainted() {
    await this.region.and(this.page.locator('[data-state="painted"]')).waitFor();
  }

  /** The media element's state: what playback really does, not what the UI says. */
  media() {
    return this.region.locator('audio, video').evaluate((el: HTMLMediaElement) => ({
      currentTime: el.currentTime,
      paused: el.paused,
      playbackRate: el.playbackRate,
      readyState: el.readyState,
      videoWidth: el instanceof HTMLVideoElement ? el.videoWidth : 0,
    }));
  }

  /**
   * Waveform canvases, read through wavesurfer's shadow root: per channel
   * row, how many canvas pixels are not transparent.
   */
  paintedPixelsPerRow() {
    return this.playhead.evaluate((host) => {
      const root = host.querySelector(':scope > div')?.shadowRoot;
      const rows = root ? [...root.querySelectorAll<HTMLElement>('.canvases > div')] : [];
      return rows.map((row) => {
        let painted = 0;
        for (const canvas of row.querySelectorAll('canvas')) {
          const ctx = canvas.getContext('2d');
          if (!ctx || !canvas.width || !canvas.height) continue;
          const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
        }
        return painted;
      });
    });
  }

  /** Clicks the waveform at a fraction of its width (0..1). */
  async clickWaveformAt(fraction: number) {
    const box = await this.playhead.boundingBox();
    if (!box) throw new Error('the waveform is not on screen');
    await this.page.mouse.click(box.x + box.width * fraction, box.y + 30);
  }

  /** Scroll width vs visible width of the waveform (zoomed in when the first is larger). */
  waveformWidths() {
    return this.playhead.evaluate((host) => {
      const scroll = host.querySelector(':scope > div')?.shadowRoot?.querySelector<HTMLElement>('.scroll');
      return { scrollWidth: scroll?.scrollWidth ?? 0, clientWidth: scroll?.clientWidth ?? 0 };
    });
  }
}

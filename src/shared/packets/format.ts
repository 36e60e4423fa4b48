import { clock } from '../clock';

/** Used by the packet's HTML page, its PDF and the preview. */
export { clock };

/** "1:23" or "1:23–1:40". */
export const span = (startSec: number, endSec: number | null): string =>
  endSec === null ? clock(startSec) : `${clock(startSec)}–${clock(endSec)}`;

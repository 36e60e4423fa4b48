/** The media pipeline: probe, peaks, import. Plain Node — never imports 'electron'. */
export { MediaError, isMediaError } from './errors';
export type { MediaErrorCode } from './errors';
export { resolveFfmpegPath, resolveFfprobePath, runBinary, BinaryExitError } from './ffmpeg';
export type { RunOptions, RunResult } from './ffmpeg';
export { probeMedia } from './probe';
export type { MediaProbe } from './probe';
export {
  computePeaks,
  PeakAccumulator,
  PEAKS_BASE_SAMPLES_PER_BUCKET,
  PEAKS_LEVEL_COUNT,
  PEAKS_LEVEL_FACTOR,
  PEAKS_MAX_CHANNELS,
  PEAKS_SAMPLE_RATE,
  readPeaks,
  readPeaksHeader,
  summarizePeaksFile,
  writePeaksFile,
} from './peaks';
export type {
  ComputedPeaks,
  ComputePeaksOptions,
  PeakLevel,
  PeaksHeader,
  PeaksSummary,
  PeaksWindow,
  ReadPeaksOptions,
} from './peaks';
export { importMediaFile, removeStaleImportTemps } from './import-file';
export type { ImportOptions, ImportPhase, ImportProgress, ImportResult } from './import-file';

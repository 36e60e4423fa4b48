/**
 * The microphone for a drill: permission, a live level and a recording.
 * Browser APIs only (getUserMedia, Web Audio, MediaRecorder), so the same
 * code runs under Electron and in browser mode.
 */

export type MicProblem = 'denied' | 'absent' | 'unsupported' | 'failed';

export class MicrophoneError extends Error {
  constructor(readonly problem: MicProblem) {
    super(MIC_MESSAGES[problem]);
    this.name = 'MicrophoneError';
  }
}

export const MIC_MESSAGES: Record<MicProblem, string> = {
  denied:
    'Gamefilm is not allowed to use the microphone. Allow microphone access for Gamefilm in your system or browser settings, then try again. Nothing was recorded.',
  absent:
    'No microphone was found. Plug one in (or pick one in your system settings) and try again. Nothing was recorded.',
  unsupported: 'This browser cannot record audio here. Nothing was recorded.',
  failed: 'The microphone could not be started (another app may be using it). Nothing was recorded.',
};

export async function openMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
    throw new MicrophoneError('unsupported');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true },
      video: false,
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new MicrophoneError('denied');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new MicrophoneError('absent');
    throw new MicrophoneError('failed');
  }
}

export const stopStream = (stream: MediaStream | null) => stream?.getTracks().forEach((t) => t.stop());

/**
 * Loudness of the microphone, 0–100: RMS of the latest ~20 ms in dBFS,
 * mapped from −60 dB (silence) to 0 dB (full scale). A dead or muted mic
 * stays at 0, which is what the meter is there to show.
 */
export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.buffer = new Float32Array(this.analyser.fftSize);
    source.connect(this.analyser);
  }

  read(): number {
    this.analyser.getFloatTimeDomainData(this.buffer);
    let sum = 0;
    for (const v of this.buffer) sum += v * v;
    const rms = Math.sqrt(sum / this.buffer.length);
    const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
    return Math.round(Math.max(0, Math.min(1, (db + 60) / 60)) * 100);
  }

  close(): void {
    void this.context.close().catch(() => undefined);
  }
}

/** The container MediaRecorder should write: opus in webm where supported (Chromium, Electron). */
export function recorderMimeType(): string | undefined {
  for (const type of ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus']) {
    if (MediaRecorder.isTypeSupported(type)) return type;
  }
  return undefined;
}

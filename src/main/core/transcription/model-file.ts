import { open } from 'node:fs/promises';

/**
 * Reading the header of a whisper.cpp "ggml" model file (the legacy, non-GGUF
 * format produced by models/convert-pt-to-ggml.py and loaded by
 * whisper_model_load):
 *
 *   uint32 magic            0x67676d6c ("ggml"), little-endian
 *   int32  n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
 *          n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
 *   int32  filters.n_mel, filters.n_fft, then n_mel*n_fft float32 mel filters
 *   int32  n_vocab_in_file, then per token: uint32 length + bytes
 *   tensors …
 */

export const GGML_MAGIC = 0x67676d6c;
/** whisper.cpp stores the quantization version as ftype / 1000. */
const QNT_VERSION_FACTOR = 1000;
const HPARAM_NAMES = [
  'n_vocab',
  'n_audio_ctx',
  'n_audio_state',
  'n_audio_head',
  'n_audio_layer',
  'n_text_ctx',
  'n_text_state',
  'n_text_head',
  'n_text_layer',
  'n_mels',
  'ftype',
] as const;

export type HparamName = (typeof HPARAM_NAMES)[number];
export type GgmlHparams = Record<HparamName, number>;
export type WhisperModelKind = 'tiny' | 'base' | 'small' | 'medium' | 'large' | 'custom';

export interface GgmlModelInfo {
  hparams: GgmlHparams;
  sizeBytes: number;
  kind: WhisperModelKind;
  /** English-only models have 51864 tokens; multilingual ones 51865 (51866 for large-v3). */
  multilingual: boolean;
  /** Weight type with the quantization version stripped: 0 f32, 1 f16, 2+ quantized. */
  weightType: number;
  quantizationVersion: number;
  /** Mel filter bank dimensions stored right after the hparams. */
  melFilters: { nMel: number; nFft: number };
  /**
   * Number of tensors found by walking the file to its end; null when not
   * verified or when a tensor of a type we cannot size was met.
   */
  tensorCount: number | null;
}

/** What is wrong with a model file, in terms a coach can act on (the message keeps the details for logs). */
export type ModelFileProblem = 'unreadable' | 'empty' | 'not_a_model' | 'gguf' | 'truncated' | 'corrupt';

export class ModelFileError extends Error {
  readonly code = 'invalid_model';
  constructor(
    message: string,
    readonly path: string,
    readonly problem: ModelFileProblem = 'corrupt',
  ) {
    super(message);
    this.name = 'ModelFileError';
  }
}

const HEADER_BYTES = 4 + HPARAM_NAMES.length * 4; // 48
const FILTER_HEADER_BYTES = 8;

/** Inclusive plausibility bounds; generous enough for custom and fine-tuned models. */
const RANGES: Record<Exclude<HparamName, 'ftype'>, [number, number]> = {
  n_vocab: [256, 1_000_000],
  n_audio_ctx: [1, 100_000],
  n_audio_state: [1, 65_536],
  n_audio_head: [1, 1_024],
  n_audio_layer: [1, 1_024],
  n_text_ctx: [1, 100_000],
  n_text_state: [1, 65_536],
  n_text_head: [1, 1_024],
  n_text_layer: [1, 1_024],
  n_mels: [1, 1_024],
};

const KNOWN_SIZES: ReadonlyArray<[WhisperModelKind, number, number]> = [
  // kind, n_audio_layer, n_audio_state
  ['tiny', 4, 384],
  ['base', 6, 512],
  ['small', 12, 768],
  ['medium', 24, 1024],
  ['large', 32, 1280],
];

function guessKind(h: GgmlHparams): WhisperModelKind {
  for (const [kind, layers, state] of KNOWN_SIZES) {
    if (h.n_audio_layer === layers && h.n_audio_state === state) return kind;
  }
  return 'custom';
}

export interface ReadModelOptions {
  /** Walk the vocab and every tensor record to catch truncated files (default true; a few ms). */
  verifyTensors?: boolean;
}

/** Reads and validates the header of a whisper ggml model file. Throws ModelFileError with a clear message. */
export async function readGgmlModelInfo(path: string, options: ReadModelOptions = {}): Promise<GgmlModelInfo> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new ModelFileError(`cannot open model file ${path}: ${why}`, path, 'unreadable');
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory())
      throw new ModelFileError(`cannot open model file ${path}: is a directory`, path, 'unreadable');
    const size = st.size;
    if (size === 0) throw new ModelFileError(`not a whisper ggml model: file is empty (${path})`, path, 'empty');

    const buf = Buffer.alloc(HEADER_BYTES + FILTER_HEADER_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);

    if (bytesRead < 4)
      throw new ModelFileError(`not a whisper ggml model: truncated header (${bytesRead} bytes)`, path, 'not_a_model');
    const magic = buf.readUInt32LE(0);
    if (magic !== GGML_MAGIC) {
      const gguf = buf.subarray(0, 4).toString('latin1') === 'GGUF';
      throw new ModelFileError(
        `not a whisper ggml model: bad magic 0x${magic.toString(16).padStart(8, '0')}` +
          (gguf ? ' (this is a GGUF file, not a whisper.cpp ggml model)' : ''),
        path,
        gguf ? 'gguf' : 'not_a_model',
      );
    }
    if (bytesRead < HEADER_BYTES + FILTER_HEADER_BYTES) {
      throw new ModelFileError(
        `not a whisper ggml model: truncated header (${bytesRead} of ${HEADER_BYTES + FILTER_HEADER_BYTES} bytes)`,
        path,
        'truncated',
      );
    }

    const hparams = {} as GgmlHparams;
    HPARAM_NAMES.forEach((name, i) => {
      hparams[name] = buf.readInt32LE(4 + i * 4);
    });

    for (const [name, [lo, hi]] of Object.entries(RANGES) as Array<[HparamName, [number, number]]>) {
      const v = hparams[name];
      if (v < lo || v > hi) {
        throw new ModelFileError(`not a whisper ggml model: implausible ${name} = ${v} (expected ${lo}..${hi})`, path);
      }
    }
    if (hparams.n_text_state !== hparams.n_audio_state) {
      throw new ModelFileError(
        `not a whisper ggml model: n_text_state (${hparams.n_text_state}) != n_audio_state (${hparams.n_audio_state})`,
        path,
      );
    }
    if (hparams.n_audio_state % hparams.n_audio_head !== 0 || hparams.n_text_state % hparams.n_text_head !== 0) {
      throw new ModelFileError('not a whisper ggml model: state size is not a multiple of the head count', path);
    }
    if (hparams.ftype < 0) throw new ModelFileError(`not a whisper ggml model: bad ftype ${hparams.ftype}`, path);
    const weightType = hparams.ftype % QNT_VERSION_FACTOR;
    const quantizationVersion = Math.floor(hparams.ftype / QNT_VERSION_FACTOR);
    // ggml_ftype values run 0..~40; anything larger is not a model we can load.
    if (weightType > 64 || quantizationVersion > 16) {
      throw new ModelFileError(`not a whisper ggml model: bad ftype ${hparams.ftype}`, path);
    }

    const nMel = buf.readInt32LE(HEADER_BYTES);
    const nFft = buf.readInt32LE(HEADER_BYTES + 4);
    if (nMel !== hparams.n_mels || nFft < 1 || nFft > 65_536) {
      throw new ModelFileError(
        `not a whisper ggml model: bad mel filter header (n_mel ${nMel}, n_fft ${nFft}, n_mels ${hparams.n_mels})`,
        path,
      );
    }
    const filtersEnd = HEADER_BYTES + FILTER_HEADER_BYTES + nMel * nFft * 4;
    if (size < filtersEnd + 4) {
      throw new ModelFileError(
        `not a whisper ggml model: truncated file (${size} bytes, mel filters need ${filtersEnd + 4})`,
        path,
      );
    }

    const tensorCount = options.verifyTensors === false ? null : await walkTensors(fh, path, size, filtersEnd, hparams);

    return {
      hparams,
      sizeBytes: size,
      kind: guessKind(hparams),
      multilingual: hparams.n_vocab >= 51865,
      weightType,
      quantizationVersion,
      melFilters: { nMel, nFft },
      tensorCount,
    };
  } finally {
    await fh.close();
  }
}

/** [block size in elements, bytes per block] for ggml tensor types a whisper model may contain. */
const TYPE_SIZES: Record<number, [number, number]> = {
  0: [1, 4], // f32
  1: [1, 2], // f16
  2: [32, 18], // q4_0
  3: [32, 20], // q4_1
  6: [32, 22], // q5_0
  7: [32, 24], // q5_1
  8: [32, 34], // q8_0
  10: [256, 84], // q2_K
  11: [256, 110], // q3_K
  12: [256, 144], // q4_K
  13: [256, 176], // q5_K
  14: [256, 210], // q6_K
  30: [1, 2], // bf16
};

type FileHandle = Awaited<ReturnType<typeof open>>;

/**
 * Skips the vocab and walks every tensor record, so that a file cut short
 * (an interrupted download) is refused here instead of inside whisper.cpp.
 */
async function walkTensors(
  fh: FileHandle,
  path: string,
  size: number,
  vocabStart: number,
  hparams: GgmlHparams,
): Promise<number | null> {
  const truncated = (what: string): ModelFileError =>
    new ModelFileError(
      `not a whisper ggml model: truncated file (${size} bytes; ends inside ${what})`,
      path,
      'truncated',
    );
  const small = Buffer.alloc(16);
  const readAt = async (pos: number, len: number, what: string): Promise<Buffer> => {
    const b = len <= small.length ? small : Buffer.alloc(len);
    const { bytesRead } = await fh.read(b, 0, len, pos);
    if (bytesRead < len) throw truncated(what);
    return b;
  };

  // vocab: int32 count, then (uint32 len, bytes) per token; read in chunks
  let pos = vocabStart;
  const nTokens = (await readAt(pos, 4, 'the vocab')).readInt32LE(0);
  pos += 4;
  if (nTokens < 0 || nTokens > hparams.n_vocab) {
    throw new ModelFileError(`not a whisper ggml model: bad vocab size ${nTokens} (n_vocab ${hparams.n_vocab})`, path);
  }
  const CHUNK = 1 << 20;
  let chunk = Buffer.alloc(0);
  let chunkStart = pos;
  for (let i = 0; i < nTokens; i++) {
    if (pos + 4 > chunkStart + chunk.length) {
      chunk = Buffer.alloc(CHUNK);
      const { bytesRead } = await fh.read(chunk, 0, CHUNK, pos);
      chunk = chunk.subarray(0, bytesRead);
      chunkStart = pos;
      if (bytesRead < 4) throw truncated('the vocab');
    }
    const len = chunk.readUInt32LE(pos - chunkStart);
    if (len > 1024) throw new ModelFileError(`not a whisper ggml model: vocab token ${i} is ${len} bytes long`, path);
    pos += 4 + len;
  }
  if (pos > size) throw truncated('the vocab');

  // tensors: int32 n_dims, int32 name length, int32 type, int32 ne[n_dims], name, data
  let count = 0;
  while (pos < size) {
    const head = await readAt(pos, 12, `the header of tensor #${count + 1}`);
    const nDims = head.readInt32LE(0);
    const nameLen = head.readInt32LE(4);
    const type = head.readInt32LE(8);
    if (nDims < 1 || nDims > 4 || nameLen < 1 || nameLen > 256) {
      throw new ModelFileError(`not a whisper ggml model: corrupt tensor header #${count + 1} at byte ${pos}`, path);
    }
    const dims = await readAt(pos + 12, 4 * nDims, `the header of tensor #${count + 1}`);
    let elements = 1;
    for (let d = 0; d < nDims; d++) {
      const ne = dims.readInt32LE(4 * d);
      if (ne < 1) throw new ModelFileError(`not a whisper ggml model: corrupt tensor shape #${count + 1}`, path);
      elements *= ne;
    }
    const typeSize = TYPE_SIZES[type];
    if (!typeSize) return null; // a type we do not know how to size: stop verifying here
    const dataBytes = Math.ceil(elements / typeSize[0]) * typeSize[1];
    const end = pos + 12 + 4 * nDims + nameLen + dataBytes;
    if (end > size) {
      const name = (await readAt(pos + 12 + 4 * nDims, nameLen, 'a tensor name'))
        .subarray(0, nameLen)
        .toString('latin1');
      throw truncated(`tensor '${name}'`);
    }
    pos = end;
    count++;
  }
  const expected = 7 + 15 * hparams.n_audio_layer + 4 + 24 * hparams.n_text_layer;
  if (count !== expected) {
    throw new ModelFileError(`not a whisper ggml model: has ${count} tensors, expected ${expected}`, path);
  }
  return count;
}

const PROBLEM_SENTENCES: Record<ModelFileProblem, string> = {
  unreadable: 'The file could not be opened. Check that it still exists and that you can read it.',
  empty: 'The file is empty.',
  not_a_model: 'It is not a whisper.cpp model. Choose a file named like “ggml-base.en.bin”.',
  gguf: 'It is a GGUF file, the format other AI tools use; Gamefilm needs a whisper.cpp model named like “ggml-base.en.bin”.',
  truncated: 'The file is incomplete; it may not have finished downloading. Download it again.',
  corrupt: 'The file is damaged or not a whisper.cpp model. Download it again.',
};

/** The sentence a coach reads for a model file that cannot be used; the technical reason stays in the error. */
export function describeModelFileProblem(fileLabel: string, error: unknown): string {
  const problem = error instanceof ModelFileError ? error.problem : 'corrupt';
  return `“${fileLabel}” cannot be used as a transcription model. ${PROBLEM_SENTENCES[problem]}`;
}

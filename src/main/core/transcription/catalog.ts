/**
 * The standard whisper.cpp ggml models a coach can download. Sizes and SHA-1
 * checksums are the ones upstream publishes in whisper.cpp's models/README.md
 * (the copy carried by nodejs-whisper, whisper.cpp 1.9.x); the files are
 * served from the ggerganov/whisper.cpp repository on Hugging Face.
 */
export interface CatalogModel {
  id: string;
  name: string;
  fileName: string;
  /** As published ("75 MiB"); the server's Content-Length is what the progress bar uses. */
  approxBytes: number;
  sha1: string;
  multilingual: boolean;
  purpose: string;
}

const MiB = 1024 * 1024;

export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    id: 'tiny.en',
    name: 'Tiny (English)',
    fileName: 'ggml-tiny.en.bin',
    approxBytes: 75 * MiB,
    sha1: 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df',
    multilingual: false,
    purpose: 'Fastest. Good for a quick first pass on English calls and older laptops; misses more words.',
  },
  {
    id: 'base.en',
    name: 'Base (English)',
    fileName: 'ggml-base.en.bin',
    approxBytes: 142 * MiB,
    sha1: '137c40403d78fd54d454da0f9bd998f78703390c',
    multilingual: false,
    purpose: 'The everyday choice for English calls: fast, and accurate enough to coach from.',
  },
  {
    id: 'small.en',
    name: 'Small (English)',
    fileName: 'ggml-small.en.bin',
    approxBytes: 466 * MiB,
    sha1: 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022',
    multilingual: false,
    purpose: 'Most accurate here for English: accents, crosstalk and product names. About 3× slower than base.',
  },
  {
    id: 'tiny',
    name: 'Tiny (multilingual)',
    fileName: 'ggml-tiny.bin',
    approxBytes: 75 * MiB,
    sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f',
    multilingual: true,
    purpose: 'Fastest for calls in other languages; rough, best for search rather than reading.',
  },
  {
    id: 'base',
    name: 'Base (multilingual)',
    fileName: 'ggml-base.bin',
    approxBytes: 142 * MiB,
    sha1: '465707469ff3a37a2b9b8d8f89f2f99de7299dac',
    multilingual: true,
    purpose: 'Everyday choice for teams that sell in several languages; detects the language itself.',
  },
  {
    id: 'small',
    name: 'Small (multilingual)',
    fileName: 'ggml-small.bin',
    approxBytes: 466 * MiB,
    sha1: '55356645c2b361a969dfd0ef2c5a50d530afd8d5',
    multilingual: true,
    purpose: 'Most accurate here for non-English calls; slower.',
  },
];

export const DEFAULT_MODEL_BASE_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main';

/** GAMEFILM_MODEL_BASE_URL points downloads at a mirror (or, in tests, a server on 127.0.0.1). */
export function modelBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.GAMEFILM_MODEL_BASE_URL?.trim();
  return (fromEnv || DEFAULT_MODEL_BASE_URL).replace(/\/+$/, '');
}

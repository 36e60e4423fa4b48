import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.gamefilm': 'application/zip',
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
};

/**
 * An exported packet file by name, or null. Only names the exporter writes
 * (a plain name with a known extension, never a dot-file or a path) inside
 * the exports folder are ever served.
 */
export async function resolveExportFile(
  exportsDir: string,
  rawName: string,
): Promise<{ path: string; fileName: string; contentType: string; size: number } | null> {
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return null;
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name)) return null;
  const ext = Object.keys(TYPES).find((e) => name.endsWith(e));
  if (!ext) return null;
  const root = resolve(exportsDir);
  const path = resolve(join(root, name));
  if (!path.startsWith(root + sep)) return null;
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return null;
  return { path, fileName: name, contentType: TYPES[ext] ?? 'application/octet-stream', size: info.size };
}

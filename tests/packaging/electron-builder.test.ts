import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
};

describe('packaging (electron-builder)', () => {
  it("validates against electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
    ajv.addMetaSchema(
      JSON.parse(readFileSync(join(root, 'node_modules/ajv/lib/refs/json-schema-draft-06.json'), 'utf8')),
    );
    const { $schema: _ignored, ...body } = config;
    const valid = ajv.validate(schema, body);
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds the installers the issue asks for, with the app id and icons from resources/', () => {
    expect(config['appId']).toBe('app.gamefilm.desktop');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(icon.startsWith('resources/')).toBe(true);
      expect(existsSync(join(root, icon))).toBe(true);
    }
  });

  it('keeps native and executable parts outside the asar: better-sqlite3, ffmpeg/ffprobe, whisper-cli', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/**/*',
        'node_modules/@ffmpeg-installer/**/*',
        'vendor/whisper/**/*',
      ]),
    );
    // electron-builder rebuilds better-sqlite3 for Electron's ABI when it packages.
    expect(config['npmRebuild']).toBe(true);
  });

  it('flips the Electron fuses: no RunAsNode, NODE_OPTIONS or inspect; cookie encryption, ASAR integrity, ASAR only', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, migrations } from '../../../../src/main/core/db/migrations';
import type { Migration } from '../../../../src/main/core/db/migrations';
import { openDatabase } from '../../../../src/main/core/db/open';
import { AppError } from '../../../../src/shared/result';
import { useTempDirs } from '../../../helpers/tmp';

const tempDir = useTempDirs();
const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  // Numbers are reserved per branch (issue 12 work took 9), so the list may have gaps until all are merged.
  it('are numbered in strictly increasing order from 1', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    versions.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(versions[i]!));
  });

  it.each(migrations.map((m) => [m.version, m] as const))('migration %i applies on a temp database', (version, m) => {
    const db = new Database(join(tempDir(), 'm.sqlite'));
    migrate(db, migrations.slice(0, migrations.indexOf(m)));
    const before = tables(db);
    migrate(db, migrations.slice(0, migrations.indexOf(m) + 1));
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(tables(db).length).toBeGreaterThanOrEqual(before.length);
    db.close();
  });

  it('001 creates people with one "me" at most and STRICT columns', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(
      `INSERT INTO people (id, name, role, is_me, created_at, updated_at) VALUES (?, ?, 'rep', ?, 'now', 'now')`,
    );
    insert.run('a', 'Ana', 1);
    expect(() => insert.run('b', 'Ben', 1)).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(`INSERT INTO people (id, name, role, created_at, updated_at) VALUES ('c', 'C', 'ceo', 'x', 'x')`)
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO people (id, name, role, is_me, created_at, updated_at) VALUES ('d', 'D', 'rep', 'yes', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('008 keeps one owner per public key, aliases that point at a person, one receipt per signer and subject', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare(
      `INSERT INTO people (id, name, role, created_at, updated_at) VALUES ('p', 'Pia', 'rep', 'x', 'x')`,
    ).run();
    const key = db.prepare(
      `INSERT INTO person_keys (public_key, person_id, verified, created_at) VALUES (?, ?, 1, 'x')`,
    );
    key.run('k1', 'p');
    expect(() => key.run('k1', 'p')).toThrow(/UNIQUE/);
    expect(() => key.run('k2', 'nobody')).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare(`INSERT INTO person_aliases (alias_id, person_id, merged_at) VALUES ('a', 'nobody', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
    const receipt = db.prepare(
      `INSERT INTO packet_receipts (signer_key, subject_id, packet_id, created_at, imported_at) VALUES ('k1', 'c', ?, 'x', 'x')`,
    );
    receipt.run('one');
    expect(() => receipt.run('two')).toThrow(/UNIQUE/);
  });

  it('010 turns managers into coaches, allows admin, and keeps every row, index and foreign key to people', () => {
    const db = new Database(join(tempDir(), 'roles.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < 10),
    );
    db.exec(`INSERT INTO people (id, name, role, email, is_me, created_at, updated_at)
             VALUES ('m', 'Max', 'manager', 'max@example.com', 1, 'x', 'y'), ('r', 'Rae', 'rep', NULL, 0, 'x', 'y')`);
    db.exec(`INSERT INTO person_keys (public_key, person_id, verified, created_at) VALUES ('k', 'm', 1, 'x')`);
    const criteria = db.prepare(`SELECT count(*) AS n FROM rubric_criteria`).get() as { n: number };
    migrate(db);
    expect(
      db.prepare(`SELECT id, name, role, email, is_me, created_at, updated_at FROM people ORDER BY id`).all(),
    ).toEqual([
      { id: 'm', name: 'Max', role: 'coach', email: 'max@example.com', is_me: 1, created_at: 'x', updated_at: 'y' },
      { id: 'r', name: 'Rae', role: 'rep', email: null, is_me: 0, created_at: 'x', updated_at: 'y' },
    ]);
    db.prepare(
      `INSERT INTO people (id, name, role, created_at, updated_at) VALUES ('a', 'Ada', 'admin', 'x', 'x')`,
    ).run();
    expect(() =>
      db
        .prepare(`INSERT INTO people (id, name, role, created_at, updated_at) VALUES ('z', 'Zed', 'manager', 'x', 'x')`)
        .run(),
    ).toThrow(/CHECK/);
    // Still one "me" at most, and tables that point at people still point at the rebuilt table.
    expect(() => db.prepare(`UPDATE people SET is_me = 1 WHERE id = 'r'`).run()).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO person_keys (public_key, person_id, verified, created_at) VALUES ('k2', 'nobody', 1, 'x')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`DELETE FROM people WHERE id = 'm'`).run()).toThrow(/FOREIGN KEY/);
    const fks = db.prepare(`SELECT DISTINCT "table" AS t FROM pragma_foreign_key_list('speakers')`).all();
    expect(fks).toContainEqual({ t: 'people' });
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'people_before%'`).all()).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect((db.prepare(`SELECT count(*) AS n FROM rubric_criteria`).get() as { n: number }).n).toBe(criteria.n);
    db.close();
  });

  it('010 gives criteria a skill key that only takes drill skills', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.exec(`INSERT INTO rubrics (id, name, created_at, updated_at) VALUES ('r', 'R', 'x', 'x');
             INSERT INTO rubric_versions (id, rubric_id, version, created_at, updated_at) VALUES ('v', 'r', 1, 'x', 'x')`);
    const insert = db.prepare(`INSERT INTO rubric_criteria (id, rubric_version_id, key, position, name, weight,
      anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, skill, created_at, updated_at)
      VALUES (?, 'v', ?, ?, ?, 1, 'a', 'b', 'c', 'd', 'e', ?, 'x', 'x')`);
    insert.run('k1', 'k1', 0, 'Deal Progression', 'next_step_close');
    insert.run('k2', 'k2', 1, 'Rapport', null);
    expect(() => insert.run('k3', 'k3', 2, 'Other', 'juggling')).toThrow(/CHECK/);
  });

  it('011 turns badge emoji into icon names from the shipped set, any other emoji into a star', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 11),
    );
    const add = db.prepare(
      `INSERT INTO kudos_badges (id, name, emoji, position, created_at, updated_at) VALUES (?, ?, ?, 0, 'x', 'x')`,
    );
    add.run('a', 'Great discovery', '🔎');
    add.run('b', 'Objection crusher', '🛡️');
    add.run('c', 'Odd one', '🦄');
    add.run('d', 'None', '');
    migrate(db);
    const rows = db.prepare(`SELECT * FROM kudos_badges ORDER BY id`).all() as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.icon)).toEqual(['search', 'shield', 'star', 'star']);
    expect(rows[0]).not.toHaveProperty('emoji');
    expect(() =>
      db
        .prepare(
          `INSERT INTO kudos_badges (id, name, icon, position, created_at, updated_at) VALUES ('e', 'E', '🎯', 0, 'x', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('015 keeps every kudos, allows a badge or a message (never neither), and one celebration per natural key', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < 15),
    );
    db.exec(`
      INSERT INTO people (id, name, role, created_at, updated_at) VALUES ('p1', 'Cora', 'coach', 'x', 'x'), ('p2', 'Ray', 'rep', 'x', 'x');
      INSERT INTO kudos_badges (id, name, icon, position, created_at, updated_at) VALUES ('b1', 'Brave ask', 'target', 0, 'x', 'x');
      INSERT INTO review_sessions (id, title, session_date, created_at, updated_at) VALUES ('s1', 'Week 1', '2026-11-02', 'x', 'x');
      INSERT INTO kudos (id, giver_id, recipient_id, badge_id, reason, session_id, created_at, updated_at)
        VALUES ('k1', 'p1', 'p2', 'b1', 'Asked for the meeting', 's1', '2026-11-02T10:00:00.000Z', 'x');
    `);
    migrate(db);
    expect(db.prepare(`SELECT id, badge_id, reason, session_id, annotation_id FROM kudos`).all()).toEqual([
      { id: 'k1', badge_id: 'b1', reason: 'Asked for the meeting', session_id: 's1', annotation_id: null },
    ]);
    const kudos = db.prepare(
      `INSERT INTO kudos (id, giver_id, recipient_id, badge_id, reason, created_at, updated_at) VALUES (?, 'p1', 'p2', ?, ?, 'x', 'x')`,
    );
    kudos.run('k2', null, 'Thanks for covering'); // a message alone, on a person's page
    kudos.run('k3', 'b1', ''); // a badge alone
    expect(() => kudos.run('k4', null, '  ')).toThrow(/CHECK/);
    const celebrate = db.prepare(
      `INSERT INTO celebrations (id, kind, person_id, subject_key, period, title, occurred_at, created_at)
       VALUES (?, 'personal_best', 'p2', 'drill', 'attempt', 'Best', 'x', 'x') ON CONFLICT DO NOTHING`,
    );
    expect(celebrate.run('c1').changes).toBe(1);
    expect(celebrate.run('c2').changes).toBe(0);
  });

  it('is a no-op when already current', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: latestVersion() });
    expect(migrate(db)).toEqual({ from: latestVersion(), to: latestVersion() });
  });

  it('applies all pending migrations in one transaction: a failure leaves the database as it was', () => {
    const db = new Database(join(tempDir(), 'tx.sqlite'));
    const broken: Migration = {
      version: latestVersion() + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuses a database from a newer Gamefilm with a clear message and changes nothing', () => {
    const file = join(tempDir(), 'future.sqlite');
    const future = new Database(file);
    future.pragma(`user_version = ${latestVersion() + 5}`);
    future.close();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('db_too_new');
    expect((error as AppError).message).toMatch(/newer version of Gamefilm.*Update Gamefilm/);
    const reopened = new Database(file);
    expect(reopened.pragma('user_version', { simple: true })).toBe(latestVersion() + 5);
    expect(tables(reopened)).toEqual([]);
  });

  it('opens with WAL and foreign keys on', () => {
    const db = openDatabase(join(tempDir(), 'wal.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
  it('019 counts the hits already found for every tracker and recording', () => {
    const db = new Database(':memory:');
    const upTo = (version: number) => migrations.filter((m) => m.version <= version);
    const [A, B] = ['a'.repeat(64), 'b'.repeat(64)];
    migrate(db, upTo(18));
    db.exec(`
      INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
        format_name, has_video, created_at) VALUES ('${A}', 'ogg', 1, 10, 1, 1, 48000, 'opus', 'ogg', 0, 'now'),
        ('${B}', 'ogg', 1, 10, 1, 1, 48000, 'opus', 'ogg', 0, 'now');
      INSERT INTO trackers (id, name, side, phrases, created_at, updated_at)
        VALUES ('t1', 'Pricing', 'either', '["price"]', 'now', 'now');
      INSERT INTO tracker_scans (tracker_id, media_sha256, revision) VALUES ('t1', '${A}', 1), ('t1', '${B}', 1);
      INSERT INTO tracker_hits (tracker_id, media_sha256, ordinal, segment_id, start_sec, phrase, side)
        VALUES ('t1', '${A}', 0, 's1', 1, 'price', 'rep'), ('t1', '${A}', 1, 's2', 4, 'price', 'customer');
    `);
    migrate(db, upTo(19));
    expect(db.prepare('SELECT media_sha256, hits FROM tracker_scans ORDER BY media_sha256').all()).toEqual([
      { media_sha256: A, hits: 2 },
      { media_sha256: B, hits: 0 },
    ]);
    db.close();
  });
});

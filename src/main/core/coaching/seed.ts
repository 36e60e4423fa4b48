import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { RubricInput } from '../../../shared/contract/rubrics';
import { DEFAULT_ANNOTATION_TAGS } from '../../../shared/domain';
import coldCall from '../../../../resources/rubrics/cold-call.json';
import demo from '../../../../resources/rubrics/demo.json';
import fundamentals from '../../../../resources/rubrics/sales-call-fundamentals.json';
import { newId, nowIso } from '../db/ids';
import { get, run, sql } from '../db/sql';
import { writeSetting } from '../settings/repository';
import { createRubric } from './rubrics/repository';

/** A template in resources/rubrics: a rubric as the contract accepts it, plus a stable seed key. */
export const SeedRubric = RubricInput.extend({ seedKey: z.string().regex(/^[a-z0-9-]+$/) });

/** In the order a new library lists them; the first is the default template. */
export const SEED_RUBRICS: readonly unknown[] = [fundamentals, coldCall, demo];

const TAGS_SEED_KEY = 'annotation-tags';
const SEEDS_KEY = 'meta.coachingSeeds';

function appliedSeeds(db: Database): Set<string> {
  const row = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${SEEDS_KEY}`);
  return new Set(row ? (JSON.parse(row.value) as string[]) : []);
}

/**
 * Gives a library the shipped rubric templates and the default tag set.
 *
 * Runs at every start rather than in a migration: migrations are frozen once
 * shipped, while a later release may ship another template, which existing
 * libraries should then receive once. Each seed is recorded when applied and
 * never applied again, so a template or tag the user deleted (even after the
 * trash is emptied) does not come back.
 */
export function seedCoachingDefaults(db: Database): void {
  db.transaction(() => {
    const applied = appliedSeeds(db);
    const before = applied.size;
    for (const raw of SEED_RUBRICS) {
      const parsed = SeedRubric.safeParse(raw);
      if (!parsed.success) {
        // A broken template must not stop the app from opening the library.
        console.error('[gamefilm] skipping an invalid rubric template', parsed.error.issues);
        continue;
      }
      const { seedKey, ...rubric } = parsed.data;
      if (applied.has(seedKey)) continue;
      const exists = get(db, sql`SELECT id FROM rubrics WHERE seed_key = ${seedKey}`);
      if (!exists) createRubric(db, rubric, seedKey);
      applied.add(seedKey);
    }
    if (!applied.has(TAGS_SEED_KEY)) {
      const now = nowIso();
      DEFAULT_ANNOTATION_TAGS.forEach((tag, position) => {
        if (get(db, sql`SELECT id FROM annotation_tags WHERE name = ${tag.name} AND deleted_at IS NULL`)) return;
        run(
          db,
          sql`INSERT INTO annotation_tags (id, name, color, position, created_at, updated_at)
              VALUES (${newId()}, ${tag.name}, ${tag.color}, ${position}, ${now}, ${now})`,
        );
      });
      applied.add(TAGS_SEED_KEY);
    }
    if (applied.size !== before) writeSetting(db, SEEDS_KEY, [...applied].sort());
  })();
}

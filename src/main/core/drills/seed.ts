import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { DrillInput } from '../../../shared/contract/drills';
import starterPack from '../../../../resources/drills/starter-pack.json';
import { get, sql } from '../db/sql';
import { writeSetting } from '../settings/repository';
import { createDrill } from './repository';

/**
 * A drill in resources/drills: the contract's drill input without media
 * (a shipped drill has no call to clip from), the rubric named by its seed
 * key (resources/rubrics), and a stable seed key of its own.
 */
export const SeedDrill = z
  .object({
    seedKey: z.string().regex(/^[a-z0-9-]+$/),
    rubric: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string(),
    skill: z.string(),
    persona: z.unknown(),
    promptText: z.string(),
    timeLimitSec: z.number(),
    notes: z.string(),
    tags: z.array(z.string()),
  })
  .strict();

const SeedPack = z.object({ pack: z.string(), description: z.string(), drills: z.array(z.unknown()) }).strict();

export const SEED_PACKS: readonly unknown[] = [starterPack];

const SEEDS_KEY = 'meta.drillSeeds';

/**
 * Gives a library the shipped drills. Like the rubric templates it runs at
 * every start (after them: drills name their rubric) and records each drill
 * it applied, so a later release can add drills and a drill the user deleted
 * never comes back.
 */
export function seedDrills(db: Database): void {
  db.transaction(() => {
    const row = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${SEEDS_KEY}`);
    const applied = new Set(row ? (JSON.parse(row.value) as string[]) : []);
    const before = applied.size;
    for (const rawPack of SEED_PACKS) {
      const pack = SeedPack.safeParse(rawPack);
      if (!pack.success) {
        console.error('[gamefilm] skipping an invalid drill pack', pack.error.issues);
        continue;
      }
      for (const raw of pack.data.drills) {
        const seed = SeedDrill.safeParse(raw);
        const { seedKey, rubric, ...rest } = seed.success ? seed.data : { seedKey: '', rubric: '' };
        const rubricId = get<{ id: string }>(
          db,
          sql`SELECT id FROM rubrics WHERE seed_key = ${rubric} AND deleted_at IS NULL`,
        )?.id;
        const input = DrillInput.safeParse({ ...rest, rubricId: rubricId ?? null });
        if (!seed.success || !input.success) {
          // A broken entry must not stop the app from opening the library.
          console.error('[gamefilm] skipping an invalid drill', seed.error?.issues ?? input.error?.issues);
          continue;
        }
        if (applied.has(seedKey)) continue;
        if (!get(db, sql`SELECT id FROM drills WHERE seed_key = ${seedKey}`)) createDrill(db, input.data, seedKey);
        applied.add(seedKey);
      }
    }
    if (applied.size !== before) writeSetting(db, SEEDS_KEY, [...applied].sort());
  })();
}

import type { Migration } from './index';

/**
 * Roles the policy uses, and a skill key on rubric criteria.
 *
 * - `people.role` becomes rep | coach | facilitator | admin. The old
 *   'manager' scored as a coach everywhere, so it becomes 'coach'. SQLite
 *   cannot change a CHECK in place, so the table is rebuilt from its own
 *   CREATE statement (every column and index kept) by SQLite's twelve-step
 *   procedure: the tables pointing at `people` keep pointing at it, and the
 *   runner checks every foreign key before it commits.
 * - `rubric_criteria.skill`: the drill skill a criterion trains, shared
 *   across rubrics, so the practice plan finds drills by skill rather than
 *   by rubric ("Deal Progression" finds the next-step-close drills written
 *   for the demo and cold-call rubrics). The shipped criteria get theirs by
 *   name; criteria people wrote keep NULL until someone picks one.
 */
export const SEEDED_CRITERION_SKILLS: ReadonlyArray<[string, string]> = [
  // Sales Call Fundamentals
  ['Discovery Skills', 'discovery_opener'],
  ['Value Communication', 'value_pitch'],
  ['Objection Handling', 'objection_handling'],
  ['Deal Progression', 'next_step_close'],
  // Cold Call
  ['Opener', 'cold_call_opener'],
  ['Relevance and research', 'cold_call_opener'],
  ['Qualifying questions', 'discovery_opener'],
  ['Handling brush-offs', 'objection_handling'],
  ['Tone and pace', 'cold_call_opener'],
  ['Close for the meeting', 'next_step_close'],
  // Product Demo
  ['Discovery recap and agenda', 'discovery_opener'],
  ['Tailored storyline', 'value_pitch'],
  ['Features tied to outcomes', 'value_pitch'],
  ['Handling questions and objections', 'objection_handling'],
  ['Next steps and mutual plan', 'next_step_close'],
];

export const m010RolesSkills: Migration = {
  version: 10,
  name: 'roles (rep, coach, facilitator, admin) and criterion skills',
  rebuildsTables: true,
  up: (db) => {
    const table = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'people'`).get() as
      { sql: string } | undefined;
    if (!table) throw new Error('people table missing');
    const oldCheck = /role IN \('rep', 'coach', 'facilitator', 'manager'\)/;
    if (!oldCheck.test(table.sql)) throw new Error('people.role check is not the one migration 010 expects');
    const rebuilt = table.sql.replace(oldCheck, `role IN ('rep', 'coach', 'facilitator', 'admin')`);
    const indexes = (
      db
        .prepare(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL`)
        .all() as { sql: string }[]
    ).map((r) => r.sql);
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('people')`).all() as { name: string }[])
      .map((c) => c.name)
      .join(', ');

    // SQLite's documented rebuild (runner has foreign keys off for this migration, and checks them before commit).
    db.exec(rebuilt.replace(/^CREATE TABLE "?people"?/, 'CREATE TABLE people_010'));
    db.exec(`INSERT INTO people_010 (${columns})
             SELECT ${columns.replace(/\brole\b/, `CASE role WHEN 'manager' THEN 'coach' ELSE role END`)} FROM people`);
    db.exec(`DROP TABLE people`);
    db.exec(`ALTER TABLE people_010 RENAME TO people`);
    for (const index of indexes) db.exec(index);

    db.exec(`
      ALTER TABLE rubric_criteria ADD COLUMN skill TEXT CHECK (skill IS NULL OR skill IN
        ('objection_handling', 'discovery_opener', 'cold_call_opener', 'pricing', 'next_step_close', 'value_pitch'));
    `);
    const setSkill = db.prepare(
      `UPDATE rubric_criteria SET skill = ? WHERE name = ? AND rubric_version_id IN
         (SELECT v.id FROM rubric_versions v JOIN rubrics r ON r.id = v.rubric_id WHERE r.seed_key IS NOT NULL)`,
    );
    for (const [name, skill] of SEEDED_CRITERION_SKILLS) setSkill.run(skill, name);
  },
};

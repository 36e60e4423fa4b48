import type { Migration } from './index';

/**
 * Library search beyond transcripts (issue 12, item 5): the words of an
 * annotation and its Situation / Behavior / Impact, and scorecard comments
 * (per criterion, and the strengths note).
 *
 * These tables have text ids, so the indexes keep the id in an UNINDEXED
 * column rather than leaning on an implicit rowid that VACUUM may renumber.
 * Triggers keep them in step; queries join back to the live rows, so a
 * trashed annotation or a draft scorecard is filtered where it is read.
 *
 * Also the sample call's mark (item 15): the call shipped in
 * resources/sample-call is labelled as a sample wherever it shows, and
 * "Remove the sample" deletes exactly it.
 */
export const m009Search: Migration = {
  version: 9,
  name: 'search-and-sample-call',
  up: (db) => {
    db.exec(`
      ALTER TABLE calls ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1));

      CREATE VIRTUAL TABLE annotations_fts USING fts5 (
        annotation_id UNINDEXED, body, situation, behavior, impact,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO annotations_fts (annotation_id, body, situation, behavior, impact)
        SELECT id, body, situation, behavior, impact FROM annotations;
      CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
        INSERT INTO annotations_fts (annotation_id, body, situation, behavior, impact)
          VALUES (new.id, new.body, new.situation, new.behavior, new.impact);
      END;
      CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
        DELETE FROM annotations_fts WHERE annotation_id = old.id;
      END;
      CREATE TRIGGER annotations_fts_update AFTER UPDATE OF body, situation, behavior, impact ON annotations BEGIN
        DELETE FROM annotations_fts WHERE annotation_id = old.id;
        INSERT INTO annotations_fts (annotation_id, body, situation, behavior, impact)
          VALUES (new.id, new.body, new.situation, new.behavior, new.impact);
      END;

      -- score_id is NULL for the scorecard's strengths note.
      CREATE VIRTUAL TABLE scorecard_text_fts USING fts5 (
        scorecard_id UNINDEXED, score_id UNINDEXED, text,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO scorecard_text_fts (scorecard_id, score_id, text)
        SELECT scorecard_id, id, comment FROM scorecard_scores WHERE comment <> '';
      INSERT INTO scorecard_text_fts (scorecard_id, score_id, text)
        SELECT id, NULL, strengths FROM scorecards WHERE strengths <> '';
      CREATE TRIGGER scorecard_scores_fts_insert AFTER INSERT ON scorecard_scores WHEN new.comment <> '' BEGIN
        INSERT INTO scorecard_text_fts (scorecard_id, score_id, text) VALUES (new.scorecard_id, new.id, new.comment);
      END;
      CREATE TRIGGER scorecard_scores_fts_delete AFTER DELETE ON scorecard_scores BEGIN
        DELETE FROM scorecard_text_fts WHERE score_id = old.id;
      END;
      CREATE TRIGGER scorecard_scores_fts_update AFTER UPDATE OF comment ON scorecard_scores BEGIN
        DELETE FROM scorecard_text_fts WHERE score_id = old.id;
        INSERT INTO scorecard_text_fts (scorecard_id, score_id, text)
          SELECT new.scorecard_id, new.id, new.comment WHERE new.comment <> '';
      END;
      CREATE TRIGGER scorecards_fts_insert AFTER INSERT ON scorecards WHEN new.strengths <> '' BEGIN
        INSERT INTO scorecard_text_fts (scorecard_id, score_id, text) VALUES (new.id, NULL, new.strengths);
      END;
      CREATE TRIGGER scorecards_fts_delete AFTER DELETE ON scorecards BEGIN
        DELETE FROM scorecard_text_fts WHERE scorecard_id = old.id;
      END;
      CREATE TRIGGER scorecards_fts_update AFTER UPDATE OF strengths ON scorecards BEGIN
        DELETE FROM scorecard_text_fts WHERE scorecard_id = old.id AND score_id IS NULL;
        INSERT INTO scorecard_text_fts (scorecard_id, score_id, text)
          SELECT new.id, NULL, new.strengths WHERE new.strengths <> '';
      END;
    `);
  },
};

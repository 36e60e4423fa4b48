import type { Migration } from './index';

/**
 * Tracker trends at a team's scale (issue 14): how many hits a tracker has
 * in a recording is stored with the scan that found them, so trends over
 * 10,000 calls read one row per tracker and recording instead of counting
 * every hit. Written in the same transaction as the hits; a transcript
 * change forgets both (migration 013's triggers).
 */
export const m019TrackerCounts: Migration = {
  version: 19,
  name: 'tracker hit counts per recording',
  up: (db) => {
    db.exec(`
      ALTER TABLE tracker_scans ADD COLUMN hits INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0);
      UPDATE tracker_scans SET hits = (
        SELECT count(*) FROM tracker_hits h
         WHERE h.tracker_id = tracker_scans.tracker_id AND h.media_sha256 = tracker_scans.media_sha256);
    `);
  },
};

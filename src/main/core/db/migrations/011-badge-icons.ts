import type { Migration } from './index';

/**
 * Badges were emoji, which are empty boxes on machines without an emoji font
 * (projectors, Linux). A badge now names an icon from the set shipped with
 * the app (lucide, drawn by the renderer). The shipped emoji map to their
 * icons; any other becomes a star.
 */
export const m011BadgeIcons: Migration = {
  version: 11,
  name: 'badge-icons',
  up: (db) => {
    db.exec(`
      ALTER TABLE kudos_badges ADD COLUMN icon TEXT NOT NULL DEFAULT 'star'
        CHECK (icon GLOB '[a-z]*' AND icon NOT GLOB '*[^a-z-]*' AND length(icon) <= 40);
      UPDATE kudos_badges SET icon = CASE
          WHEN emoji LIKE '🔎%' OR emoji LIKE '🔍%' THEN 'search'
          WHEN emoji LIKE '🛡%' THEN 'shield'
          WHEN emoji LIKE '🤝%' THEN 'handshake'
          WHEN emoji LIKE '🧭%' THEN 'compass'
          WHEN emoji LIKE '🎯%' THEN 'target'
          WHEN emoji LIKE '🏆%' THEN 'trophy'
          WHEN emoji LIKE '🔥%' THEN 'flame'
          WHEN emoji LIKE '❤%' THEN 'heart'
          WHEN emoji LIKE '💡%' THEN 'lightbulb'
          WHEN emoji LIKE '🚀%' THEN 'rocket'
          WHEN emoji LIKE '👍%' THEN 'thumbs-up'
          WHEN emoji LIKE '⚡%' THEN 'zap'
          WHEN emoji LIKE '🧊%' OR emoji LIKE '❄%' THEN 'snowflake'
          ELSE 'star' END;
      ALTER TABLE kudos_badges DROP COLUMN emoji;
    `);
  },
};

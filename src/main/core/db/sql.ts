import type { Database, Statement } from 'better-sqlite3';

/**
 * A query built by the `sql` tag: values become bound parameters, never
 * string fragments, so no caller can splice input into SQL by accident.
 */
export interface Query {
  text: string;
  params: unknown[];
}

type Value = string | number | bigint | boolean | null | undefined | Buffer;

export function sql(strings: TemplateStringsArray, ...values: Array<Value | Query>): Query {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      // A nested query fragment: splice its text, keep its params bound.
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(typeof value === 'boolean' ? Number(value) : (value ?? null));
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
}

// Preparing is most of a small query's cost; the tag's text is stable, so cache by it.
const cache = new WeakMap<Database, Map<string, Statement>>();
function prepared(db: Database, text: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = db.prepare(text)));
  return statement;
}

export const all = <T>(db: Database, q: Query): T[] => prepared(db, q.text).all(...q.params) as T[];
export const get = <T>(db: Database, q: Query): T | undefined => prepared(db, q.text).get(...q.params) as T | undefined;
export const run = (db: Database, q: Query) => prepared(db, q.text).run(...q.params);

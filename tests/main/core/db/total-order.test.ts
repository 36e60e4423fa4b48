/**
 * Every list query in the core must have a total order: two rows that tie on
 * the sort keys (created in the same millisecond, same position, same date)
 * would otherwise come back in whatever order SQLite's plan happens to give,
 * and a screen or test that relies on the order fails now and then (issue 12,
 * item 8). This reads the SQL in src/main/core and checks that each ORDER BY
 * ends on a key that cannot tie: an id, an ordinal, or a column that is the
 * row's whole key in that query (a tag of one call).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../../../src/main/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The ORDER BY list of each clause: up to LIMIT, the end of the template, or the subquery's closing parenthesis. */
function orderClauses(source: string): string[] {
  const clauses: string[] = [];
  const re = /ORDER BY\s/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    let depth = 0;
    let i = m.index + m[0].length;
    let text = '';
    for (; i < source.length; i++) {
      const ch = source[i]!;
      if (ch === '`') break;
      if (ch === '$' && source[i + 1] === '{') {
        const end = source.indexOf('}', i);
        text += source.slice(i, end + 1);
        i = end;
        continue;
      }
      if (ch === '(') depth++;
      if (ch === ')') {
        if (depth === 0) break;
        depth--;
      }
      text += ch;
    }
    clauses.push(text.replace(/\bLIMIT\b[\s\S]*$/, '').trim());
  }
  return clauses;
}

/** The last sort key, without direction, collation or interpolated direction (`${order}`). */
function lastKey(clause: string): string {
  const last = clause.split(',').at(-1) ?? '';
  return last
    .replace(/\$\{[^}]*\}/g, ' ')
    .replace(/\b(ASC|DESC|COLLATE\s+\w+|NULLS\s+(FIRST|LAST))\b/gi, ' ')
    .trim();
}

// A key that cannot tie within the rows one query returns.
const UNIQUE_KEY = /(^|\.)(id|rowid|\w+_id|ordinal|seq|tag|key|\w+_key|\w*sha256)$/;

describe('every list query in the core has a total order', () => {
  const files = sourceFiles(root);

  it('finds the queries it checks', () => {
    const count = files.reduce((n, f) => n + orderClauses(readFileSync(f, 'utf8')).length, 0);
    expect(count).toBeGreaterThan(40);
  });

  it('each ORDER BY ends on a tiebreaker column', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const clause of orderClauses(source)) {
        // `ORDER BY ${order}`: the order is built above; check each fragment it can be.
        const whole = /^\$\{(\w+)\}$/.exec(clause);
        const candidates = whole
          ? [...(new RegExp(`const ${whole[1]} =([^;]*);`).exec(source)?.[1] ?? '').matchAll(/sql`([^`]*)`/g)].map(
              (f) => f[1]!,
            )
          : [clause];
        if (candidates.length === 0) offenders.push(`${relative(root, file)}: ORDER BY ${clause} (cannot resolve)`);
        for (const c of candidates) {
          if (!UNIQUE_KEY.test(lastKey(c))) offenders.push(`${relative(root, file)}: ORDER BY ${c}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

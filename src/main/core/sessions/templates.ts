import { z } from 'zod';
import type { SessionTemplate } from '../../../shared/domain';
import { SessionItemKind } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import dealDissection from '../../../../resources/sessions/deal-dissection.json';
import objectionDrillOff from '../../../../resources/sessions/objection-drill-off.json';
import weeklyCallReview from '../../../../resources/sessions/weekly-call-review.json';

const TemplateFile = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().trim().min(1),
    description: z.string(),
    items: z
      .array(
        z
          .object({
            kind: SessionItemKind,
            title: z.string().trim().min(1).max(200),
            timeboxMin: z.number().int().min(1).max(120),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** The rituals shipped in resources/sessions, in the order the picker lists them. */
const RAW: readonly unknown[] = [weeklyCallReview, dealDissection, objectionDrillOff];

let cached: SessionTemplate[] | null = null;

export function sessionTemplates(): SessionTemplate[] {
  cached ??= RAW.flatMap((raw) => {
    const parsed = TemplateFile.safeParse(raw);
    if (parsed.success) return [parsed.data];
    // A broken template must not stop sessions from working.
    console.error('[gamefilm] skipping an invalid session template', parsed.error.issues);
    return [];
  });
  return cached;
}

export function requireTemplate(key: string): SessionTemplate {
  const template = sessionTemplates().find((t) => t.key === key);
  if (!template) throw new AppError('not_found', `There is no session template called “${key}”.`);
  return template;
}

import { z } from 'zod';
import type { Boards, TeamGoal } from '../domain';
import { Id, IsoDate } from '../domain';
import { method } from './define';

/** The balanced leaderboards and the team goal (part of `recognition`). */
export const boardsMethods = {
  /**
   * The boards for a period (this month when none is given) as the acting person sees them: top places
   * plus their own row; `{ enabled: false }` with no ranking while Settings has them off.
   */
  boards: method<Boards>()(
    z
      .object({ from: IsoDate.optional(), to: IsoDate.optional() })
      .strict()
      .refine((p) => !p.from || !p.to || p.from <= p.to, {
        message: 'The period must end after it starts',
        path: ['to'],
      })
      .refine((p) => !p.from === !p.to, { message: 'Give both ends of the period, or neither' })
      .optional(),
  ),
  /** A coach or admin sets the team goal (a new one, or `id` to change one): kept drill attempts in a period. */
  setTeamGoal: method<TeamGoal>()(
    z
      .object({
        id: Id.optional(),
        target: z
          .number({ message: 'The target is a number of drill attempts' })
          .int('The target is a whole number of drill attempts')
          .min(1, 'The target must be at least 1 drill attempt')
          .max(100_000, 'Keep the target under 100,000 drill attempts'),
        startDate: IsoDate,
        endDate: IsoDate,
      })
      .strict()
      .refine((g) => g.endDate >= g.startDate, { message: 'A goal must end after it starts' }),
  ),
  removeTeamGoal: method<void>()(z.object({ id: Id }).strict()),
};

import type { Handlers } from '../../../../shared/contract';
import type { CoreContext } from '../../context';
import * as rubrics from './repository';

export const rubricsHandlers = ({ db, emit }: CoreContext): Handlers['rubrics'] => ({
  list: () => rubrics.listRubrics(db),
  get: ({ id }) => rubrics.getRubric(db, id),
  getVersion: ({ versionId }) => rubrics.getRubricVersion(db, versionId),
  create: (input) => {
    const rubric = rubrics.createRubric(db, input);
    emit('rubrics.changed', { rubricId: rubric.id });
    return rubric;
  },
  update: (input) => {
    const { rubric } = rubrics.updateRubric(db, input);
    emit('rubrics.changed', { rubricId: rubric.id });
    return rubric;
  },
  remove: ({ id }) => {
    rubrics.removeRubric(db, id);
    emit('rubrics.changed', { rubricId: id });
  },
  restore: ({ id }) => {
    const rubric = rubrics.restoreRubric(db, id);
    emit('rubrics.changed', { rubricId: id });
    return rubric;
  },
  removeVersion: ({ versionId }) => {
    const rubric = rubrics.removeRubricVersion(db, versionId);
    emit('rubrics.changed', { rubricId: rubric.id });
    return rubric;
  },
});

import type { Handlers } from '../../../shared/contract';
import type { CoreContext } from '../context';
import * as people from './repository';

export const peopleHandlers = ({ db, emit }: CoreContext): Handlers['people'] => ({
  list: () => people.listPeople(db),
  create: (input) => {
    const person = people.createPerson(db, input);
    emit('people.changed', { reason: 'created' });
    return person;
  },
  update: (input) => {
    const person = people.updatePerson(db, input);
    emit('people.changed', { reason: 'updated' });
    return person;
  },
  setMe: ({ id }) => {
    const list = people.setMe(db, id);
    emit('people.changed', { reason: 'me' });
    return list;
  },
  remove: ({ id }) => {
    people.removePerson(db, id);
    emit('people.changed', { reason: 'removed' });
  },
  restore: ({ id }) => {
    const person = people.restorePerson(db, id);
    emit('people.changed', { reason: 'restored' });
    return person;
  },
});

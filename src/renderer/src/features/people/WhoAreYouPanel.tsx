import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { PersonRole } from '../../../../shared/domain';
import { PERSON_ROLES } from '../../../../shared/domain';
import { usePeople } from './store';

const ROLE_LABELS: Record<PersonRole, string> = {
  rep: 'Rep',
  coach: 'Coach',
  facilitator: 'Facilitator',
  admin: 'Admin',
};

/**
 * First start: nobody is "me" yet, and the core refuses anything done as
 * someone (scoring, comments, drills, packets) until somebody is. So the
 * question is asked in the page, not tucked behind a nav button: pick
 * yourself from the people already here, or add yourself with a role.
 */
export function WhoAreYouPanel() {
  const people = usePeople((s) => s.people);
  const { create, setMe } = usePeople.getState();
  const [picked, setPicked] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<PersonRole>('rep');
  const headingId = useId();
  const pickId = useId();
  const nameId = useId();
  const roleId = useId();

  const addMe = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const person = await create(name.trim(), role);
    if (person) await setMe(person.id);
  };

  return (
    <section className="panel who-are-you" aria-labelledby={headingId}>
      <h2 id={headingId}>Who are you?</h2>
      <p className="hint">
        Gamefilm needs to know who is using it on this machine: your scores, comments and drill attempts are recorded as
        yours, and scoring stays blind until you submit your own. You can change this later in People.
      </p>
      {people.length > 0 ? (
        <form
          className="inline-form"
          aria-label="Pick yourself"
          onSubmit={(e) => {
            e.preventDefault();
            if (picked) void setMe(picked);
          }}
        >
          <label htmlFor={pickId}>I am</label>
          <select id={pickId} value={picked} onChange={(e) => setPicked(e.target.value)}>
            <option value="">Choose…</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({ROLE_LABELS[p.role]})
              </option>
            ))}
          </select>
          <button type="submit" className="button button-primary" disabled={!picked}>
            Continue as me
          </button>
        </form>
      ) : null}
      <form className="inline-form" aria-label="Add yourself" onSubmit={(e) => void addMe(e)}>
        <label htmlFor={nameId}>{people.length > 0 ? 'Or add yourself' : 'Your name'}</label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        <label htmlFor={roleId}>Your role</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as PersonRole)}>
          {PERSON_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-primary" disabled={!name.trim()}>
          Add me
        </button>
      </form>
    </section>
  );
}

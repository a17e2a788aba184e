// What people type resolves to the entity they mean, and a near miss never suggests an unrelated one.
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/dataset/entities.ts';
import { normalizeAlias } from '../src/domain/entities.ts';
import { dispatcher, member, textOf } from './helpers.ts';

const d = await dispatcher();
const entities = d.core.entities;
const resolvedId = (input: string) => {
  const r = entities.resolve(input);
  return r.ok ? r.entity.id : undefined;
};
const suggestion = (input: string) => {
  const r = entities.resolve(input);
  return r.ok ? `resolved:${r.entity.id}` : r.suggestion?.id;
};

describe('entity resolution', () => {
  it('understands the names people type', async () => {
    for (const [input, id] of [
      ['RA', 'armenia'],
      ['ra', 'armenia'],
      ['Republic of Armenia', 'armenia'],
      ['Kirgizia', 'kyrgyzstan'],
      ['Kirghizia', 'kyrgyzstan'],
      ['Kyrgyz Republic', 'kyrgyzstan'],
      ['Byelorussia', 'belarus'],
      ['Belorussia', 'belarus'],
      ['FRA', 'france'],
      ['fr', 'france'],
    ] as const) {
      expect(resolvedId(input), input).toBe(id);
    }
  });

  it('suggests the entity a typo is close to', async () => {
    expect(suggestion('armenai')).toBe('armenia');
    expect(suggestion('armnia')).toBe('armenia');
    expect(suggestion('Kirgizstan')).toBe('kyrgyzstan');
    expect(suggestion('Tadjikistan')).toBe('tajikistan');
  });

  it('never guesses from a short input or a far one', async () => {
    for (const input of ['xyz', 'rb', 'zz', 'q', 'fra x', 'ruxia', 'amrenai', 'germany', 'moldova']) {
      expect(suggestion(input), input).toBeUndefined();
    }
    expect(entities.complete('xyz')).toEqual([]);
  });

  it('a one-letter slip in any name suggests that entity or nothing, never another', async () => {
    for (const e of ENTITIES) {
      for (const name of [e.name, e.fullName, ...e.aliases].filter((x): x is string => Boolean(x))) {
        const a = normalizeAlias(name);
        if (a.length < 5) continue;
        const slips = [a.slice(0, -1), `${a.slice(0, 2)}${a[3]}${a[2]}${a.slice(4)}`, `${a.slice(0, 1)}x${a.slice(2)}`];
        for (const slip of slips) {
          const s = suggestion(slip);
          if (s !== undefined) expect([e.id, `resolved:${e.id}`], `${name} → ${slip}`).toContain(s);
        }
      }
    }
  });

  it('"RA" answers for Armenia and "xyz" offers no country', async () => {
    expect(textOf(await d.runText('csto', 'status RA', member))).toContain('Armenia in the CSTO');
    const miss = textOf(await d.runText('csto', 'status xyz', member));
    expect(miss).toContain('No country called "xyz".');
    expect(miss).not.toContain('Did you mean');
  });
});

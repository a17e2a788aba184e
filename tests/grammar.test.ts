import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import type { CommandDef } from '../commands/types.ts';
import { parseCommandText, tokenize, usage } from '../src/grammar.ts';
import { asReply, admin, dispatcher, textOf } from './helpers.ts';

const def = (name: string) => COMMANDS.find((c) => c.name === name) as CommandDef;

describe('text grammar', () => {
  it('turns text into the same options that structured commands give', async () => {
    const r = parseCommandText(def('timeline'), 'belarus from:2024-01 bloc:sco');
    expect(r).toMatchObject({ ok: true, options: { country: 'belarus', from: '2024-01', bloc: 'sco' } });
    expect(parseCommandText(def('timeline'), 'belarus sco')).toMatchObject({ ok: true, options: { country: 'belarus', bloc: 'sco' } });
    expect(parseCommandText(def('csto'), 'status armenia as_of:2023-06-01')).toMatchObject({
      ok: true,
      subcommand: 'status',
      options: { country: 'armenia', as_of: '2023-06-01' },
    });
    expect(parseCommandText(def('digest'), 'subscribe #news at:08:00 tz:Asia/Yerevan countries:armenia,belarus')).toMatchObject({
      ok: true,
      options: { channel: '#news', time: '08:00', timezone: 'Asia/Yerevan', countries: 'armenia,belarus' },
    });
  });

  it('groups quoted words, in straight and typographic quotes', async () => {
    expect(parseCommandText(def('search'), '"strategic partnership" charter')).toMatchObject({
      ok: true,
      options: { query: 'strategic partnership charter' },
    });
    expect(parseCommandText(def('timeline'), 'bloc:“union state” russia')).toMatchObject({
      ok: true,
      options: { bloc: 'union state', country: 'russia' },
    });
    expect(tokenize('a "b c" d')).toEqual([{ value: 'a' }, { value: 'b c' }, { value: 'd' }]);
  });

  it('keeps colons inside search text and URLs', async () => {
    expect(parseCommandText(def('search'), 'note: https://example.com/x')).toMatchObject({
      ok: true,
      options: { query: 'note: https://example.com/x' },
    });
  });

  it('rejects hostile or broken text with a clear message, never an exception', async () => {
    // Each case with what it must come to: a named error, or (control characters, emoji) a country
    // option passed on as typed, for the handler's lookup to refuse.
    const cases: [string, { ok: false; error: RegExp } | { ok: true; country: string }][] = [
      ['status "armenia', { ok: false, error: /not closed/ }],
      ['status armenia as_of:', { ok: false, error: /"as_of:" needs a value/ }],
      ['status armenia bogus:1', { ok: false, error: /Unknown option "bogus:"/ }],
      ['frobnicate', { ok: false, error: /not a \/csto subcommand/ }],
      ['status armenia as_of:1 as_of:2', { ok: false, error: /as_of is given twice/ }],
      ['a'.repeat(10_000), { ok: false, error: /too long/ }],
      ["status armenia'; DROP TABLE events; --", { ok: false, error: /Unexpected "DROP"/ }],
      ['status \u0000\u0007\u001b[31m', { ok: true, country: '\u0000\u0007\u001b[31m' }],
      ['status 🇦🇲🇦🇲🇦🇲', { ok: true, country: '🇦🇲🇦🇲🇦🇲' }],
    ];
    for (const [text, want] of cases) {
      const r = parseCommandText(def('csto'), text);
      if (want.ok) expect(r, text).toMatchObject({ ok: true, subcommand: 'status', options: { country: want.country } });
      else expect(r, text.slice(0, 60)).toMatchObject({ ok: false, error: expect.stringMatching(want.error) });
    }
  });

  it('answers hostile text end to end with a private usage reply and an intact database', async () => {
    const d = await dispatcher();
    const before = await d.core.sql.get('SELECT count(*) AS n FROM events');
    for (const text of [
      "status armenia'; DROP TABLE events; --",
      'status ' + 'x'.repeat(10_000),
      'status "unclosed',
      'status \u202earmenia',
    ]) {
      const r = asReply(await d.runText('csto', text, admin));
      expect(r.visibility).toBe('private');
    }
    const hostileSearch = asReply(await d.runText('search', `"ambassador" OR title:* NEAR( ) '; DELETE FROM events; --`, admin));
    expect(hostileSearch.tone).not.toBe('error');
    expect(await d.core.sql.get('SELECT count(*) AS n FROM events')).toEqual(before);
  });

  it('shows usage for help and for bad text', async () => {
    const d = await dispatcher();
    const help = asReply(await d.runText('timeline', 'help', admin));
    expect(help.visibility).toBe('private');
    expect(textOf(help)).toContain('/timeline <country>');
    const bad = asReply(await d.runText('timeline', 'belarus from:2024-13', admin));
    expect(bad.visibility).toBe('private');
    expect(textOf(bad)).toMatch(/not a date/);
    expect(textOf(bad)).toContain('Examples: /timeline belarus');
    expect(usage(def('event')).lines.length).toBe(7); // add, edit, delete, restore, show, history, import
  });
});

describe('usage replies', () => {
  it('name the option once, and only where the message does not', async () => {
    const d = await dispatcher();
    const missing = textOf(await d.runText('timeline', '', admin));
    expect(missing).toContain('country is required');
    expect(missing).not.toContain('country: country');
    expect(textOf(await d.runText('csto', 'status armenia as_of:yesterday', admin))).toContain('as_of: "yesterday" is not a date');
  });
});

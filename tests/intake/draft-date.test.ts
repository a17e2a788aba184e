// The date a merged draft takes from its reports: the one most of them read in their text; between as
// many, a date written out over a weekday counted back, which news often gives for the day before.
import { describe, expect, it } from 'vitest';
import { aggregate, type DraftFields, type Report } from '../../src/intake/pipeline/draft-aggregate.ts';

const fallback: DraftFields = {
  title: 'fallback',
  summary: '',
  date: '2000-01-01',
  precision: 'day',
  dateReason: 'publication date',
  kind: 'other',
  language: 'eng',
  countries: [],
  blocs: [],
  matchedBecause: '',
  relevance: '',
  eventId: null,
};

function report(n: number, date: string, dateReason: string): Report {
  return {
    url: `https://example.org/${n}`,
    urlKey: `example.org/${n}`,
    publisher: `Outlet ${n}`,
    publishedAt: '2023-09-20T09:00:00Z',
    lang: 'eng',
    proposal: {
      title: `Report ${n}`,
      summary: 'Karabakh forces accepted a ceasefire.',
      date,
      precision: 'day',
      dateReason,
      dateFromText: !dateReason.startsWith('publication date'),
      dateAfterLead: dateReason.includes(', past the lead:'),
      kind: 'military',
      countries: ['azerbaijan', 'armenia'],
      blocs: [],
      matchedBecause: '',
      relevance: '',
      links: [],
    },
  };
}

const weekday = 'weekday in the text, counted back from publication: "on Tuesday"';
const explicit = 'explicit date in the text: "Sept 20"';

describe('the date of a merged draft', () => {
  it('goes to a written-out date over a weekday when as many reports give each, whatever their order', () => {
    const reports = [report(1, '2023-09-19', weekday), report(2, '2023-09-20', explicit)];
    for (const order of [reports, [...reports].reverse()]) {
      expect(aggregate(order, fallback)).toMatchObject({ date: '2023-09-20', dateReason: `1 of 2 reports agree; ${explicit}` });
    }
  });

  it('still goes with the most reports, and to the earlier date between equals', () => {
    const two = [report(1, '2023-09-19', weekday), report(2, '2023-09-19', weekday), report(3, '2023-09-20', explicit)];
    expect(aggregate(two, fallback).date).toBe('2023-09-19');
    const even = [report(1, '2023-09-19', explicit), report(2, '2023-09-20', explicit)];
    expect(aggregate(even, fallback).date).toBe('2023-09-19');
    // A date read in the text outweighs any number of publication dates.
    const filed = [
      report(1, '2023-09-20', 'publication date'),
      report(2, '2023-09-20', 'publication date'),
      report(3, '2023-09-19', weekday),
    ];
    expect(aggregate(filed, fallback).date).toBe('2023-09-19');
  });

  it('breaks a tie between text dates with the days the other reports were filed on', () => {
    const sunday = 'weekday in the text, counted back from publication: "on Sunday"';
    const tied = [report(1, '2023-09-03', sunday), report(2, '2023-09-05', weekday), report(3, '2023-09-05', 'publication date')];
    for (const order of [tied, [...tied].reverse()]) {
      expect(aggregate(order, fallback)).toMatchObject({ date: '2023-09-05', dateReason: `2 of 3 reports agree; ${weekday}` });
    }
    // Without a filing day to break it, the earlier date, as before.
    expect(aggregate(tied.slice(0, 2), fallback).date).toBe('2023-09-03');
  });

  it('takes a date read past the lead as weaker than the day a report was filed, but still a date', () => {
    // "Aliyev phoned Putin on October 7" in the fourth sentence of a report of their meeting on the 9th.
    const pastLead = 'explicit date in the text, past the lead: "October 7"';
    const meeting = [report(1, '2025-10-07', pastLead), report(2, '2025-10-09', 'publication date')];
    for (const order of [meeting, [...meeting].reverse()]) {
      expect(aggregate(order, fallback)).toMatchObject({ date: '2025-10-09', dateReason: '1 of 2 reports agree; publication date' });
    }
    // A date read in another report's lead outweighs it; alone, it dates the draft.
    expect(aggregate([report(1, '2025-10-07', pastLead), report(2, '2025-10-08', explicit)], fallback).date).toBe('2025-10-08');
    expect(aggregate([report(1, '2025-10-07', pastLead)], fallback)).toMatchObject({ date: '2025-10-07', dateReason: pastLead });
  });
});

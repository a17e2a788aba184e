import { EVENTS } from './events.ts';
import type { MembershipStatus, SeedMembership, SeedSource } from '../domain/types.ts';

// Membership history per (country, bloc), consistent with the events and with the "Membership status"
// table of shared/facts/csto-events.md. Each row's source is its basis event's first source.

function sourceOf(key: string): SeedSource {
  const e = EVENTS.find((x) => x.key === key);
  if (!e) throw new Error(`membership basis ${key} is not an event`);
  return e.sources[0]!;
}

function rows(bloc: string, countries: string[], status: MembershipStatus, since: string, basisEvent: string, note?: string): SeedMembership[] {
  return countries.map((country) => ({
    key: `${bloc}-${country}-${status}-${since}`,
    country,
    bloc,
    status,
    since,
    precision: 'day' as const,
    basisEvent,
    source: sourceOf(basisEvent),
    note,
  }));
}

const EAEU_SOURCE: SeedSource = {
  url: 'https://www.commonspace.eu/commentary/armenia-becomes-4th-member-eeu-which-came-being-1-january-2015',
  publisher: 'Commonspace.eu',
};

export const MEMBERSHIPS: SeedMembership[] = [
  // CSTO (and the Collective Security Treaty before it)
  ...rows('csto', ['armenia', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan', 'uzbekistan'], 'member', '1992-05-15', 'cst-signed-1992', 'Signed the Collective Security Treaty in Tashkent'),
  ...rows('csto', ['azerbaijan'], 'member', '1993-09-24', 'cst-belarus-joins-1993', 'Signed the Collective Security Treaty'),
  ...rows('csto', ['georgia'], 'member', '1993-12-09', 'cst-belarus-joins-1993', 'Signed the Collective Security Treaty'),
  ...rows('csto', ['belarus'], 'member', '1993-12-31', 'cst-belarus-joins-1993', 'Signed the Collective Security Treaty'),
  ...rows('csto', ['azerbaijan', 'georgia', 'uzbekistan'], 'withdrawn', '1999-04-02', 'cst-renewal-1999', 'Did not renew the treaty'),
  ...rows('csto', ['armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan'], 'founding_member', '2002-10-07', 'csto-charter-2002', 'Signed the CSTO Charter'),
  ...rows('csto', ['uzbekistan'], 'member', '2006-08-16', 'uz-rejoins-csto-2006'),
  ...rows('csto', ['uzbekistan'], 'suspended', '2012-12-19', 'uz-csto-suspended-2012', 'Notice of suspension sent 20 Jun 2012'),
  ...rows('csto', ['armenia'], 'frozen', '2024-02-22', 'am-csto-participation-frozen-2024',
    'Stopped paying dues 8 May 2024; "we will leave" 12 Jun 2024; no formal withdrawal notice filed'),

  // SCO
  ...rows('sco', ['china', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan', 'uzbekistan'], 'founding_member', '2001-06-15', 'sco-founded-2001'),
  ...rows('sco', ['india', 'pakistan'], 'member', '2017-06-09', 'in-pk-join-sco-2017'),
  ...rows('sco', ['iran'], 'member', '2023-07-04', 'ir-joins-sco-2023'),
  ...rows('sco', ['belarus'], 'member', '2024-07-04', 'by-joins-sco-2024', 'An observer before'),

  // CIS
  ...rows('cis', ['belarus', 'russia', 'ukraine', 'armenia', 'kazakhstan', 'kyrgyzstan', 'tajikistan', 'azerbaijan', 'uzbekistan'], 'founding_member', '1991-12-21', 'cis-formed-1991'),

  // EAEU
  ...['russia', 'belarus', 'kazakhstan'].map((country) => ({
    key: `eaeu-${country}-founding_member-2015-01-01`,
    country,
    bloc: 'eaeu',
    status: 'founding_member' as const,
    since: '2015-01-01',
    precision: 'day' as const,
    source: EAEU_SOURCE,
  })),
  ...rows('eaeu', ['armenia'], 'member', '2015-01-02', 'am-joins-eaeu-2015'),

  // Union State
  ...rows('union-state', ['russia', 'belarus'], 'founding_member', '2000-01-26', 'union-state-treaty-1999', 'Treaty signed 8 Dec 1999, in force 26 Jan 2000'),
];

import { EVENTS } from './events.ts';
import type { MembershipStatus, SeedMembership, SeedSource } from '../domain/types.ts';

// The 2025 Tianjin Declaration merged the SCO's observer and dialogue-partner statuses into one.
const SCO_PARTNER_NOTE = 'Since the 2025 Tianjin summit the SCO calls observers and dialogue partners "SCO partners"';

// Membership history per (country, bloc), consistent with the events and with the "Membership status"
// table of shared/facts/csto-events.md. Each row's source is its basis event's first source.

function sourceOf(key: string): SeedSource {
  const e = EVENTS.find((x) => x.key === key);
  if (!e) throw new Error(`membership basis ${key} is not an event`);
  return e.sources[0]!;
}

function rows(
  bloc: string,
  countries: string[],
  status: MembershipStatus,
  since: string,
  basisEvent: string,
  note?: string,
): SeedMembership[] {
  const precision = since.length === 10 ? 'day' : since.length === 7 ? 'month' : 'year';
  return countries.map((country) => ({
    key: `${bloc}-${country}-${status}-${since}`,
    country,
    bloc,
    status,
    since,
    precision,
    basisEvent,
    source: sourceOf(basisEvent),
    note,
  }));
}

export const MEMBERSHIPS: SeedMembership[] = [
  // CSTO (and the Collective Security Treaty before it)
  ...rows(
    'csto',
    ['armenia', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan', 'uzbekistan'],
    'member',
    '1992-05-15',
    'cst-signed-1992',
    'Signed the Collective Security Treaty in Tashkent',
  ),
  ...rows('csto', ['azerbaijan'], 'member', '1993-09-24', 'cst-belarus-joins-1993', 'Signed the Collective Security Treaty'),
  ...rows('csto', ['georgia'], 'member', '1993-12-09', 'cst-belarus-joins-1993', 'Signed the Collective Security Treaty'),
  ...rows('csto', ['belarus'], 'member', '1993-12-31', 'cst-belarus-joins-1993', 'Signed the Collective Security Treaty'),
  ...rows('csto', ['azerbaijan', 'georgia', 'uzbekistan'], 'withdrawn', '1999-04-02', 'cst-renewal-1999', 'Did not renew the treaty'),
  ...rows(
    'csto',
    ['armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan'],
    'founding_member',
    '2002-10-07',
    'csto-charter-2002',
    'Founding member of the organisation (signed the CSTO Charter); a party to the treaty before',
  ),
  ...rows('csto', ['uzbekistan'], 'member', '2006-08-16', 'uz-rejoins-csto-2006'),
  ...rows('csto', ['uzbekistan'], 'suspended', '2012-12-19', 'uz-csto-suspended-2012', 'Notice of suspension sent 20 Jun 2012'),
  ...rows(
    'csto',
    ['armenia'],
    'frozen',
    '2024-02-22',
    'am-csto-participation-frozen-2024',
    'Stopped paying dues 8 May 2024; "we will leave" 12 Jun 2024; no formal withdrawal notice filed',
  ),

  // SCO
  ...rows(
    'sco',
    ['china', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan', 'uzbekistan'],
    'founding_member',
    '2001-06-15',
    'sco-founded-2001',
  ),
  ...rows('sco', ['india', 'pakistan'], 'member', '2017-06-09', 'in-pk-join-sco-2017'),
  ...rows('sco', ['iran'], 'member', '2023-07-04', 'ir-joins-sco-2023'),
  ...rows('sco', ['belarus'], 'observer', '2015-07-10', 'sco-ufa-summit-2015', 'A dialogue partner from 2010'),
  ...rows(
    'sco',
    ['armenia', 'azerbaijan'],
    'dialogue_partner',
    '2015-07-10',
    'sco-ufa-summit-2015',
    `Memorandum signed in 2016. ${SCO_PARTNER_NOTE}`,
  ),
  ...rows('sco', ['belarus'], 'member', '2024-07-04', 'by-joins-sco-2024', 'An observer from 2015'),

  // CIS. Azerbaijan signed the Alma-Ata Protocol in 1991 but became a member only in 1993.
  ...rows(
    'cis',
    ['belarus', 'russia', 'armenia', 'kazakhstan', 'kyrgyzstan', 'tajikistan', 'uzbekistan'],
    'founding_member',
    '1991-12-21',
    'cis-formed-1991',
  ),
  ...rows(
    'cis',
    ['ukraine'],
    'founding_member',
    '1991-12-21',
    'cis-formed-1991',
    'Ratified the founding agreement but never the CIS Charter',
  ),
  ...rows(
    'cis',
    ['azerbaijan'],
    'member',
    '1993-09-24',
    'az-joins-cis-1993',
    'Signed the Alma-Ata Protocol in 1991; membership ratified in 1993',
  ),
  ...rows('cis', ['georgia'], 'member', '1993-12', 'ge-joins-cis-1993'),
  ...rows('cis', ['georgia'], 'withdrawn', '2009-08-18', 'ge-leaves-cis-2009', 'Announced its withdrawal during the August 2008 war'),
  ...rows('cis', ['ukraine'], 'withdrawn', '2018-05-19', 'ua-leaves-cis-bodies-2018', 'Left all CIS statutory bodies by decree'),

  // EAEU (the treaty was signed on 29 May 2014; the union started on 1 January 2015)
  ...rows(
    'eaeu',
    ['russia', 'belarus', 'kazakhstan'],
    'founding_member',
    '2015-01-01',
    'eaeu-treaty-signed-2014',
    'Treaty signed 29 May 2014',
  ),
  ...rows('eaeu', ['armenia'], 'member', '2015-01-02', 'am-joins-eaeu-2015'),
  ...rows('eaeu', ['kyrgyzstan'], 'member', '2015-08-06', 'kg-joins-eaeu-2015'),
  ...rows('eaeu', ['uzbekistan'], 'observer', '2020-12-11', 'uz-eaeu-observer-2020'),

  // Union State
  ...rows(
    'union-state',
    ['russia', 'belarus'],
    'founding_member',
    '2000-01-26',
    'union-state-treaty-1999',
    'Treaty signed 8 Dec 1999, in force 26 Jan 2000',
  ),
];

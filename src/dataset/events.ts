import type { SeedEvent, SeedSource } from '../domain/types.ts';
import { EVENTS_2022_2023, HEADPOST_SCO } from './events-2022-2023.ts';
import { EVENTS_2024 } from './events-2024.ts';
import { EVENTS_2025 } from './events-2025.ts';
import { EVENTS_2026 } from './events-2026.ts';

// The curated events, oldest first (their order is their id order in a new database). Every date
// and source is from shared/facts/csto-events.md, docs/facts-2026.md or a report found to confirm it;
// summaries are our own neutral words. Events from 2022 on are in events-2022-2023.ts, events-2024.ts,
// events-2025.ts and events-2026.ts.

const WIKI_CSTO: SeedSource = { url: 'https://en.wikipedia.org/wiki/Collective_Security_Treaty_Organization', publisher: 'Wikipedia' };
// The CSTO's own "basic facts" page: treaty of 15 May 1992, renewal protocol of 2 April 1999, Charter of 7 October 2002.
const CSTO_BASIC_FACTS: SeedSource = { url: 'http://www.odkb.gov.ru/a/aengl.htm', publisher: 'CSTO (official site)' };
const CIVIL_GE_CIS_EXIT: SeedSource = { url: 'https://civil.ge/archives/119287', publisher: 'Civil Georgia', published: '2009-08-18' };
const XINHUA_CIS_EXIT: SeedSource = {
  url: 'http://www.chinadaily.com.cn/world/2009-08/19/content_8585263.htm',
  publisher: 'Xinhua (China Daily)',
  published: '2009-08-19',
};

export const EVENTS: SeedEvent[] = [
  {
    key: 'cis-formed-1991',
    date: '1991-12-21',
    precision: 'day',
    kind: 'status_change',
    title: 'CIS formed by the Alma-Ata Protocol',
    summary:
      'Eleven former Soviet republics signed the Alma-Ata Protocol, forming the Commonwealth of Independent States. Belarus, Russia and Ukraine had signed the founding agreement on 8 December 1991.',
    countries: ['belarus', 'russia', 'ukraine', 'armenia', 'kazakhstan', 'kyrgyzstan', 'tajikistan', 'azerbaijan', 'uzbekistan'],
    blocs: ['cis'],
    sources: [{ url: 'http://en.kremlin.ru/catalog/glossary/38', publisher: 'Kremlin' }],
  },
  {
    key: 'cst-signed-1992',
    date: '1992-05-15',
    precision: 'day',
    kind: 'status_change',
    title: 'Collective Security Treaty signed in Tashkent',
    summary:
      'Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and Uzbekistan signed the Collective Security Treaty in Tashkent. Its Article 4 treats aggression against one signatory as aggression against all.',
    countries: ['armenia', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan', 'uzbekistan'],
    blocs: ['csto'],
    sources: [{ url: 'http://tass.com/archive/678014', publisher: 'TASS' }, CSTO_BASIC_FACTS],
  },
  {
    key: 'az-joins-cis-1993',
    date: '1993-09-24',
    precision: 'day',
    kind: 'status_change',
    title: 'Azerbaijan joins the CIS',
    summary:
      'Azerbaijan had signed the Alma-Ata Protocol in 1991, but its legislature voted in October 1992 against ratifying membership of the Commonwealth. On 20 September 1993 its Supreme Soviet decided to join, and on 24 September 1993 the CIS Council of Heads of State admitted Azerbaijan.',
    countries: ['azerbaijan'],
    blocs: ['cis'],
    sources: [
      { url: 'https://azerbaijan.az/en/related-information/197', publisher: 'Azerbaijan.az (official state portal)' },
      { url: 'https://lib.aliyevheritage.org/print.php?lang=en&page=828425', publisher: 'Heydar Aliyev Heritage Library' },
      // Library of Congress, "Armenia, Azerbaijan, and Georgia: Country Studies" (1995): the 1992 refusal and 1993 vote.
      {
        url: 'http://reference.allrefer.com/country-guide-study/azerbaijan/azerbaijan67.html',
        publisher: 'Library of Congress Country Studies',
        published: '1995',
      },
    ],
  },
  {
    key: 'ge-joins-cis-1993',
    date: '1993-12',
    precision: 'month',
    kind: 'status_change',
    title: 'Georgia joins the CIS',
    summary: 'Georgia, which had stayed out of the Commonwealth when it was formed in 1991, joined the CIS in December 1993.',
    countries: ['georgia'],
    blocs: ['cis'],
    sources: [XINHUA_CIS_EXIT, CIVIL_GE_CIS_EXIT],
  },
  {
    key: 'cst-belarus-joins-1993',
    date: '1993-12-31',
    precision: 'day',
    kind: 'status_change',
    title: 'Belarus signs the Collective Security Treaty',
    summary:
      'Belarus signed the Collective Security Treaty, after Azerbaijan (24 September 1993) and Georgia (9 December 1993). The treaty entered into force on 20 April 1994.',
    countries: ['belarus', 'azerbaijan', 'georgia'],
    blocs: ['csto'],
    sources: [WIKI_CSTO],
  },
  {
    key: 'cst-renewal-1999',
    date: '1999-04-02',
    precision: 'day',
    kind: 'status_change',
    title: 'Azerbaijan, Georgia and Uzbekistan leave the treaty',
    summary:
      'Six states renewed the Collective Security Treaty for a further term. Azerbaijan, Georgia and Uzbekistan did not sign the renewal protocol and left the treaty.',
    countries: ['azerbaijan', 'georgia', 'uzbekistan'],
    blocs: ['csto'],
    sources: [CSTO_BASIC_FACTS, WIKI_CSTO],
  },
  {
    key: 'union-state-treaty-1999',
    date: '1999-12-08',
    precision: 'day',
    kind: 'status_change',
    title: 'Russia–Belarus Union State treaty signed',
    summary: 'Russia and Belarus signed the treaty creating the Union State. It entered into force on 26 January 2000.',
    countries: ['russia', 'belarus'],
    blocs: ['union-state'],
    sources: [{ url: 'http://www.postkomsg.com/en/historysg/', publisher: 'Standing Committee of the Union State' }],
  },
  {
    key: 'sco-founded-2001',
    date: '2001-06-15',
    precision: 'day',
    kind: 'status_change',
    title: 'Shanghai Cooperation Organisation founded',
    summary: 'China, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and Uzbekistan founded the Shanghai Cooperation Organisation.',
    countries: ['china', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan', 'uzbekistan'],
    blocs: ['sco'],
    sources: [HEADPOST_SCO],
  },
  {
    key: 'csto-charter-2002',
    date: '2002-10-07',
    precision: 'day',
    kind: 'status_change',
    title: 'CSTO Charter signed: the treaty becomes an organisation',
    summary:
      'Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan signed the Charter of the Collective Security Treaty Organization, turning the treaty into a regional organisation.',
    countries: ['armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan'],
    blocs: ['csto'],
    sources: [{ url: 'http://tass.com/archive/678014', publisher: 'TASS' }, CSTO_BASIC_FACTS],
  },
  {
    key: 'uz-rejoins-csto-2006',
    date: '2006-08-16',
    precision: 'day',
    kind: 'status_change',
    title: 'Uzbekistan rejoins the CSTO',
    summary: 'Uzbekistan signed a protocol in Sochi restoring its membership of the CSTO, seven years after leaving the treaty.',
    countries: ['uzbekistan'],
    blocs: ['csto'],
    sources: [{ url: 'https://www.obozrevatel.com/news/2006/12/14/148879.htm', publisher: 'Obozrevatel' }],
  },
  {
    key: 'ge-leaves-cis-2009',
    date: '2009-08-18',
    precision: 'day',
    kind: 'status_change',
    title: "Georgia's withdrawal from the CIS takes effect",
    summary:
      "Georgia's exit from the Commonwealth of Independent States took effect, twelve months after it notified the CIS of its parliament's decision to leave, taken during the August 2008 war with Russia. Georgia said it would remain party to some 75 agreements that do not depend on membership.",
    countries: ['georgia'],
    blocs: ['cis'],
    sources: [CIVIL_GE_CIS_EXIT, XINHUA_CIS_EXIT],
  },
  {
    key: 'uz-csto-suspended-2012',
    date: '2012-12-19',
    precision: 'day',
    kind: 'status_change',
    title: "CSTO suspends Uzbekistan's membership",
    summary: "The CSTO suspended Uzbekistan's membership. Tashkent had sent notice on 20 June 2012 that it was stopping its participation.",
    countries: ['uzbekistan'],
    blocs: ['csto'],
    sources: [{ url: 'http://tass.com/russia/687141', publisher: 'TASS' }],
  },
  {
    key: 'eaeu-treaty-signed-2014',
    date: '2014-05-29',
    precision: 'day',
    kind: 'status_change',
    title: 'Treaty on the Eurasian Economic Union signed in Astana',
    summary:
      'The presidents of Belarus, Kazakhstan and Russia signed the Treaty on the Eurasian Economic Union in Astana. The union started working on 1 January 2015.',
    countries: ['russia', 'belarus', 'kazakhstan'],
    blocs: ['eaeu'],
    sources: [
      {
        url: 'http://www.eurasiancommission.org/en/nae/news/Pages/29-05-2014-1.aspx',
        publisher: 'Eurasian Economic Commission',
        published: '2014-05-29',
      },
    ],
  },
  {
    key: 'am-joins-eaeu-2015',
    date: '2015-01-02',
    precision: 'day',
    kind: 'status_change',
    title: 'Armenia joins the Eurasian Economic Union',
    summary: 'Armenia became a member of the Eurasian Economic Union, which Belarus, Kazakhstan and Russia had launched the day before.',
    countries: ['armenia'],
    blocs: ['eaeu'],
    sources: [
      {
        url: 'https://www.commonspace.eu/commentary/armenia-becomes-4th-member-eeu-which-came-being-1-january-2015',
        publisher: 'Commonspace.eu',
      },
    ],
  },
  {
    key: 'sco-ufa-summit-2015',
    date: '2015-07-10',
    precision: 'day',
    kind: 'status_change',
    title: 'SCO Ufa summit: Belarus an observer, Armenia and Azerbaijan dialogue partners',
    summary:
      'At its Ufa summit, the one meeting of its heads of state in 2015, the Shanghai Cooperation Organisation admitted Armenia, Azerbaijan, Cambodia and Nepal as dialogue partners (the memoranda were signed in 2016) and opened the procedure for India and Pakistan to join. Belarus, a dialogue partner since 2010, became an observer in 2015.',
    countries: ['belarus', 'armenia', 'azerbaijan'],
    blocs: ['sco'],
    sources: [
      {
        url: 'https://massispost.com/2015/07/armenia-joins-shanghai-cooperation-organization-as-partner-in-dialogue/',
        publisher: 'Massis Post',
      },
      { url: 'http://en.kremlin.ru/catalog/regions/BA/events/49907', publisher: 'Kremlin', published: '2015-07-10' },
      { url: 'https://tass.com/world/1642375', publisher: 'TASS', published: '2023-07-04' },
    ],
  },
  {
    key: 'kg-joins-eaeu-2015',
    date: '2015-08-06',
    precision: 'day',
    kind: 'status_change',
    title: 'Kyrgyzstan joins the Eurasian Economic Union',
    summary:
      "The treaty on Kyrgyzstan's accession, signed in December 2014, entered into force, making Kyrgyzstan the fifth member of the Eurasian Economic Union. Customs posts on its border with Kazakhstan were to close within days.",
    countries: ['kyrgyzstan'],
    blocs: ['eaeu'],
    sources: [{ url: 'https://tass.com/economy/812859', publisher: 'TASS', published: '2015-08-06' }],
  },
  {
    key: 'in-pk-join-sco-2017',
    date: '2017-06-09',
    precision: 'day',
    kind: 'status_change',
    title: 'India and Pakistan join the SCO',
    summary: 'India and Pakistan became full members of the Shanghai Cooperation Organisation.',
    countries: ['india', 'pakistan'],
    blocs: ['sco'],
    sources: [HEADPOST_SCO],
  },
  {
    key: 'ua-leaves-cis-bodies-2018',
    date: '2018-05-19',
    precision: 'day',
    kind: 'status_change',
    title: 'Ukraine ends its participation in all CIS bodies',
    summary:
      "President Petro Poroshenko signed a decree recalling Ukraine's representatives from all statutory bodies of the Commonwealth of Independent States. Ukraine had ratified the 1991 founding agreement but never the CIS Charter.",
    countries: ['ukraine'],
    blocs: ['cis'],
    sources: [{ url: 'https://tass.com/world/1005227', publisher: 'TASS', published: '2018-05-19' }],
  },
  {
    key: 'uz-eaeu-observer-2020',
    date: '2020-12-11',
    precision: 'day',
    kind: 'status_change',
    title: 'Uzbekistan becomes an observer state of the EAEU',
    summary:
      "The Supreme Eurasian Economic Council, meeting by video link, granted Uzbekistan (and Cuba) observer status in the Eurasian Economic Union. Uzbekistan's parliament had approved seeking the status in May 2020.",
    countries: ['uzbekistan'],
    blocs: ['eaeu'],
    sources: [
      { url: 'https://kun.uz/en/news/2020/12/11/uzbekistan-becomes-observer-state-in-eaeu', publisher: 'Kun.uz', published: '2020-12-11' },
      {
        url: 'https://asiaplustj.info/en/news/centralasia/20201214/uzbekistan-granted-observer-nation-status-at-eurasian-economic-bloc',
        publisher: 'Asia-Plus',
        published: '2020-12-14',
      },
    ],
  },
  ...EVENTS_2022_2023,
  ...EVENTS_2024,
  ...EVENTS_2025,
  ...EVENTS_2026,
];

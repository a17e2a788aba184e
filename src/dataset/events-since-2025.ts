import type { SeedEvent } from '../domain/types.ts';

// The curated events from 2025 on, oldest first; events.ts holds the whole list.

export const EVENTS_SINCE_2025: SeedEvent[] = [
  {
    key: 'am-eu-bill-cabinet-2025',
    date: '2025-01-09',
    precision: 'day',
    kind: 'status_change',
    title: 'Armenian cabinet backs a bill to start EU accession',
    summary:
      "Armenia's government approved a bill to launch the country's EU accession process. Parliament passed it on 26 March 2025 and the president signed it on 4 April 2025.",
    countries: ['armenia'],
    blocs: ['eu'],
    sources: [
      {
        url: 'https://kyivindependent.com/armenias-government-backs-bill-on-launching-eu-accession-process/',
        publisher: 'Kyiv Independent',
      },
    ],
  },
  {
    key: 'us-am-charter-2025',
    date: '2025-01-14',
    precision: 'day',
    kind: 'diplomatic',
    title: 'US–Armenia Strategic Partnership Charter signed',
    summary:
      'US Secretary of State Antony Blinken and Armenian Foreign Minister Ararat Mirzoyan signed a Strategic Partnership Charter in Washington.',
    countries: ['united-states', 'armenia'],
    blocs: [],
    sources: [
      {
        url: 'https://babel.ua/en/news/114479-armenia-and-the-united-states-signed-a-charter-on-strategic-partnership',
        publisher: 'Babel',
      },
    ],
  },
  {
    key: 'pankin-not-expelled-2025',
    date: '2025-03-07',
    precision: 'day',
    kind: 'statement',
    title: 'Russian deputy FM: Armenia will not be expelled over unpaid dues',
    summary:
      'Russian Deputy Foreign Minister Alexander Pankin said Armenia would not be expelled from the CSTO over unpaid contributions, noting that Armenia had filed no withdrawal notice.',
    countries: ['russia', 'armenia'],
    blocs: ['csto'],
    sources: [
      {
        url: 'https://oc-media.org/russia-says-armenia-will-not-be-kicked-out-of-the-ctso/',
        publisher: 'OC Media',
        published: '2025-03-10',
      },
    ],
  },
  {
    key: 'kg-tj-border-treaty-2025',
    date: '2025-03-13',
    precision: 'day',
    kind: 'diplomatic',
    title: 'Kyrgyzstan and Tajikistan sign their border treaty',
    summary:
      'During a state visit to Bishkek, Tajik President Emomali Rahmon and Kyrgyz President Sadyr Japarov signed a treaty on the state border between their countries, closed since clashes in 2021, and agreed to reopen checkpoints and resume flights.',
    countries: ['kyrgyzstan', 'tajikistan'],
    blocs: [],
    sources: [
      { url: 'https://interfax.com/newsroom/top-stories/110332/', publisher: 'Interfax', published: '2025-03-13' },
      { url: 'https://en.fergana.agency/news/136999/?country=kg', publisher: 'Fergana' },
    ],
  },
  {
    key: 'am-eu-law-parliament-2025',
    date: '2025-03-26',
    precision: 'day',
    kind: 'status_change',
    title: "Armenia's parliament passes the EU accession law",
    summary:
      "Armenia's National Assembly passed the law on starting the country's EU accession process in its second and final reading, by 64 votes to 7. The government had backed the bill on 9 January 2025.",
    countries: ['armenia'],
    blocs: ['eu'],
    sources: [
      {
        url: 'https://www.politico.eu/article/armenia-adopts-law-launch-european-union-accession-process/',
        publisher: 'Politico Europe',
        published: '2025-03-26',
      },
      { url: 'https://en.vestikavkaza.ru/material/174280', publisher: 'Vestnik Kavkaza', published: '2025-03-26' },
    ],
  },
  {
    key: 'am-eu-law-signed-2025',
    date: '2025-04-04',
    precision: 'day',
    kind: 'status_change',
    title: 'Armenian president signs the EU accession law',
    summary:
      "Armenia's President Vahagn Khachaturyan signed the law that starts the country's EU accession process. Armenia has not applied for membership.",
    countries: ['armenia'],
    blocs: ['eu'],
    sources: [
      {
        url: 'https://massispost.com/2025/04/president-khachaturyan-signs-law-initiating-armenias-eu-accession-process/',
        publisher: 'Massis Post',
      },
    ],
  },
  {
    key: 'am-az-peace-initialled-2025',
    date: '2025-08-08',
    precision: 'day',
    kind: 'diplomatic',
    title: 'Armenia and Azerbaijan initial a peace agreement in Washington',
    summary: 'At a summit in Washington, the foreign ministers of Armenia and Azerbaijan initialled a peace agreement.',
    countries: ['armenia', 'azerbaijan', 'united-states'],
    blocs: [],
    sources: [
      {
        url: 'https://factually.co/fact-checks/politics/u-s-hosted-armenia-azerbaijan-talks-2025-dates-agreements-signed-e06715',
        publisher: 'Factually',
      },
    ],
  },
  {
    key: 'sco-tianjin-summit-2025',
    date: '2025-08-31',
    precision: 'day',
    kind: 'diplomatic',
    title: 'SCO summit in Tianjin',
    summary:
      'Leaders of the Shanghai Cooperation Organisation met in Tianjin from 31 August to 1 September and adopted the Tianjin Declaration and a development strategy to 2035. The member states merged observer and dialogue-partner status into a single "SCO partner" status.',
    countries: ['china', 'russia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'tajikistan', 'uzbekistan', 'india', 'pakistan', 'iran'],
    blocs: ['sco'],
    sources: [
      { url: 'https://tass.com/politics/2009973', publisher: 'TASS', published: '2025-09-01' },
      {
        url: 'https://www.newscentralasia.net/2025/09/01/tianjin-declaration-sco-affirms-course-toward-multipolar-world-and-strengthening-integration',
        publisher: 'News Central Asia',
      },
    ],
  },
  {
    key: 'zapad-2025',
    date: '2025-09-12',
    precision: 'day',
    kind: 'military',
    title: 'Russia–Belarus exercise Zapad-2025',
    summary:
      'The joint strategic exercise Zapad-2025 of the Russian and Belarusian armed forces began on 12 September and ran to 16 September, at ranges in both countries and in the Baltic and Barents Seas, practising the defence of the Union State.',
    countries: ['russia', 'belarus'],
    blocs: ['union-state'],
    sources: [
      { url: 'https://tass.com/defense/2015891', publisher: 'TASS', published: '2025-09-12' },
      {
        url: 'https://www.nationalheraldindia.com/international/russia-belarus-joint-military-drill-alarms-europe-brings-nato-defences-online',
        publisher: 'National Herald',
        published: '2025-09-12',
      },
    ],
  },
  {
    key: 'csto-bishkek-summit-2025',
    date: '2025-11-27',
    precision: 'day',
    kind: 'diplomatic',
    title: 'CSTO summit in Bishkek held without Armenia',
    summary:
      'CSTO leaders met in Bishkek without Armenia, which did not object to the summit documents. They adopted a declaration, appointed Taalatbek Masadykov of Kyrgyzstan Secretary-General from 1 January 2026 to the end of 2028, and passed the 2026 chairmanship to Russia.',
    countries: ['kyrgyzstan', 'russia', 'belarus', 'kazakhstan', 'tajikistan', 'armenia'],
    blocs: ['csto'],
    sources: [
      { url: 'https://www.trend.az/casia/kyrgyzstan/4122760.html', publisher: 'Trend', published: '2025-11-27' },
      { url: 'https://eccis.org/en/news/31236', publisher: 'CIS Executive Committee' },
      {
        url: 'https://europediplomatic.com/2025/11/27/russia-offers-to-re-arm-csto',
        publisher: 'Europe Diplomatic Magazine',
        published: '2025-11-27',
      },
    ],
  },
  {
    key: 'oreshnik-belarus-2025',
    date: '2025-12-18',
    precision: 'day',
    kind: 'military',
    title: 'Belarus says the Oreshnik missile system is deployed on its territory',
    summary:
      'In his annual address to the nation and parliament, Alexander Lukashenko said the Russian Oreshnik intermediate-range missile system had arrived in Belarus the day before and was going on combat duty.',
    countries: ['belarus', 'russia'],
    blocs: ['union-state'],
    sources: [
      {
        url: 'https://sputnikglobe.com/20251218/oreshnik-missile-system-put-on-combat-duty-in-belarus-on-december-17---lukashenko-1123322320.html',
        publisher: 'Sputnik',
        published: '2025-12-18',
      },
      { url: 'https://euromaidanpress.com/2025/12/18/russias-nuclear-capable-oreshnik-missile-in-belarus', publisher: 'Euromaidan Press' },
    ],
  },
];

import type { SeedEvent } from '../domain/types.ts';

// The curated events of 2025, oldest first; events.ts holds the whole list. The ones added in dataset
// version 4 are also listed, with their sources, in docs/facts-2026.md for review.

export const EVENTS_2025: SeedEvent[] = [
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
    // The Foreign Ministry stated the wish to join on 3 July; Pashinyan said on 16 July that the
    // application had been made. Neither gives the day it was filed, so the month is what both support.
    key: 'am-applies-sco-2025',
    date: '2025-07',
    precision: 'month',
    kind: 'diplomatic',
    title: 'Armenia applies to become a full member of the SCO',
    summary:
      "Armenia's Foreign Ministry said on 3 July that Armenia, an SCO dialogue partner since 2015, wished to become a full member of the Shanghai Cooperation Organisation, citing its principles of territorial integrity, non-use of force and inviolable borders. On 16 July Prime Minister Pashinyan confirmed that the application had been submitted, calling it part of a balanced foreign policy. Applying does not by itself change Armenia's status in the organisation.",
    countries: ['armenia'],
    blocs: ['sco'],
    sources: [
      { url: 'https://tass.com/world/1984895', publisher: 'TASS', published: '2025-07-03' },
      {
        url: 'https://www.anews.com.tr/world/2025/07/16/armenia-applies-to-join-shanghai-cooperation-organization-says-prime-minister',
        publisher: 'A News',
        published: '2025-07-16',
      },
      {
        url: 'https://24.kg/english/336499_Armenia_applies_to_join_Shanghai_Cooperation_Organization/',
        publisher: '24.kg',
        published: '2025-07-17',
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
    key: 'pashinyan-eu-or-eaeu-2025',
    date: '2025-08-28',
    precision: 'day',
    kind: 'statement',
    title: 'Pashinyan: Armenia cannot be in both the EU and the EAEU',
    summary:
      'At a government briefing, Prime Minister Pashinyan acknowledged that membership of the European Union and of the Eurasian Economic Union cannot go together, and said Armenia would make its choice when the moment came, depending on the will of its people and on negotiations; he left every scenario open.',
    countries: ['armenia'],
    blocs: ['eaeu', 'eu'],
    sources: [
      {
        url: 'https://www.vedomosti.ru/politics/news/2025/08/28/1134778-armeniya-budet-vibirat',
        publisher: 'Vedomosti',
        published: '2025-08-28',
      },
      {
        url: 'https://lenta.ru/news/2025/08/28/pashinyan-ne-isklyuchil-vyhod-armenii-iz-eaes/',
        publisher: 'Lenta.ru',
        published: '2025-08-28',
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
    key: 'pashinyan-csto-bubble-2025',
    date: '2025-10-01',
    precision: 'day',
    kind: 'statement',
    title: 'Pashinyan calls the CSTO a security "bubble"',
    summary:
      'During question time in parliament, Prime Minister Pashinyan said Armenia became truly independent in 2022, when it understood that the CSTO had not fulfilled and would not fulfil its obligations to it. He called the security system built on the alliance a "bubble" that kept the Armenian state from standing on its own.',
    countries: ['armenia'],
    blocs: ['csto'],
    sources: [
      { url: 'https://news.ru/cis/puzyr-pashinyan-ocenil-garantii-bezopasnosti-ot-odkb', publisher: 'News.ru', published: '2025-10-01' },
      { url: 'https://www.kommersant.ru/doc/8080505', publisher: 'Kommersant', published: '2025-10-02' },
    ],
  },
  {
    key: 'cis-dushanbe-summit-2025',
    date: '2025-10-10',
    precision: 'day',
    kind: 'diplomatic',
    title: 'CIS summit in Dushanbe hands the 2026 chair to Turkmenistan',
    summary:
      "At the CIS heads of state summit in Dushanbe, Tajikistan's President Emomali Rahmon announced that Turkmenistan would chair the Commonwealth in 2026, and the next summit was set for 9 October 2026 in Turkmenistan. President Serdar Berdimuhamedov called the chairmanship a sign of trust.",
    countries: ['tajikistan'],
    blocs: ['cis'],
    sources: [
      {
        url: 'https://report.az/ru/v-regione/sleduyushee-zasedanie-soveta-glav-stran-sng-projdet-v-2026-godu-v-turkmenistane',
        publisher: 'Report',
        published: '2025-10-10',
      },
      {
        url: 'https://www.newscentralasia.net/2025/10/11/turkmenistan-to-assume-cis-chairmanship-in-2026/',
        publisher: 'News Central Asia',
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
    key: 'zakharova-armenia-full-member-2025',
    date: '2025-12-11',
    precision: 'day',
    kind: 'statement',
    title: 'Russian Foreign Ministry: Armenia remains a full CSTO member',
    summary:
      'At her weekly briefing, Russian Foreign Ministry spokeswoman Maria Zakharova said Armenia remained a full member of the CSTO with all its rights and obligations and that nothing prevented it from resuming full work in the organisation. She called talk of a "freeze" verbal juggling that the CSTO\'s rules do not provide for, noting that a member may leave by the established procedure.',
    countries: ['russia', 'armenia'],
    blocs: ['csto'],
    sources: [
      { url: 'https://ria.ru/20251211/armeniya-2061491708.html', publisher: 'RIA Novosti' },
      { url: 'https://vestikavkaza.ru/news/armenia-ostaetsa-polnopravnym-clenom-odkb-mid-rf.html', publisher: 'Vestnik Kavkaza' },
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
  {
    key: 'eaeu-st-petersburg-summit-2025',
    date: '2025-12-21',
    precision: 'day',
    kind: 'diplomatic',
    title: 'EAEU summit in St Petersburg; Kazakhstan to chair in 2026',
    summary:
      "The Supreme Eurasian Economic Council met in St Petersburg with the presidents of Russia, Belarus, Kazakhstan and Kyrgyzstan and Armenia's Prime Minister Pashinyan; Uzbekistan's president attended as an observer. The chair of the union's bodies passed from Belarus to Kazakhstan for 2026, and the next summit was set for 28-29 May 2026 in Astana.",
    countries: ['russia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'armenia', 'uzbekistan'],
    blocs: ['eaeu'],
    sources: [
      { url: 'https://www.interfax.ru/world/1064408', publisher: 'Interfax', published: '2025-12-21' },
      { url: 'https://ru.trend.az/business/4132779.html', publisher: 'Trend', published: '2025-12-21' },
      {
        url: 'https://rus.baq.kz/sleduyuschee-zasedanie-vees-proydet-28-29-maya-v-astane_300029662/',
        publisher: 'BAQ.kz',
        published: '2025-12-21',
      },
    ],
  },
  {
    key: 'cis-informal-summit-2025',
    date: '2025-12-22',
    precision: 'day',
    kind: 'diplomatic',
    title: 'Informal CIS summit in St Petersburg, without Aliyev',
    summary:
      "Putin hosted the yearly informal meeting of CIS leaders at the Hermitage in St Petersburg, attended by the leaders of Armenia, Belarus, Kazakhstan, Kyrgyzstan, Turkmenistan and Uzbekistan. Armenia's Prime Minister Pashinyan took part. Azerbaijan's President Aliyev stayed away, citing a busy schedule, which the Kremlin said it accepted.",
    countries: ['russia', 'armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'uzbekistan', 'azerbaijan'],
    blocs: ['cis'],
    sources: [
      { url: 'https://ria.ru/20251222/sng-2063929495.html', publisher: 'RIA Novosti' },
      {
        url: 'https://www.vedomosti.ru/politics/articles/2025/12/23/1165503-prezident-azerbaidzhana-propustil',
        publisher: 'Vedomosti',
        published: '2025-12-23',
      },
    ],
  },
];

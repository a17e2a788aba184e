import type { SeedEvent } from '../domain/types.ts';

// The curated events of 2026, oldest first; events.ts holds the whole list. Each was confirmed by at
// least two different outlets, listed with their sources in docs/facts-2026.md; a test keeps the two in
// step. Reported sources end around June 2026, so the year stops where confirmed reports stop.

export const EVENTS_2026: SeedEvent[] = [
  {
    // The framework was announced at a meeting in Washington on 13 January (US time) and published by
    // Armenia's Foreign Ministry on 14 January (Yerevan time); reports give either day, so only the month
    // is stored.
    key: 'tripp-implementation-framework-2026',
    date: '2026-01',
    precision: 'month',
    kind: 'diplomatic',
    title: 'Armenia and the US publish the TRIPP implementation framework',
    summary:
      'Foreign Minister Ararat Mirzoyan and US Secretary of State Marco Rubio released a framework for the Trump Route for International Peace and Prosperity, the transit route across southern Armenia linking Azerbaijan with Nakhchivan agreed at the White House in August 2025. It foresees a TRIPP Development Company, 74% American and 26% Armenian, with the right to build and run the route for an initial 49 years. The framework itself creates no legal obligations; Pashinyan told his cabinet it must now be turned into binding agreements.',
    countries: ['armenia', 'united-states', 'azerbaijan'],
    blocs: [],
    sources: [
      { url: 'https://mediamax.am/en/news/foreignpolicy/59684/', publisher: 'Mediamax', published: '2026-01-15' },
      { url: 'https://www.caucasianknot.org/articles/71965', publisher: 'Caucasian Knot', published: '2026-01-14' },
      { url: 'https://www.trend.az/azerbaijan/politics/4141891.html', publisher: 'Trend', published: '2026-01-15' },
    ],
  },
  {
    key: 'csto-russian-chair-masadykov-2026',
    date: '2026-01-01',
    precision: 'day',
    kind: 'diplomatic',
    title: 'Russia takes the CSTO chair; Masadykov becomes Secretary-General',
    summary:
      'Russia took over the rotating chairmanship of the CSTO from Kyrgyzstan, and Taalatbek Masadykov of Kyrgyzstan took office as Secretary-General in place of Imangali Tasmagambetov, as decided at the Bishkek summit in November 2025.',
    countries: ['russia', 'kyrgyzstan', 'kazakhstan'],
    blocs: ['csto'],
    sources: [
      { url: 'https://inforos.com/ru/?module=news&action=view&id=189361', publisher: 'Inforos', published: '2026-01-01' },
      { url: 'https://vz.ru/news/2026/1/29/1390581.html', publisher: 'VZGLYAD', published: '2026-01-29' },
    ],
  },
  {
    key: 'am-intelligence-csto-outlook-2026',
    date: '2026-01-20',
    precision: 'day',
    kind: 'statement',
    title: "Armenia's foreign intelligence: CSTO participation unlikely to be unfrozen in 2026",
    summary:
      "In its yearly report on external risks, Armenia's Foreign Intelligence Service judged it unlikely that Armenia would unfreeze its participation in the CSTO in 2026, an assessment unchanged from the year before. It also judged a military escalation with Azerbaijan unlikely after the Washington agreements of August 2025.",
    countries: ['armenia'],
    blocs: ['csto'],
    sources: [
      {
        url: 'https://report.az/ru/v-regione/specsluzhba-armeniya-vryad-li-v-2026-godu-razmorozit-chlenstvo-v-odkb',
        publisher: 'Report',
        published: '2026-01-20',
      },
      { url: 'https://www.gazeta.ru/politics/news/2026/01/20/27664831.shtml', publisher: 'Gazeta.ru', published: '2026-01-20' },
    ],
  },
  {
    key: 'lavrov-eu-eaeu-incompatible-2026',
    date: '2026-01-20',
    precision: 'day',
    kind: 'statement',
    title: 'Lavrov: Armenia cannot combine EU accession with EAEU membership',
    summary:
      "At his yearly press conference, Russian Foreign Minister Sergei Lavrov said moving towards EU membership could not be combined with staying in the Eurasian Economic Union, as switching to EU standards while in the union was technically impossible. He said the choice belonged to the Armenian people and leadership, and that EU candidates are also expected to join the EU's foreign policy, sanctions against Russia included.",
    countries: ['russia', 'armenia'],
    blocs: ['eaeu', 'eu'],
    sources: [
      { url: 'https://tass.ru/politika/26194915', publisher: 'TASS', published: '2026-01-20' },
      { url: 'https://www.kommersant.ru/doc/8362796', publisher: 'Kommersant', published: '2026-01-20' },
    ],
  },
  {
    key: 'csto-tajik-border-programme-2026',
    date: '2026-01-29',
    precision: 'day',
    kind: 'military',
    title: "CSTO states choose suppliers of arms for Tajikistan's Afghan border",
    summary:
      "CSTO Secretary-General Taalatbek Masadykov said the member states were agreeing lists of weapons, military vehicles and border-protection equipment for Tajikistan's border troops, choosing suppliers and negotiating contracts, the first stage of the programme to strengthen the Tajik-Afghan border adopted in Astana in November 2024. He called its implementation a main task of the CSTO.",
    countries: ['tajikistan'],
    blocs: ['csto'],
    sources: [
      { url: 'https://www.interfax.ru/world/1070060', publisher: 'Interfax', published: '2026-01-29' },
      {
        url: 'https://24.kg/obschestvo/360065_tadjikistan_poluchit_voorujeniya_otodkb_dlya_ukrepleniya_granitsyi_safganistanom/',
        publisher: '24.kg',
        published: '2026-01-31',
      },
    ],
  },
  {
    // news.by dates its Belarusian-language report of the briefing 11 February and its Russian one, like
    // News.ru, 12 February: only the month is stored.
    key: 'csto-exercise-plan-2026',
    date: '2026-02',
    precision: 'month',
    kind: 'military',
    title: 'CSTO sets its 2026 exercises in Russia, Kazakhstan, Tajikistan and Belarus',
    summary:
      'At a briefing of the CSTO Joint Staff, its chief Andrei Serdyukov said 60 joint training events, eight of them command-staff and special exercises, were planned for 2026 in Russia, Kazakhstan, Tajikistan and Belarus. Belarus is to host the peacekeeping exercise "Unbreakable Brotherhood" and the special exercise "Barrier"; "Rubezh" is planned in Kazakhstan and "Interaction" in Russia.',
    countries: ['russia', 'kazakhstan', 'tajikistan', 'belarus'],
    blocs: ['csto'],
    sources: [
      {
        url: 'https://news.ru/cis/v-odkb-raskryli-gde-projdut-sovmestnye-ucheniya-stran-uchastnic',
        publisher: 'News.ru',
        published: '2026-02-12',
      },
      {
        url: 'https://news.by/news/obshchestvo/dva-ucheniya-odkb-proydut-v-belarusi-v-2026-godu',
        publisher: 'news.by',
        published: '2026-02-12',
      },
    ],
  },
  {
    key: 'am-election-called-2026',
    date: '2026-02-06',
    precision: 'day',
    kind: 'legal',
    title: 'Armenia sets its parliamentary election for 7 June 2026',
    summary:
      "President Vahagn Khachaturyan signed a decree calling the regular election to Armenia's National Assembly for 7 June 2026. The previous election, a snap vote in June 2021, gave Pashinyan's Civil Contract party a majority.",
    countries: ['armenia'],
    blocs: [],
    sources: [
      {
        url: 'https://sputnik-georgia.ru/20260206/naznachena-data-parlamentskikh-vyborov-v-armenii-297003547.html',
        publisher: 'Sputnik Georgia',
      },
      {
        url: 'http://russian.china.org.cn/international/txt/2026-02/07/content_118322214.htm',
        publisher: 'Xinhua (China.org.cn)',
        published: '2026-02-07',
      },
    ],
  },
  {
    key: 'vance-visits-armenia-2026',
    date: '2026-02-09',
    precision: 'day',
    kind: 'diplomatic',
    title: 'Vance makes the first visit to Armenia by a sitting US vice president',
    summary:
      'US Vice President JD Vance visited Yerevan, the first visit to Armenia by a sitting US president or vice president, to push forward the August 2025 peace deal with Azerbaijan and the TRIPP route. He and Prime Minister Pashinyan signed a document to advance talks on civil nuclear cooperation; Vance said the US was ready to sell Armenia advanced chips and surveillance drones. He went on to Azerbaijan the next day.',
    countries: ['united-states', 'armenia'],
    blocs: [],
    sources: [
      {
        url: 'https://www.kiro7.com/news/world/vance-is-armenia/VOJ5AZBLSEZ27PROAXUOWFB4DY/',
        publisher: 'AP (KIRO 7)',
        published: '2026-02-09',
      },
      {
        url: 'https://bntnews.bg/news/amerikanskiyat-viceprezident-jei-di-vans-pristigna-na-poseshtenie-v-azerbaijan-1378468news.html',
        publisher: 'BNT',
      },
    ],
  },
  {
    key: 'us-az-charter-2026',
    date: '2026-02-10',
    precision: 'day',
    kind: 'diplomatic',
    title: 'US and Azerbaijan sign a Strategic Partnership Charter',
    summary:
      'In Baku, President Ilham Aliyev and US Vice President JD Vance signed a Strategic Partnership Charter covering transit routes including TRIPP and the Middle Corridor, energy, artificial intelligence and data centres, counter-terrorism and defence cooperation.',
    countries: ['united-states', 'azerbaijan'],
    blocs: [],
    sources: [
      {
        url: 'https://magyarhirlap.hu/kulfold/20260210-strategiai-partnersegi-chartat-irt-ala-azerbajdzsan-es-az-egyesult-allamok',
        publisher: 'Magyar Hírlap',
        published: '2026-02-10',
      },
      { url: 'https://english.pravda.ru/news/world/165807-azerbaijan-us-strategic-partnership-charter/', publisher: 'Pravda.ru' },
    ],
  },
  {
    key: 'union-state-supreme-council-2026',
    date: '2026-02-26',
    precision: 'day',
    kind: 'diplomatic',
    title: 'Supreme State Council of the Union State meets in Moscow',
    summary:
      'Putin and Lukashenko held a session of the Supreme State Council of the Union State in the Grand Kremlin Palace, reviewing the 2024-2026 plan for implementing the Union State treaty. They signed seven documents, among them decisions to create a Union State committee for standardisation and quality, on cross-border suburban rail services, and a directive on mutual support in international justice.',
    countries: ['russia', 'belarus'],
    blocs: ['union-state'],
    sources: [
      {
        url: 'https://360.ru/news/mir/rossija-i-belorussija-podpisali-dokumenty-na-gossovete-sojuznogo-gosudarstva/',
        publisher: '360',
        published: '2026-02-26',
      },
      { url: 'https://www.m24.ru/news/vlast/26022026/877662', publisher: 'Moskva 24', published: '2026-02-26' },
      { url: 'https://www.vedomosti.ru/politics/news/2026/02/26/1179263-putin-lukashenko-zasedanie', publisher: 'Vedomosti' },
    ],
  },
  {
    key: 'pashinyan-warsaw-csto-2026',
    date: '2026-02-26',
    precision: 'day',
    kind: 'statement',
    title: 'Pashinyan in Warsaw: CSTO participation frozen, Russian base may stay',
    summary:
      "On an official visit to Poland, Prime Minister Pashinyan told diplomats and analysts at the Polish Institute of International Affairs that Armenia's participation in the CSTO remained frozen, that the alliance had responded inadequately to Armenia's security needs, and that relations with Russia were being transformed. He said Armenia had no plans to ask for the removal of the Russian military base in Gyumri.",
    countries: ['armenia', 'russia'],
    blocs: ['csto'],
    sources: [
      { url: 'https://www.interfax.ru/world/1074691', publisher: 'Interfax', published: '2026-02-26' },
      {
        url: 'https://news.az/news/armenian-pm-says-no-plans-to-close-russian-military-base-in-gyumri',
        publisher: 'News.az',
        published: '2026-02-26',
      },
      { url: 'https://www.rbc.ru/politics/26/02/2026/699ff81f9a7947962cc04ef0', publisher: 'RBC', published: '2026-02-26' },
    ],
  },
  {
    key: 'pashinyan-no-eu-referendum-2026',
    date: '2026-05-11',
    precision: 'day',
    kind: 'statement',
    title: 'Pashinyan: no need now for a referendum on the EU or the EAEU',
    summary:
      'Two days after Putin suggested Armenia hold a referendum on its course towards the EU, and spoke of a "gentle, intelligent divorce" if it chose Brussels, Prime Minister Pashinyan said Armenia was a full member of the Eurasian Economic Union taking part in all its work, and that a referendum would be held only when there was an objective need for one.',
    countries: ['armenia', 'russia'],
    blocs: ['eaeu', 'eu'],
    sources: [
      {
        url: 'https://en.iz.ru/en/2095124/2026-05-11/pashinyan-pointed-out-there-no-need-hold-eu-referendum-armenia',
        publisher: 'Izvestia',
        published: '2026-05-11',
      },
      { url: 'https://en.apa.az/cis-countries/pashinyan-armenia-does-not-plan-referendum-on-eu-or-eaeu-choice-505444', publisher: 'APA' },
    ],
  },
  {
    key: 'eaeu-astana-statement-armenia-2026',
    date: '2026-05-29',
    precision: 'day',
    kind: 'diplomatic',
    title: 'EAEU leaders weigh suspending the union treaty for Armenia',
    summary:
      "At the Eurasian Economic Union summit in Astana, the presidents of Belarus, Kazakhstan, Kyrgyzstan and Russia signed a statement, without Armenia, citing risks from Armenia's preparation for EU accession. They decided that their prime ministers would report at the union's December 2026 summit on the possible consequences of suspending the EAEU Treaty with respect to Armenia, and called on Armenia to hold a referendum as soon as possible on joining the EU or staying in the EAEU. Putin warned that the \"Ukrainian scenario\" had begun with Kyiv's EU ambitions.",
    countries: ['russia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'armenia'],
    blocs: ['eaeu', 'eu'],
    sources: [
      {
        url: 'https://www.turkiyetoday.com/region/russia-recalls-ambassador-to-armenia-over-yerevans-growing-ties-with-eu-3220945',
        publisher: 'Türkiye Today',
      },
      { url: 'https://www.commonspace.eu/ru/node/13960', publisher: 'Commonspace.eu' },
      {
        url: 'https://knews.media/2026/05/30/putin-invokes-the-ukrainian-scenario-after-armenias-approach-to-the-eu-moscow-recalls-its-ambassador-from-yerevan/',
        publisher: 'Knews (AFP)',
      },
    ],
  },
  {
    key: 'ru-recalls-ambassador-am-2026',
    date: '2026-05-30',
    precision: 'day',
    kind: 'diplomatic',
    title: "Russia recalls its ambassador to Armenia over Yerevan's EU course",
    summary:
      "Russia's Foreign Ministry recalled its ambassador in Yerevan, Sergei Kopyrkin, for consultations over what it called the Armenian leadership's steps towards the European Union, which it said undermined cooperation within the Eurasian Economic Union. The recall came a day after the EAEU summit in Astana and a week before Armenia's parliamentary election.",
    countries: ['russia', 'armenia'],
    blocs: ['eaeu'],
    sources: [
      { url: 'https://www.commonspace.eu/ru/node/13960', publisher: 'Commonspace.eu' },
      {
        url: 'https://knews.media/2026/05/30/putin-invokes-the-ukrainian-scenario-after-armenias-approach-to-the-eu-moscow-recalls-its-ambassador-from-yerevan/',
        publisher: 'Knews (AFP)',
      },
      {
        url: 'https://www.turkiyetoday.com/region/russia-recalls-ambassador-to-armenia-over-yerevans-growing-ties-with-eu-3220945',
        publisher: 'Türkiye Today',
      },
    ],
  },
];

// Words that mean the same in the languages intake reads, as one concept each: "joined", "accession",
// "вступила" and "присоединилась" are all JOIN. Reports of one event in English and Russian share few
// words but many concepts, so concepts (with names, numbers and entities) are what lets a Russian
// report meet its English twin. Each concept also belongs to a topic class, which the relevance model
// reads: news about the blocs is dense in status, security and diplomacy words; a match report or a
// rate decision is dense in sport or market words.
//
// Entries are word prefixes, matched against a lowercased word (accents folded, ё as е). A prefix that
// would catch unrelated words is written out in full forms instead ("посол", "посла", not "посл", which
// would take "после"). An entry ending in "$" must match the whole word.

export type TopicClass = 'status' | 'security' | 'diplomacy' | 'politics' | 'law' | 'economy' | 'sport' | 'market' | 'culture' | 'nature';

interface ConceptDef {
  id: string;
  topic: TopicClass;
  words: string[];
}

const C = (id: string, topic: TopicClass, words: string): ConceptDef => ({ id, topic, words: words.split(' ') });

export const CONCEPTS: ConceptDef[] = [
  // Membership and status.
  C('join', 'status', 'join$ joins$ joined$ joining$ accession accede admit admission вступ присоедин принят$ приняли$ принята$'),
  C('member', 'status', 'member член'),
  C('full', 'status', 'full-fledged full$ fully полноправ полноцен'),
  C('freeze', 'status', 'freez froze замороз заморож'),
  C('suspend', 'status', 'suspen приостанов'),
  C('leave', 'status', 'withdraw leav left$ exit quit выход$ выхода$ выходе$ выходу$ выходом$ выйти выйдет покину покида'),
  C('observer', 'status', 'observer наблюдател'),
  C('partner', 'diplomacy', 'partner партнер партнёр'),
  C('dialogue', 'diplomacy', 'dialogue dialog диалог'),
  C('expel', 'status', 'expel expuls исключить исключат исключени исключен$ исключили'),
  C('participation', 'status', 'particip участи участв'),
  C('dues', 'economy', 'dues$ contribution взнос'),
  C('pay', 'economy', 'pay paid payment платеж платёж оплат финансир funding fund$'),
  C('tenth', 'status', 'tenth 10th десят'),
  // Security and the military.
  C('exercise', 'security', 'exercis drill manoeuvr maneuver учени учения маневр манёвр'),
  C('military', 'security', 'militar army armed troop soldier войск военн арми армия солдат'),
  C('missile', 'security', 'missile ракет'),
  C('oreshnik', 'security', 'oreshnik орешник'),
  C('nuclear', 'security', 'nuclear ядерн'),
  C('weapon', 'security', 'weapon arms$ armament вооружен оружи'),
  C('base', 'security', 'base$ bases$ базу$ база$ базы$ базе$'),
  C('security', 'security', 'secur безопасн'),
  C('defence', 'security', 'defen оборон'),
  C('guarantee', 'security', 'guarant гарант'),
  C('border', 'security', 'border frontier границ пограни'),
  C('war', 'security', 'war$ wars$ warfare войн'),
  C('conflict', 'security', 'conflict конфликт'),
  C('attack', 'security', 'attack strike offensive атак удар наступлен'),
  C('peacekeep', 'security', 'peacekeep миротвор'),
  C('deploy', 'security', 'deploy stationed размещ развернут развёрнут'),
  C('threat', 'security', 'threat угроз'),
  C('karabakh', 'security', 'karabakh карабах'),
  C('alliance', 'security', 'alliance ally allies allied союз союзник'),
  C('bloc', 'security', 'bloc блок'),
  // Diplomacy.
  C('summit', 'diplomacy', 'summit саммит'),
  C('meeting', 'diplomacy', 'meet meeting встреч заседани'),
  C('talks', 'diplomacy', 'talks$ negotiat переговор'),
  C('visit', 'diplomacy', 'visit визит посети посещ'),
  C('ambassador', 'diplomacy', 'ambassador envoy посол$ посла$ послом$ послу$ послы$ послов$ послов посольств embass'),
  C('recall', 'diplomacy', 'recall отозва отзыв'),
  C('diplomat', 'diplomacy', 'diplomat дипломат'),
  C('minister', 'politics', 'minister министр'),
  C('foreign', 'diplomacy', 'foreign внешн иностран мид$'),
  C('sign', 'diplomacy', 'sign$ signs$ signed$ signing$ signature signator подпис'),
  C('treaty', 'law', 'treaty treaties agreement accord$ accords$ pact договор соглашен'),
  C('charter', 'diplomacy', 'charter хартия хартии хартию'),
  C('strategic', 'diplomacy', 'strateg стратег'),
  C('peace', 'diplomacy', 'peace мирн'),
  C('normalize', 'diplomacy', 'normaliz normalis нормализ'),
  C('relations', 'diplomacy', 'relation ties$ отношени'),
  C('cooperation', 'diplomacy', 'cooperat co-operat сотрудничеств'),
  C('corridor', 'diplomacy', 'corridor route tripp коридор маршрут'),
  C('message', 'diplomacy', 'message letter послани письм'),
  C('sanction', 'economy', 'sanction санкци'),
  C('declaration', 'diplomacy', 'declaration декларац'),
  C('chair', 'diplomacy', 'chair председател председательств'),
  C('secretary', 'diplomacy', 'secretary secretary-general генсек секретар'),
  // Politics and law.
  C('president', 'politics', 'president президент'),
  C('premier', 'politics', 'prime premier премьер-министр премьер$ премьера$ премьеру$ премьером$'),
  C('parliament', 'politics', 'parliament lawmaker legislat парламент депутат'),
  C('election', 'politics', 'election elected vote ballot выбор голосован избран'),
  C('government', 'politics', 'government cabinet правительств кабмин'),
  C('referendum', 'politics', 'referend референдум'),
  C('statement', 'politics', 'statement stated say$ says$ said$ told$ заявлен заявил заявила заявили сказал сообщил'),
  C('criticize', 'politics', 'critic accus осуд критик обвин'),
  C('refuse', 'politics', 'refus boycott declin отказ бойкот'),
  C('law', 'law', 'law$ laws$ bill$ legislation закон законопроект'),
  C('ratify', 'law', 'ratif ратифиц ратифик'),
  C('court', 'law', 'court tribunal суд$ суда$ суде$ судом$ суду$'),
  C('constitution', 'law', 'constitution конституц'),
  C('union', 'politics', 'union союзн'),
  C('integration', 'politics', 'integrat интеграц'),
  C('sovereignty', 'politics', 'sovereign суверен'),
  C('independence', 'politics', 'independen независим'),
  // What people in the news do: the verbs that tell one statement from another.
  C('return', 'politics', 'return возвращ вернуть вернуться вернется вернётся'),
  C('support', 'politics', 'support back$ backs$ backed$ backing$ поддерж'),
  C('oppose', 'politics', 'oppos against$ против$ противник'),
  C('demand', 'politics', 'demand требова потребова'),
  C('propose', 'politics', 'propos offer предлож'),
  C('request', 'politics', 'request asked$ asks$ просьб попроси'),
  C('agree', 'politics', 'agree agreed соглас договорил'),
  C('reject', 'politics', 'reject dismiss отверг отклон'),
  C('confirm', 'politics', 'confirm подтверд'),
  C('deny', 'politics', 'deni deny опроверг отрица'),
  C('announce', 'politics', 'announc объяв анонс'),
  C('warn', 'politics', 'warn предупре предостере'),
  C('decide', 'politics', 'decid decision decree решени решил указ'),
  C('plan', 'politics', 'plan intend intention намерен планир'),
  C('possible', 'politics', 'possib может$ могут$ возможн'),
  C('congratulate', 'politics', 'congratulat поздрав'),
  C('explain', 'politics', 'explain reason причин объясн'),
  C('crisis', 'politics', 'crisis кризис'),
  C('protest', 'politics', 'protest rally demonstrat протест митинг акция$ акции$'),
  C('opposition', 'politics', 'opposition оппозиц'),
  C('arrest', 'law', 'arrest detain custody арест задерж'),
  C('investigation', 'law', 'investigat probe расследова следстви'),
  C('sentence', 'law', 'sentenc verdict convict приговор осужд'),
  C('anniversary', 'politics', 'anniversar годовщин юбилей'),
  C('victory', 'politics', 'victory победы$ победа$ победу$ победе$'),
  C('future', 'politics', 'future будущ'),
  C('history', 'politics', 'histor истори'),
  C('commission', 'politics', 'commission комисси'),
  C('council', 'politics', 'council совет$ совета$ совете$ советом$'),
  C('committee', 'politics', 'committee комитет'),
  C('spokesperson', 'politics', 'spokes пресс-секретар представител'),
  C('speaker', 'politics', 'speaker спикер'),
  C('leader', 'politics', 'leader лидер глава$ главы$ главой$ главе$'),
  C('deputy', 'politics', 'deputy заместител вице'),
  C('ministry', 'politics', 'ministry министерств ведомств'),
  C('headquarters', 'security', 'headquarter general staff генштаб штаб'),
  // Arms and what is done with them.
  C('supply', 'security', 'suppl deliver transfer поставк поставля постав передач передать переда'),
  C('equipment', 'security', 'equipment hardware техник оборудован'),
  C('buy', 'economy', 'buy bought purchas procur закуп покуп купи'),
  C('sell', 'economy', 'sell sold sale прода'),
  C('drone', 'security', 'drone uav беспилот дрон'),
  C('aircraft', 'security', 'aircraft plane jet самолет самолёт авиац'),
  C('air-defence', 'security', 'air-defen пво'),
  C('tank', 'security', 'tank$ tanks$ танк'),
  C('navy', 'security', 'navy naval ship флот корабл'),
  C('killed', 'security', 'kill dead death casualt погиб убит жертв'),
  C('wounded', 'security', 'wound injur ранен пострада'),
  C('ceasefire', 'security', 'ceasefire truce перемири'),
  C('terror', 'security', 'terror террор'),
  C('shelling', 'security', 'shell fire$ fired$ firing обстрел'),
  C('mobilize', 'security', 'mobiliz mobilis мобилиз'),
  C('intelligence', 'security', 'intelligence разведк спецслужб'),
  C('command', 'security', 'command командовани командующ'),
  C('territory', 'security', 'territor территор'),
  C('occupy', 'security', 'occup оккуп'),
  C('enclave', 'security', 'enclave exclave анклав эксклав'),
  C('region', 'politics', 'region регион'),
  // Movement of goods and people between the blocs' members.
  C('energy', 'economy', 'energy electric power$ энерг электр'),
  C('oil', 'economy', 'oil$ нефт'),
  C('grain', 'economy', 'grain wheat зерн пшениц'),
  C('investment', 'economy', 'invest инвестиц вложени'),
  C('loan', 'economy', 'loan credit кредит займ'),
  C('debt', 'economy', 'debt долг задолжен'),
  C('export', 'economy', 'export экспорт вывоз'),
  C('import', 'economy', 'import импорт ввоз'),
  C('transit', 'economy', 'transit транзит'),
  C('railway', 'economy', 'railway railroad rail$ железнодорож железн'),
  C('airport', 'economy', 'airport аэропорт'),
  C('market', 'economy', 'market рынок рынка рынке рынк'),
  C('migrant', 'economy', 'migra мигра'),
  C('visa', 'economy', 'visa виз$ визы$ визов визов визовый безвиз'),
  // Economy, for blocs like the EAEU: trade and customs are bloc business.
  C('trade', 'economy', 'trade торгов товарооборот внешнеторг'),
  C('customs', 'economy', 'customs таможен'),
  C('gas', 'economy', 'gas$ газ$ газа$ газу$ газом$ газов'),
  C('tariff', 'economy', 'tariff duty$ duties$ пошлин тариф'),
  C('budget', 'economy', 'budget бюджет'),
  C('economic', 'economy', 'econom эконом'),
  // What is not bloc news: sport, markets, culture, nature.
  C('match', 'sport', 'match$ matches$ матч'),
  C('goal', 'sport', 'goal$ goals$ гол$ гола$ голы$ голов$'),
  C('football', 'sport', 'football soccer futsal футбол'),
  C('championship', 'sport', 'championship champion tournament чемпион турнир первенств'),
  C('league', 'sport', 'league лига лиги лигу'),
  C('cup', 'sport', 'cup$ кубк кубок'),
  C('medal', 'sport', 'medal gold$ silver$ bronze$ медал золот серебр бронз'),
  C('olympic', 'sport', 'olympi олимпи'),
  C('games', 'sport', 'games$ игры$ игр$ играх$'),
  C(
    'athlete',
    'sport',
    'athlet player coach striker goalkeeper wrestler boxer fighter спортсмен игрок тренер нападающ вратар борец боксер боксёр',
  ),
  C('team', 'sport', 'team squad сборн команда$ команды$ команде$ команду$ командой$'),
  C(
    'sportsgame',
    'sport',
    'wrestl boxing chess tennis judo hockey basketball volleyball marathon бокс шахмат теннис дзюдо хоккей баскетбол волейбол марафон',
  ),
  C('score', 'sport', 'scor stadium qualifier стадион отбор'),
  C('season', 'sport', 'season сезон'),
  C('inflation', 'market', 'inflation инфляц'),
  C('rate', 'market', 'rate$ rates$ ставк'),
  C('centralbank', 'market', 'bank$ banks$ нацбанк центробанк регулятор'),
  C('currency', 'market', 'tenge dram$ drams$ rouble ruble currency тенге драм$ драма$ рубл валют'),
  C('stock', 'market', 'stock shares$ investor index бирж котировк инвестор'),
  C('company', 'market', 'company companies firm$ brand revenue profit plant$ factory компани фирм бренд выручк прибыл завод фабрик'),
  C('price', 'market', 'price цен$ цены$ цена$ ценам$ стоимост'),
  C('film', 'culture', 'film movie cinema фильм кино'),
  C('festival', 'culture', 'festival фестивал'),
  C('music', 'culture', 'concert album song singer eurovision концерт альбом песн певиц певец евровидени'),
  C('art', 'culture', 'museum exhibition theatre theater premiere artist музе выставк театр премьера$ премьеру$ художник'),
  C('tourism', 'culture', 'touris hotel турист отел туризм'),
  // The lighting of a capital's New Year tree is a festivity, however many officials attend.
  C('festivity', 'culture', 'christmas$ ёлк елк ёлочн елочн'),
  C('quake', 'nature', 'earthquake quake tremor magnitude seismic землетрясен толчк магнитуд сейсм'),
  C('weather', 'nature', 'weather temperature rain snow storm forecast погод температур дожд снег шторм прогноз синоптик'),
];

interface Entry {
  prefix: string;
  whole: boolean;
  concept: ConceptDef;
}

// By the first two letters: a word is compared with the few prefixes that could match it.
const BY_START = new Map<string, Entry[]>();
for (const concept of CONCEPTS) {
  for (const raw of concept.words) {
    const whole = raw.endsWith('$');
    const prefix = whole ? raw.slice(0, -1) : raw;
    const key = prefix.slice(0, 2);
    const list = BY_START.get(key) ?? [];
    list.push({ prefix, whole, concept });
    BY_START.set(key, list);
  }
}
// Longest prefix first, so "премьера$" (a premiere) is tried before "премьер$" would be.
for (const list of BY_START.values()) list.sort((a, b) => b.prefix.length - a.prefix.length);

/** The concept a lowercased word stands for, if any. */
export function conceptOf(word: string): ConceptDef | undefined {
  if (word.length < 3) return undefined;
  for (const e of BY_START.get(word.slice(0, 2)) ?? []) {
    if (e.whole ? word === e.prefix : word.startsWith(e.prefix)) return e.concept;
  }
  return undefined;
}

import type { SeedEntity } from '../domain/types.ts';

// Countries and blocs the dataset speaks of. name, fullName, iso2 and iso3 are aliases too (the seed
// loader adds them); `aliases` lists every other way people write them.
export const ENTITIES: SeedEntity[] = [
  { id: 'armenia', kind: 'country', name: 'Armenia', fullName: 'Republic of Armenia', iso2: 'AM', iso3: 'ARM', aliases: ['RA', 'Armenian', 'Armenians', 'Yerevan', 'Hayastan'] },
  { id: 'azerbaijan', kind: 'country', name: 'Azerbaijan', fullName: 'Republic of Azerbaijan', iso2: 'AZ', iso3: 'AZE', aliases: ['Azerbaijani', 'Azeri', 'Baku'] },
  { id: 'belarus', kind: 'country', name: 'Belarus', fullName: 'Republic of Belarus', iso2: 'BY', iso3: 'BLR', aliases: ['Belarusian', 'Byelorussia', 'Belorussia', 'Minsk'] },
  { id: 'china', kind: 'country', name: 'China', fullName: "People's Republic of China", iso2: 'CN', iso3: 'CHN', aliases: ['Chinese', 'PRC', 'Beijing'] },
  { id: 'france', kind: 'country', name: 'France', fullName: 'French Republic', iso2: 'FR', iso3: 'FRA', aliases: ['French', 'Paris'] },
  { id: 'georgia', kind: 'country', name: 'Georgia', iso2: 'GE', iso3: 'GEO', aliases: ['Georgian', 'Tbilisi', 'Sakartvelo'] },
  { id: 'india', kind: 'country', name: 'India', fullName: 'Republic of India', iso2: 'IN', iso3: 'IND', aliases: ['Indian', 'New Delhi', 'Bharat'] },
  { id: 'iran', kind: 'country', name: 'Iran', fullName: 'Islamic Republic of Iran', iso2: 'IR', iso3: 'IRN', aliases: ['Iranian', 'Tehran', 'Persia'] },
  { id: 'kazakhstan', kind: 'country', name: 'Kazakhstan', fullName: 'Republic of Kazakhstan', iso2: 'KZ', iso3: 'KAZ', aliases: ['Kazakh', 'Kazakhstani', 'Astana', 'Nur-Sultan', 'Almaty'] },
  { id: 'kyrgyzstan', kind: 'country', name: 'Kyrgyzstan', fullName: 'Kyrgyz Republic', iso2: 'KG', iso3: 'KGZ', aliases: ['Kyrgyz', 'Kirghizia', 'Kirgizia', 'Kirgiziya', 'Bishkek'] },
  { id: 'pakistan', kind: 'country', name: 'Pakistan', fullName: 'Islamic Republic of Pakistan', iso2: 'PK', iso3: 'PAK', aliases: ['Pakistani', 'Islamabad'] },
  { id: 'russia', kind: 'country', name: 'Russia', fullName: 'Russian Federation', iso2: 'RU', iso3: 'RUS', aliases: ['Russian', 'Moscow', 'Kremlin'] },
  { id: 'tajikistan', kind: 'country', name: 'Tajikistan', fullName: 'Republic of Tajikistan', iso2: 'TJ', iso3: 'TJK', aliases: ['Tajik', 'Dushanbe'] },
  { id: 'ukraine', kind: 'country', name: 'Ukraine', iso2: 'UA', iso3: 'UKR', aliases: ['Ukrainian', 'Kyiv', 'Kiev'] },
  { id: 'united-states', kind: 'country', name: 'United States', fullName: 'United States of America', iso2: 'US', iso3: 'USA', aliases: ['America', 'American', 'Washington', 'U.S.A.'] },
  { id: 'uzbekistan', kind: 'country', name: 'Uzbekistan', fullName: 'Republic of Uzbekistan', iso2: 'UZ', iso3: 'UZB', aliases: ['Uzbek', 'Tashkent'] },

  { id: 'csto', kind: 'bloc', name: 'CSTO', fullName: 'Collective Security Treaty Organization', aliases: ['Collective Security Treaty Organisation', 'Collective Security Treaty', 'CST', 'Tashkent Treaty', 'ODKB', 'ОДКБ'] },
  { id: 'sco', kind: 'bloc', name: 'SCO', fullName: 'Shanghai Cooperation Organisation', aliases: ['Shanghai Cooperation Organization', 'Shanghai Pact', 'ШОС'] },
  { id: 'cis', kind: 'bloc', name: 'CIS', fullName: 'Commonwealth of Independent States', aliases: ['Commonwealth', 'СНГ'] },
  { id: 'eaeu', kind: 'bloc', name: 'EAEU', fullName: 'Eurasian Economic Union', aliases: ['EEU', 'Eurasian Union', 'ЕАЭС'] },
  { id: 'union-state', kind: 'bloc', name: 'Union State', fullName: 'Union State of Russia and Belarus', aliases: ['Russia-Belarus Union State', 'Russia Belarus Union State', 'Союзное государство'] },
  { id: 'eu', kind: 'bloc', name: 'EU', fullName: 'European Union', aliases: ['Europe', 'European'] },
  { id: 'icc', kind: 'bloc', name: 'ICC', fullName: 'International Criminal Court', aliases: ['Rome Statute', 'Hague court'] },
];

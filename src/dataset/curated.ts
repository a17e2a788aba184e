import { ENTITIES } from './entities.ts';
import { EVENTS } from './events.ts';
import { MEMBERSHIPS } from './memberships.ts';
import type { SeedEntity, SeedEvent, SeedMembership } from '../domain/types.ts';

/**
 * The version of the curated dataset. Raise it with every change to entities, events or memberships:
 * databases holding an older version are brought up to date in place at start (src/store/dataset-update.ts).
 * 1: first release. 2: corrections of the 2026-11 review, every bloc's membership history, 2014–2025 additions.
 * 3: the Russian names of the countries, their capitals, the EU and the Union State, as aliases
 *    (./russian-names.ts, which now holds the blocs' Russian acronyms too).
 * 4: 2026 (events-2026.ts) and the late-2025 events that were missing, each confirmed by two outlets
 *    (docs/facts-2026.md); no membership status changed. The Armenian names of the countries, their
 *    capitals and the blocs (./armenian-names.ts), and the blocs' and the ICC's Russian names spelled out
 *    in every case ("Шанхайской организации сотрудничества"), so that intake reads such news for what
 *    it is about.
 * 5: Russian names intake missed: the EU's acronym "ЕС", and the cases of "Европейский союз",
 *    "Российская Федерация" and "Соединённые Штаты" that were not yet listed.
 */
export const DATASET_VERSION = 5;

export interface CuratedDataset {
  version: number;
  entities: SeedEntity[];
  events: SeedEvent[];
  memberships: SeedMembership[];
}

export const CURATED: CuratedDataset = { version: DATASET_VERSION, entities: ENTITIES, events: EVENTS, memberships: MEMBERSHIPS };

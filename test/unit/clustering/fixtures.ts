/**
 * Small articles written for these tests (fictional towns and people): three events, reported by
 * several outlets each, the way the seeds are: a wire copy under other furniture, a rewrite that
 * keeps the quotes, and an unrelated event sharing the same names weeks later.
 */
import type { ClusterInput } from '../../../lambdas/core/clustering/index.ts';

const TRAM_WIRE = `Harbourview city council on Tuesday approved a 14.2 kilometre extension of the tram line to the
eastern docks, ending a decade of argument over the route.
Mayor Elena Vasquez said the vote was "the biggest change to how people cross this city since the bridge opened".
The extension will cost $310 million and add nine stops between Quayside Market and the Saltmarsh depot.
Councillor Tomas Okafor, who led opposition to the plan, said residents of Fennel Street had been ignored.
"We asked for a tunnel and we were given a timetable," Okafor told the chamber before the vote passed 11 to 4.
Construction is due to start in March and the first trams should run to Saltmarsh by late 2028,
according to the transport authority, which will borrow part of the money from the regional bank.`;

const TRAM_REWRITE = `Trams will reach Harbourview's eastern docks after councillors backed a $310 million plan on Tuesday.
The 11 to 4 vote settles a ten-year dispute about where the line should run. Mayor Elena Vasquez called it
"the biggest change to how people cross this city since the bridge opened", while Tomas Okafor, the plan's
fiercest critic, complained that Fennel Street residents had been overlooked:
"We asked for a tunnel and we were given a timetable." Nine new stops will link Quayside Market with the Saltmarsh depot along 14.2 km of
track. Work begins in March; services to Saltmarsh are expected by the end of 2028.`;

const STORM = `Ferry crossings between Northpoint and the Gull Islands were suspended on Tuesday as Storm Imogen brought
gusts of 120 km/h to the coast. The operator, Bluewake Ferries, said all 38 sailings scheduled for the day were
cancelled and that passengers holding tickets could travel free on Thursday.
"Safety comes first and the sea state is simply beyond what our vessels are certified for," a Bluewake spokesperson said.
The coastguard reported waves of up to nine metres off Cape Tern. Schools on the Gull Islands closed early and
the island council opened the community hall in Port Sorrel for anyone left stranded overnight.`;

const STORM_REWRITE = `Storm Imogen halted every Bluewake Ferries sailing between Northpoint and the Gull Islands on Tuesday,
with 38 crossings cancelled as gusts hit 120 km/h. "Safety comes first and the sea state is simply beyond what
our vessels are certified for," the company said, adding that tickets would be honoured on Thursday. Waves
reached nine metres near Cape Tern, according to the coastguard. Port Sorrel's community hall was opened for
stranded travellers and island schools sent pupils home early.`;

/** Same council, same mayor, same tram line: a different event three weeks later. */
const BUDGET = `Harbourview Mayor Elena Vasquez on Monday ordered a review of the city's 2026 budget after the
transport authority warned that borrowing costs for the tram extension had risen.
Councillor Tomas Okafor said the review proved the council had rushed the decision.
"The numbers were never going to hold," Okafor said. Vasquez said libraries and street cleaning would be protected
and that the review would report to the council by the end of May. The city's finance director, Priya Raman,
will lead the review with two external auditors from the regional audit office.`;

const FURNITURE_A = `Subscribe to our newsletter
Home | News | Sport | Weather
`;
const FURNITURE_A_TAIL = `
Related Articles
Harbourview library hours extended for the summer reading season across the city
Council elections: who is standing in the eastern wards this year and what they promise
Comments
Be the first to comment on this article and share it with your friends and family`;

const FURNITURE_B = `Menu
Log in
`;
const FURNITURE_B_TAIL = `
More from Coast Daily
Lifeboat volunteers honoured at the annual awards evening in Northpoint harbour town hall
Sign up for our morning briefing
Download the app`;

export const TUESDAY = '2026-03-10T09:00:00.000Z';
const LATER = '2026-03-31T09:00:00.000Z';

export interface FixtureItem extends ClusterInput {
  /** The event the item reports: items with the same event belong in one story. */
  event: 'tram' | 'storm' | 'budget';
}

function item(
  id: string,
  event: FixtureItem['event'],
  title: string,
  text: string,
  published: string,
  extra: Partial<ClusterInput> = {},
): FixtureItem {
  return { id, event, title, text, published, seenAt: published, ...extra };
}

export const ITEMS: FixtureItem[] = [
  item(
    'tram-wire',
    'tram',
    'Harbourview approves tram extension to eastern docks',
    `${FURNITURE_A}${TRAM_WIRE}${FURNITURE_A_TAIL}`,
    TUESDAY,
    { url: 'https://a.example/tram', source: 'a.example' },
  ),
  item(
    'tram-syndicated',
    'tram',
    'Council backs tram line to the docks',
    `${FURNITURE_B}${TRAM_WIRE}${FURNITURE_B_TAIL}`,
    '2026-03-10T11:30:00.000Z',
    { url: 'https://b.example/news/tram', source: 'b.example' },
  ),
  item(
    'tram-rewrite',
    'tram',
    "Trams to reach Harbourview's docks after $310m vote",
    TRAM_REWRITE,
    '2026-03-10T16:00:00.000Z',
  ),
  item('storm', 'storm', 'Storm Imogen suspends Gull Islands ferries', STORM, '2026-03-10T07:00:00.000Z'),
  item(
    'storm-rewrite',
    'storm',
    'All Bluewake sailings cancelled as Storm Imogen hits',
    STORM_REWRITE,
    '2026-03-10T10:00:00.000Z',
  ),
  item('budget', 'budget', 'Harbourview mayor orders budget review over tram costs', BUDGET, LATER),
];

export function byId(id: string): FixtureItem {
  const found = ITEMS.find((i) => i.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}

const MERGE_START = Date.parse('2026-03-10T12:00:00.000Z');

export function headline(id: string, title: string, minutes: number): ClusterInput {
  return { id, title, text: '', seenAt: new Date(MERGE_START + minutes * 60_000).toISOString() };
}

/** Two reports of one concert mishap that share no word, then two with the words of both. */
export const MERGING = [
  headline('a', 'Miley Cyrus performs in her underwear', 0),
  headline('b', 'Costume change mishap at Milwaukee concert', 1),
  headline('c', 'Miley Cyrus in underwear after costume change mishap at Milwaukee concert', 2),
  headline('e', 'Costume change mishap leaves Miley Cyrus in underwear at Milwaukee concert', 3),
] as const;

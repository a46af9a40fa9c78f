/**
 * Deterministic news for the load bench and its test: outlets, distinct stories and wire stories
 * carried by several outlets, every word generated here from this file's own vocabularies with a
 * seeded PRNG (no third-party text). Distinct stories get their own people, places, organisation,
 * sector and figures, so two of them share little beyond everyday words; the copies of a wire
 * story share their body and differ in headline wording and outlet furniture, as wire copies do.
 */
import { random } from '../../eval/lib/synthetic.ts';

export interface CorpusOptions {
  feeds: number;
  itemsPerFeed: number;
  wireStories: number;
  outletsPerWire: number;
  seed: number;
  /** Words of body text per item (about). */
  words?: number;
  /** Items are dated within the day before this instant (ms). */
  now?: number;
}

export interface CorpusItem {
  feedIndex: number;
  /** Path under the server's base URL, e.g. `/feed-03/larkspur-strike-ends-17`. */
  path: string;
  title: string;
  summary: string;
  paragraphs: string[];
  published: string;
  author: string;
  /** Ground truth: `wire-<k>` for the copies of wire story k, `story-<n>` for a distinct story. */
  story: string;
}

export interface Outlet {
  id: string;
  name: string;
}

export interface Corpus {
  outlets: Outlet[];
  /** Per feed, its items newest first. */
  feeds: CorpusItem[][];
  items: CorpusItem[];
}

const FIRST = (
  'Ada Alvar Amira Anselm Bettina Bruno Carys Casimir Dalia Dorian Edda Elio Fenna Florian Greta Gideon ' +
  'Hana Hugo Ilse Ivo Jana Joris Kaja Kasper Lena Linus Maren Matthias Nadia Nils Oda Otto Petra Pavel ' +
  'Quinn Rasmus Rhea Rufus Saskia Sven Tamsin Teodor Ulla Umar Vera Viktor Wanda Wilhelm Xenia Yannick ' +
  'Yara Zeno Zofia Aurel Brigid Cyril Delphine Emrys'
).split(' ');
const SURNAME_A =
  'Ald Bram Carr Dun Eber Falk Gar Hol Isen Jar Kell Lind Mor Nord Ost Pell Quar Rav Sel Tor Ulm Vell Wend Yar'.split(
    ' ',
  );
const SURNAME_B = 'berg ford mann strom wick holt dale ley son ner cott hart ridge well more ton'.split(' ');
const PLACE_A =
  'Ash Bel Brack Cald Crest Dorn Elm Fen Glen Hal Hollin Kest Lark Marl Nether Oak Pen Quill Rook Salt Stan Thorn Ure Vale Whit Wren Yew Brin Corr Dray Amber Birch Cole Dene Esk Gorse Heath Ivy Moss Sedge'.split(
    ' ',
  );
const PLACE_MID = ['', 'ing', 'er', 'en', 'ley', 'es', 'ham', 'by', 'al', 'ow'];
const PLACE_B = 'ford wick mouth bury haven stead moor field bridge port cliff hollow gate mere wood'.split(
  ' ',
);
const MASTHEAD =
  'Herald Gazette Courier Post Times Chronicle Observer Ledger Record Mercury Sentinel Tribune Echo Examiner Express Journal'.split(
    ' ',
  );

interface Sector {
  name: string;
  nouns: string[];
  groups: string[];
  bodies: string[];
  events: Array<[headline: string, noun: string]>;
}

const SECTORS: Sector[] = [
  {
    name: 'port',
    nouns: [
      'terminal',
      'berth',
      'quay',
      'crane',
      'container yard',
      'dredging work',
      'freight depot',
      'pilot boat',
      'breakwater',
      'lock gate',
    ],
    groups: ['dock workers', 'crane operators', 'harbour pilots', 'hauliers'],
    bodies: ['Harbour Authority', 'Port Board', 'Shipping Council'],
    events: [
      ['strike halts cargo at {place} terminal', 'strike'],
      ['{place} port expansion approved', 'expansion'],
      ['crane collapse closes {place} quay', 'collapse'],
    ],
  },
  {
    name: 'health',
    nouns: [
      'ward',
      'clinic',
      'operating theatre',
      'waiting list',
      'ambulance service',
      'maternity unit',
      'pharmacy',
      'screening programme',
      'night shift',
      'triage desk',
    ],
    groups: ['nurses', 'junior doctors', 'paramedics', 'hospital porters'],
    bodies: ['Health Trust', 'Hospital Board', 'Care Commission'],
    events: [
      ['{place} hospital suspends surgery after outbreak', 'outbreak'],
      ['nurses in {place} vote on walkout', 'ballot'],
      ['new clinic opens in {place}', 'opening'],
    ],
  },
  {
    name: 'courts',
    nouns: [
      'appeal',
      'verdict',
      'injunction',
      'witness statement',
      'hearing',
      'sentence',
      'tribunal',
      'settlement',
      'jury',
      'contempt motion',
    ],
    groups: ['lawyers', 'defendants', 'claimants', 'court clerks'],
    bodies: ['District Court', 'Appeals Tribunal', 'Legal Aid Office'],
    events: [
      ['judge blocks {place} demolition order', 'injunction'],
      ['{place} fraud trial opens', 'trial'],
      ['court clears {place} councillor', 'acquittal'],
    ],
  },
  {
    name: 'energy',
    nouns: [
      'wind farm',
      'substation',
      'turbine',
      'grid connection',
      'gas pipeline',
      'solar park',
      'battery store',
      'meter',
      'transmission line',
      'heat network',
    ],
    groups: ['engineers', 'households', 'grid operators', 'installers'],
    bodies: ['Power Company', 'Energy Regulator', 'Grid Cooperative'],
    events: [
      ['blackout hits {place} for second night', 'blackout'],
      ['{place} wind farm wins approval', 'approval'],
      ['pipeline leak forces {place} evacuation', 'leak'],
    ],
  },
  {
    name: 'rail',
    nouns: [
      'signal box',
      'timetable',
      'branch line',
      'level crossing',
      'platform',
      'rolling stock',
      'depot',
      'viaduct',
      'season ticket',
      'freight path',
    ],
    groups: ['train drivers', 'signallers', 'commuters', 'conductors'],
    bodies: ['Rail Company', 'Transport Board', 'Passenger Council'],
    events: [
      ['{place} line reopens after landslip', 'landslip'],
      ['train drivers at {place} depot strike', 'walkout'],
      ['derailment closes {place} viaduct', 'derailment'],
    ],
  },
  {
    name: 'schools',
    nouns: [
      'classroom',
      'exam board',
      'school roof',
      'catchment area',
      'curriculum',
      'playground',
      'boarding house',
      'inspection report',
      'free meal scheme',
      'music department',
    ],
    groups: ['teachers', 'parents', 'pupils', 'governors'],
    bodies: ['Education Authority', 'Schools Trust', 'Exam Council'],
    events: [
      ['{place} school closed over unsafe roof', 'closure'],
      ['inspectors fail {place} academy', 'inspection'],
      ['{place} teachers win pay deal', 'pay deal'],
    ],
  },
  {
    name: 'farming',
    nouns: [
      'harvest',
      'grain store',
      'dairy herd',
      'orchard',
      'irrigation scheme',
      'livestock market',
      'fertiliser price',
      'hedgerow grant',
      'milk price',
      'sheep flock',
    ],
    groups: ['farmers', 'growers', 'vets', 'seasonal pickers'],
    bodies: ['Farmers Union', 'Agriculture Board', 'Land Trust'],
    events: [
      ['drought cuts {place} harvest', 'drought'],
      ['disease found in {place} dairy herd', 'disease'],
      ['{place} farmers block roads over prices', 'protest'],
    ],
  },
  {
    name: 'fisheries',
    nouns: [
      'quota',
      'trawler',
      'fish market',
      'spawning ground',
      'net ban',
      'landing fee',
      'cold store',
      'oyster bed',
      'licence',
      'patrol vessel',
    ],
    groups: ['fishermen', 'skippers', 'fish merchants', 'deckhands'],
    bodies: ['Fisheries Agency', 'Marine Council', 'Fleet Association'],
    events: [
      ['{place} trawler missing in storm', 'search'],
      ['quota cut angers {place} fleet', 'quota cut'],
      ['{place} oyster beds closed after spill', 'spill'],
    ],
  },
  {
    name: 'housing',
    nouns: [
      'tower block',
      'rent cap',
      'building site',
      'planning permit',
      'social housing list',
      'cladding',
      'eviction notice',
      'mortgage rate',
      'housing estate',
      'heating system',
    ],
    groups: ['tenants', 'builders', 'landlords', 'residents'],
    bodies: ['Housing Association', 'Planning Committee', 'Tenants Board'],
    events: [
      ['{place} tower block evacuated', 'evacuation'],
      ['rent strike spreads in {place}', 'rent strike'],
      ['{place} estate rebuild approved', 'rebuild'],
    ],
  },
  {
    name: 'aviation',
    nouns: [
      'runway',
      'control tower',
      'departure lounge',
      'baggage hall',
      'flight path',
      'cargo apron',
      'security lane',
      'landing slot',
      'de-icing crew',
      'terminal gate',
    ],
    groups: ['pilots', 'air traffic controllers', 'baggage handlers', 'cabin crew'],
    bodies: ['Airport Operator', 'Aviation Authority', 'Airline Council'],
    events: [
      ['fog grounds flights at {place} airport', 'grounding'],
      ['{place} runway extension rejected', 'rejection'],
      ['controllers at {place} walk out', 'stoppage'],
    ],
  },
  {
    name: 'water',
    nouns: [
      'reservoir',
      'treatment works',
      'sewer outfall',
      'hosepipe ban',
      'water main',
      'flood barrier',
      'pumping station',
      'river gauge',
      'bathing water',
      'leak repair',
    ],
    groups: ['engineers', 'anglers', 'swimmers', 'households'],
    bodies: ['Water Company', 'River Authority', 'Flood Agency'],
    events: [
      ['{place} river bursts its banks', 'flood'],
      ['sewage spill closes {place} beach', 'spill'],
      ['hosepipe ban for {place}', 'ban'],
    ],
  },
  {
    name: 'mining',
    nouns: [
      'pit',
      'shaft',
      'quarry',
      'slag heap',
      'ore train',
      'ventilation fan',
      'blasting permit',
      'tailings dam',
      'seam',
      'winding gear',
    ],
    groups: ['miners', 'quarry workers', 'geologists', 'rescue teams'],
    bodies: ['Mining Company', 'Mines Inspectorate', 'Quarry Board'],
    events: [
      ['{place} miners trapped after roof fall', 'rescue'],
      ['{place} quarry plan draws protest', 'objection'],
      ['tailings dam cracks near {place}', 'crack'],
    ],
  },
];

/** Things a story can be about, whatever its sector: each story draws its own few. */
const TOPIC = (
  'bridge tunnel bypass roundabout library swimming pool market hall bus station car park town hall ' +
  'cemetery museum theatre stadium marina lighthouse footpath cycle lane tram line ferry route ' +
  'warehouse bakery brewery sawmill paper mill glassworks tannery shipyard foundry creamery ' +
  'observatory zoo aquarium botanic garden allotments orchard vineyard salt marsh nature reserve dune ' +
  'sea wall canal towpath weir mill race water tower fire station police station courthouse prison ' +
  'barracks airfield helipad radio mast data centre call centre printing works cannery distillery ' +
  'cold store abattoir recycling plant incinerator landfill compost site solar roof heat pump ' +
  'bus fleet ambulance fleet school bus route night bus snow plough gritting lorry street lights ' +
  'parking meters speed cameras toll booth weighbridge signal gantry level crossing foot bridge ' +
  'pier bandstand skate park ice rink ski lift cable car funicular chairlift boathouse rowing club'
)
  .split(' ')
  .reduce<string[]>((out, w, i, all) => {
    // Two-word names are written with a space in the list above: join known pairs back up.
    const pairs = new Set([
      'swimming',
      'market',
      'bus',
      'car',
      'town',
      'cycle',
      'tram',
      'ferry',
      'paper',
      'botanic',
      'salt',
      'nature',
      'sea',
      'canal',
      'mill',
      'water',
      'fire',
      'police',
      'radio',
      'data',
      'call',
      'printing',
      'cold',
      'recycling',
      'compost',
      'solar',
      'heat',
      'ambulance',
      'school',
      'night',
      'snow',
      'gritting',
      'street',
      'parking',
      'speed',
      'toll',
      'signal',
      'level',
      'foot',
      'skate',
      'ice',
      'ski',
      'cable',
      'rowing',
    ]);
    const prev = all[i - 1];
    if (prev !== undefined && pairs.has(prev) && out[out.length - 1] === prev)
      out[out.length - 1] = `${prev} ${w}`;
    else out.push(w);
    return out;
  }, []);
const EVENT = [
  'strike',
  'closure',
  'expansion',
  'sale',
  'fire',
  'flood',
  'audit',
  'inquiry',
  'walkout',
  'rebuild',
  'shutdown',
  'takeover',
  'lawsuit',
  'blockade',
  'recall',
  'refit',
  'collapse',
  'break-in',
  'protest',
  'ballot',
  'fraud case',
  'pay dispute',
  'power cut',
  'gas leak',
  'price rise',
  'rent rise',
  'data breach',
  'subsidence',
  'outbreak',
  'relaunch',
];
const SAY_HEADLINE = [
  'speaks out',
  'says sorry',
  'stands firm',
  'steps down',
  'vows inquiry',
  'blames council',
];
const HEADLINE_VERB = [
  'reject',
  'back',
  'fight',
  'win',
  'lose',
  'challenge',
  'approve',
  'delay',
  'block',
  'rescue',
  'sell',
  'shut',
  'reopen',
  'fund',
  'question',
];
const PLAN = [
  'plan',
  'deal',
  'scheme',
  'bid',
  'review',
  'contract',
  'budget',
  'ban',
  'ruling',
  'sale',
  'lease',
  'survey',
];
const SAY = [
  'said',
  'told reporters',
  'confirmed',
  'warned',
  'insisted',
  'acknowledged',
  'wrote in a statement',
  'told a public meeting',
];
const ACTION = [
  'approved',
  'delayed',
  'rejected',
  'inspected',
  'reopened',
  'suspended',
  'funded',
  'questioned',
  'reviewed',
  'extended',
  'cancelled',
  'defended',
  'audited',
  'criticised',
  'postponed',
  'expanded',
];
const ADJ = [
  'damaged',
  'overdue',
  'disputed',
  'temporary',
  'new',
  'ageing',
  'crowded',
  'costly',
  'revised',
  'partial',
  'unused',
  'flooded',
  'rebuilt',
  'neglected',
  'contested',
  'delayed',
];
const WHEN = [
  'on Monday',
  'on Tuesday',
  'on Wednesday',
  'on Thursday',
  'on Friday',
  'overnight',
  'late on Sunday',
  'early on Saturday',
  'this morning',
  'last week',
];
const CAUSE = [
  'a shortage of staff',
  'a funding gap',
  'heavy rain',
  'a safety inspection',
  'an anonymous complaint',
  'a software fault',
  'a contract dispute',
  'a change of ownership',
  'rising costs',
  'a court order',
];
const ROLE = [
  'chair of the',
  'spokesperson for the',
  'director of the',
  'treasurer of the',
  'head of operations at the',
  'a senior official at the',
];
const UNIT = [
  'jobs',
  'households',
  'tonnes',
  'passengers',
  'families',
  'vehicles',
  'beds',
  'hectares',
  'shifts',
  'complaints',
];
const FURNITURE_TOP = [
  (o: string) => `${o} — wire report, edited by our news desk.`,
  (o: string) => `Listen to this article. Produced by ${o} with agency copy.`,
  (o: string) => `Sign up for the ${o} morning briefing to get stories like this first.`,
  (o: string) => `This article from our partners appears in ${o} under licence.`,
];
const FURNITURE_END = [
  (o: string) => `Follow ${o} for updates on this story.`,
  (o: string) => `Copyright ${o}. All rights reserved.`,
  (o: string) => `Got a tip about this story? Write to the ${o} newsroom.`,
  (o: string) => `More from ${o}: regional news, sport and weather.`,
];

type Rnd = () => number;
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Event {
  sector: Sector;
  place: string;
  region: string;
  body: string;
  people: string[];
  figures: number[];
  year: number;
  eventNoun: string;
  /** The story's own subjects: three of anything, and four of its sector's. */
  topics: string[];
  sectorNouns: string[];
  headline: string;
}

function person(rnd: Rnd): string {
  return `${pick(rnd, FIRST)} ${pick(rnd, SURNAME_A)}${pick(rnd, SURNAME_B)}`;
}
function place(rnd: Rnd): string {
  return `${pick(rnd, PLACE_A)}${pick(rnd, PLACE_MID)}${pick(rnd, PLACE_B)}`;
}

/** Draws until `draw` gives something not in `used` (then adds it): no two stories share it. */
function fresh(rnd: Rnd, used: Set<string>, draw: (rnd: Rnd) => string): string {
  for (;;) {
    const value = draw(rnd);
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

/** An event with its own place, district and people: no other event of the corpus names them. */
function makeEvent(rnd: Rnd, used: Set<string>): Event {
  const sector = pick(rnd, SECTORS);
  const where = fresh(rnd, used, place);
  const topics = Array.from({ length: 3 }, () => pick(rnd, TOPIC));
  const eventNoun = pick(rnd, EVENT);
  const people = Array.from({ length: 4 }, () => fresh(rnd, used, person));
  const surname = (people[0] ?? '').split(' ')[1] ?? '';
  const topic = topics[0] ?? '';
  const headline = pick(rnd, [
    () => `${where} ${pick(rnd, sector.groups)} ${pick(rnd, HEADLINE_VERB)} ${topic} ${pick(rnd, PLAN)}`,
    () => `${surname} to ${pick(rnd, HEADLINE_VERB)} ${where} ${topic} ${pick(rnd, PLAN)}`,
    () => `${capitalise(eventNoun)} at ${where} ${topic} hits ${pick(rnd, sector.groups)}`,
    () => `${where} ${topic} ${eventNoun}: ${surname} ${pick(rnd, SAY_HEADLINE)}`,
  ])();
  return {
    sector,
    place: where,
    region: `${fresh(rnd, used, place)} district`,
    body: `${where} ${pick(rnd, sector.bodies)}`,
    people,
    figures: Array.from({ length: 5 }, () => 12 + Math.floor(rnd() * 9_000)),
    year: 1950 + Math.floor(rnd() * 70),
    eventNoun,
    topics,
    sectorNouns: Array.from({ length: 4 }, () => pick(rnd, sector.nouns)),
    headline: capitalise(headline),
  };
}

function sentence(e: Event, rnd: Rnd): string {
  // Half the time one of the story's own subjects, else one of its sector's.
  const noun = () => (rnd() < 0.5 ? pick(rnd, e.topics) : pick(rnd, e.sectorNouns));
  const who = () => {
    const r = rnd();
    if (r < 0.35) return pick(rnd, e.people);
    if (r < 0.55) return `the ${e.body}`;
    if (r < 0.75) return `${pick(rnd, e.sector.groups)} in ${e.place}`;
    return `officials in the ${e.region}`;
  };
  const fig = () => pick(rnd, e.figures).toLocaleString('en-GB');
  switch (Math.floor(rnd() * 9)) {
    case 0:
      return `${capitalise(who())} ${pick(rnd, SAY)} ${pick(rnd, WHEN)} that the ${pick(rnd, ADJ)} ${noun()} would be ${pick(rnd, ACTION)} because of ${pick(rnd, CAUSE)}.`;
    case 1:
      return `About ${fig()} ${pick(rnd, UNIT)} are affected by the ${e.eventNoun} in ${e.place}, according to figures from the ${e.body}.`;
    case 2:
      return `${pick(rnd, e.people)}, ${pick(rnd, ROLE)} ${e.body}, ${pick(rnd, SAY)} the ${noun()} had not been ${pick(rnd, ACTION)} since ${e.year}.`;
    case 3:
      return `The ${e.eventNoun} follows ${pick(rnd, CAUSE)} at the ${noun()} near ${e.place}, where ${pick(rnd, e.sector.groups)} had ${pick(rnd, ACTION)} the ${pick(rnd, ADJ)} ${noun()}.`;
    case 4:
      return `"We ${pick(rnd, ACTION)} the ${noun()} and we will not accept ${pick(rnd, CAUSE)}," ${pick(rnd, e.people)} ${pick(rnd, SAY)}.`;
    case 5:
      return `A budget of ${fig()} thousand for the ${noun()} was ${pick(rnd, ACTION)} by the ${e.body} ${pick(rnd, WHEN)}.`;
    case 6:
      return `Residents of the ${e.region} ${pick(rnd, SAY)} the ${pick(rnd, ADJ)} ${noun()} and the ${noun()} had worried them since ${e.year}.`;
    case 7:
      return `${capitalise(who())} ${pick(rnd, ACTION)} a plan for the ${noun()}, which ${pick(rnd, e.people)} said would cost ${fig()} thousand.`;
    default:
      return `The ${e.body} expects a decision on the ${pick(rnd, ADJ)} ${noun()} ${pick(rnd, WHEN).replace('on ', 'by next ')}, with ${fig()} ${pick(rnd, UNIT)} waiting.`;
  }
}

function body(e: Event, rnd: Rnd, words: number): string[] {
  const paragraphs: string[] = [];
  let count = 0;
  const lead = `${e.people[0]} ${pick(rnd, SAY)} ${pick(rnd, WHEN)} that the ${e.eventNoun} in ${e.place} had left ${e.figures[0]?.toLocaleString('en-GB')} ${pick(rnd, UNIT)} waiting for the ${pick(rnd, e.sectorNouns)}.`;
  let paragraph = [lead];
  while (count < words) {
    const s = sentence(e, rnd);
    paragraph.push(s);
    count += s.split(' ').length;
    if (paragraph.length >= 3 + Math.floor(rnd() * 3)) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  if (paragraph.length) paragraphs.push(paragraph.join(' '));
  return paragraphs;
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The headline as one outlet runs a wire story: same event, small wording changes. */
function wireHeadline(headline: string, copy: number, outlet: string): string {
  switch (copy % 4) {
    case 0:
      return headline;
    case 1:
      return `UPDATE 1-${headline}`;
    case 2:
      return `${headline} | ${outlet}`;
    default:
      return `${headline}, officials say`;
  }
}

/** The whole corpus for `opts`: deterministic for a seed (and `now`). */
export function makeCorpus(opts: CorpusOptions): Corpus {
  const { feeds, itemsPerFeed, wireStories, outletsPerWire, seed } = opts;
  const words = opts.words ?? 800;
  const now = opts.now ?? Date.now();
  if (outletsPerWire > feeds) throw new RangeError('outletsPerWire must not exceed feeds');
  if (wireStories * outletsPerWire > feeds * itemsPerFeed)
    throw new RangeError('more wire copies than item slots');
  const rnd = random(seed);
  const used = new Set<string>();
  const names = new Set<string>();
  const outlets: Outlet[] = [];
  while (outlets.length < feeds) {
    const name = `${fresh(rnd, used, place)} ${pick(rnd, MASTHEAD)}`;
    if (names.has(name)) continue;
    names.add(name);
    outlets.push({ id: `feed-${String(outlets.length).padStart(2, '0')}`, name });
  }
  const perFeed: CorpusItem[][] = outlets.map(() => []);
  const dayMs = 86_400_000;
  const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  // Wire story k goes to feeds k*o .. k*o+o-1 (mod feeds): distinct feeds, spread evenly.
  for (let k = 0; k < wireStories; k++) {
    const e = makeEvent(rnd, used);
    const paragraphs = body(e, rnd, words);
    const time = now - dayMs * (0.05 + 0.9 * rnd());
    for (let j = 0; j < outletsPerWire; j++) {
      const feedIndex = (k * outletsPerWire + j) % feeds;
      const outlet = outlets[feedIndex] as Outlet;
      const title = wireHeadline(e.headline, j, outlet.name);
      const copy = [
        (FURNITURE_TOP[j % FURNITURE_TOP.length] as (o: string) => string)(outlet.name),
        ...paragraphs,
        (FURNITURE_END[(j + k) % FURNITURE_END.length] as (o: string) => string)(outlet.name),
      ];
      perFeed[feedIndex]?.push({
        feedIndex,
        path: `/${outlet.id}/${slug(e.headline)}-w${k}`,
        title,
        summary: paragraphs[0]?.split('. ')[0] ?? '',
        paragraphs: copy,
        published: at(time + j * 7 * 60_000),
        author: j % 2 === 0 ? 'Wire staff' : `${person(rnd)} and agencies`,
        story: `wire-${k}`,
      });
    }
  }
  let n = 0;
  perFeed.forEach((items, feedIndex) => {
    const outlet = outlets[feedIndex] as Outlet;
    while (items.length < itemsPerFeed) {
      const e = makeEvent(rnd, used);
      const paragraphs = body(e, rnd, words);
      items.push({
        feedIndex,
        path: `/${outlet.id}/${slug(e.headline)}-s${n}`,
        title: e.headline,
        summary: paragraphs[0]?.split('. ')[0] ?? '',
        paragraphs,
        published: at(now - dayMs * (0.02 + 0.95 * rnd())),
        author: person(rnd),
        story: `story-${n}`,
      });
      n++;
    }
    items.sort((a, b) => (a.published < b.published ? 1 : -1));
  });
  return { outlets, feeds: perFeed, items: perFeed.flat() };
}

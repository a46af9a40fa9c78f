/**
 * English function words, plus the verbs and fillers every news report uses ("said",
 * "reported"): they say nothing about which event a report covers. Document frequencies would
 * learn this too, but only after many documents; the list makes the first few comparisons sound.
 */
const ENGLISH = `a about above after again against all almost along already also although always am among an and another any
  anyone anything are around as at away back be became because become been before being below between both but by
  can cannot could did do does doing done down during each either else enough even ever every few for from further
  get gets getting got had has have having he her here hers herself him himself his how however i if in into is it
  its itself just least less let like made make many may me might more most much must my myself near neither never
  no nor not now of off often on once one only or other others our ours ourselves out over own per perhaps quite
  rather really same several shall she should since so some something still such than that the their theirs them
  themselves then there these they this those though through thus to too toward towards under until up upon us very
  via was we well were what whatever when where whether which while who whom whose why will with within without
  would yet you your yours yourself yourselves
  say said says saying told tell tells according report reports reported reporting news newsletter article story
  stories update updated updates new year years week weeks day days today yesterday tomorrow time times mr mrs ms dr
  monday tuesday wednesday thursday friday saturday sunday percent cent
  s t don didn doesn isn wasn aren weren won wouldn couldn shouldn hasn haven hadn ain mustn needn ll ve re d m`;

/**
 * Function words of the other languages most often met in Latin script (German, French, Spanish,
 * Italian, Portuguese, Dutch): without them two unrelated articles in one language share "der",
 * "und", "que" as if those were what the events have in common. Left out where the spelling is
 * an English word or name news turns on: war, man, die, son, come, hat, mit (MIT), als (ALS), da
 * (DA), un (UN), van, door, dan, met, plus (Disney Plus), ed (Ed Sheeran).
 */
const OTHER_LANGUAGES = `der das den dem des ein eine einen einem einer eines und oder aber nicht auch noch nur
  schon mehr sich ist sind wird werden wurde wurden kann auf aus bei nach vor von zu zum zur für über um im es sie er
  wir ich ihr wie dass
  le les une du et est en que qui dans pas sur au aux avec ce cette ces il elle ils elles nous vous ne se sa ses
  leur leurs par mais ou où été être sont ont comme aussi tout tous très pour
  de el la los las una unos unas del al por para con su sus es lo como más pero sin sobre este esta ha han fue ser muy
  también entre cuando hasta desde porque les ni nos
  il gli uno di tra fra che non della dei delle alla nel nella sono hanno anche più ma questo questa
  os um uma dos das em na nas ao mais mas foi são tem seu sua não
  het een op te dat niet voor zijn aan ook bij om maar naar uit nog wordt werd heeft hebben ze hij zij wij je`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  `${ENGLISH} ${OTHER_LANGUAGES}`.split(/\s+/).filter(Boolean),
);

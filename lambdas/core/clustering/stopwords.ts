/**
 * Function words, plus the verbs and fillers every news report uses ("said", "reported"): they
 * say nothing about which event a report covers. Document frequencies would learn this too, but
 * only after many documents; the list makes the first few comparisons sound.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost along already also although always am among an and another any
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
  s t don didn doesn isn wasn aren weren won wouldn couldn shouldn hasn haven hadn ain mustn needn ll ve re d m`
    .split(/\s+/)
    .filter(Boolean),
);

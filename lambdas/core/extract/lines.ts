/**
 * Lines of extracted text that are page chrome wherever they appear: ad slugs, share bars,
 * date and byline stamps, photo credits, gallery controls, "see more" promotions. Only short
 * lines are tested, so a paragraph of the article is never dropped for how it starts.
 */
const SHORT_LINE_MAX = 150;
const CAPTION_MAX = 300;

const SHORT_FURNITURE: RegExp[] = [
  /^(advertisement|advertising|sponsored( content)?|skip (advertisement|ad)|story continues below( advertisement)?|continue reading( below)?|scroll to continue with content)$/i,
  /^share( this( article| story)?)?( on)?( (facebook|twitter|whatsapp|email))*:?$/i,
  /^((whatsapp|facebook|twitter|linkedin|pinterest|pint|email|e-mail|print|reddit|copy link|baixar)\s*)+$/i,
  /^click to share\b/i,
  /\bclick(ing)? here\b/i,
  /^follow @?[\w.]+ on (twitter|facebook|instagram|x)\b/i,
  /^(caption|close|sign in|log in|breaking news|menu|search|home|don'?t miss|see also|more)$/i,
  /^(see more|read more|also read|read also|related|don'?t miss|must read|more)\s*[:|]/i,
  /^(photo|photograph|image|picture|credit|foto)s?\s*:/i,
  /^©/,
  /^(image|photo|slide)\s+\d+\s+of\s*\/?\s*\d*$/i,
  /^[Bb]y\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3}(\s*([-|,•]|and\s).*)?$/u,
];

/** Stamps like "Updated Nov 19, 6:55 AM" or "Published 1 day ago": a date word, then a time, a date or "ago". */
const DATE_STAMP = /^\|?\s*(published|updated|posted|last updated|first published)\b/i;
const DATE_STAMP_DETAIL =
  /\b(\d{1,2}:\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|ago|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b/i;

/** A caption ends with its credit: "(Image: GETTY)", "(AP Photo/Jane Doe)". Agencies are matched
 * case-sensitively and with "Photo" or a slash, so "(EPA)" after a name stays prose. */
const CAPTION_CREDIT = [
  /\(\s*(image|photo|picture|credit)s?\s*:[^)]{0,80}\)$/i,
  /\((AP|AFP|EPA|Reuters|Getty Images|Bloomberg)( Photo)?\s*\/[^)]{1,80}\)$/,
  /\((AP|AFP|EPA|Reuters|Bloomberg) Photo\)$/,
];

/** Credits and calls to action that close an article: who reported it, what to sign up for. */
const CLOSING_LINES = [
  /^\(?(reporting|writing|editing|additional reporting|compiled) by\b/i,
  /\bcontributed (to )?this (report|story)\.?\)?$/i,
  /^if you (enjoyed|liked) this (article|story)\b/i,
];

const SIGN_UP = /\b(sign up|subscribe)\b.*\bnewsletters?\b|\bnewsletters?\b.*\b(sign up|subscribe)\b/i;

export function isFurnitureLine(raw: string): boolean {
  const line = raw.trim();
  if (line.length <= CAPTION_MAX && CAPTION_CREDIT.some((pattern) => pattern.test(line))) return true;
  if (line.length <= CAPTION_MAX && CLOSING_LINES.some((pattern) => pattern.test(line))) return true;
  if (line.length <= SHORT_LINE_MAX && SIGN_UP.test(line)) return true;
  if (line.length > SHORT_LINE_MAX) return false;
  if (DATE_STAMP.test(line) && DATE_STAMP_DETAIL.test(line)) return true;
  return SHORT_FURNITURE.some((pattern) => pattern.test(line));
}

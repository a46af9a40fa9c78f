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
  // The same furniture on sites in other languages: ad slugs, share bars, "read also" links,
  // photo credits, copyright lines, bylines (山田太郎記者, 김민수 기자, 【责任编辑：李华】, بقلم).
  /^(anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|реклама|إعلان|広告|广告|광고|pr)$/iu,
  /^(teilen|partager|compartir|condividi|compartilhar|delen|поделиться|شارك|シェア|分享到|공유하기)\s*[:：]?/iu,
  /^(à lire aussi|lire aussi|lesen sie auch|mehr zum thema|lee también|leggi anche|leia também|lees ook|читайте также|اقرأ أيضا|関連記事|相关阅读|相关新闻|관련\s?기사)\s*[:：]/iu,
  /^(foto|photo|bild|الصورة|写真|撮影|图片来源|图|사진)\s*[:：=]/iu,
  /^[<＜]?\s*저작권자|무단\s?전재|版权所有|未经授权|無断転載|転載を禁|جميع الحقوق محفوظة|tous droits réservés|alle rechte vorbehalten/iu,
  /^[【[(（]?\s*(责任编辑|编辑|作者|记者)\s*[:：][^】\])）]{1,20}[】\])）]?$/u,
  /^[（(][\p{Script=Han}\p{Script=Katakana}・\s]{2,12}[）)]$/u,
  /^[\p{Script=Han}\p{Script=Katakana}]{2,8}\s?(記者|特派員)$/u,
  /^[\p{Script=Hangul}]{2,4}\s?(기자|특파원)(\s+\S+@\S+)?$/u,
  /^(von|par|por|di|door|بقلم)\s+\p{Lu}?[\p{L}.'’-]+(\s+\p{L}[\p{L}.'’-]*){0,3}$/u,
];

/** Stamps like "Updated Nov 19, 6:55 AM" or "Published 1 day ago": a date word, then a time, a date or "ago". */
const DATE_STAMP =
  /^\|?\s*(published|updated|posted|last updated|first published|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|опубликовано|обновлено|نشر في|تاريخ النشر|発行|更新|公開|配信|发布时间|发布|입력|수정|\d{4}[-年.]\d{1,2}[-月.]\d{1,2}日?\s+\d{1,2}[:時]\d{2})/iu;
const DATE_STAMP_DETAIL =
  /(\d{1,2}:\d{2}|\d{1,2}時\d{2}分|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\bago\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/i;

/** A caption ends with its credit: "(Image: GETTY)", "(AP Photo/Jane Doe)". Agencies are matched
 * case-sensitively and with "Photo" or a slash, so "(EPA)" after a name stays prose. */
const CAPTION_CREDIT = [
  /\(\s*(image|photo|picture|credit)s?\s*:[^)]{0,80}\)$/i,
  /[（(]\s*(写真|撮影|图片来源|图|사진|foto|photo)\s*[:：=][^）)]{1,80}[）)]$/iu,
  /(写真|撮影|图片来源|사진)\s*[:：=]\s*[^\s。.][^。.]{0,60}$/u,
  /\((AP|AFP|EPA|Reuters|Getty Images|Bloomberg)( Photo)?\s*\/[^)]{1,80}\)$/,
  /\((AP|AFP|EPA|Reuters|Bloomberg) Photo\)$/,
];

/** Credits and calls to action that close an article: who reported it, what to sign up for. */
const CLOSING_LINES = [
  /^\(?(reporting|writing|editing|additional reporting|compiled) by\b/i,
  /\bcontributed (to )?this (report|story)\.?\)?$/i,
  /^if you (enjoyed|liked) this (article|story)\b/i,
  // A news agency's slug with the editor's initials: "(dpa/as)", "(AFP)", "(ANSA)".
  /^\((dpa|afp|ap|apa|reuters|sda|epd|kna|sid|ansa|efe|lusa|anp|belga|tass|kyodo|jiji|yonhap)(\/[\p{L}\s,.-]{1,20})*\)$/iu,
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

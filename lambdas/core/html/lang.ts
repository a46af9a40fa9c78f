/**
 * Markup for text in the language of its item, on the reading page and in alert emails: `lang`
 * lets the browser pick the right glyphs (the same Han character is drawn differently in Japanese
 * and Chinese) and fonts, and `dir="auto"` lays Arabic and Hebrew out right to left inside
 * English chrome.
 */
import { escapeHtml } from './escape.ts';

/** ` lang="ja" dir="auto"`, or ` dir="auto"` when the language is not known. */
export function textAttributes(lang: string | undefined): string {
  return lang ? ` lang="${escapeHtml(lang)}" dir="auto"` : ' dir="auto"';
}

/** The language's English name ("Japanese"), or the code when ICU has none. */
export function languageName(lang: string): string {
  return new Intl.DisplayNames('en', { type: 'language', fallback: 'code' }).of(lang) ?? lang;
}

/**
 * Fonts that cover each script a news item comes in, after the system font, which often covers
 * only Latin: each platform's own CJK and Arabic fonts, then Noto for the rest.
 */
export const SCRIPT_FONT_RULES = `
:lang(ja) { font-family: system-ui, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", sans-serif; }
:lang(zh) { font-family: system-ui, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
:lang(ko) { font-family: system-ui, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", "Noto Sans KR", sans-serif; }
:lang(ar), :lang(fa), :lang(ur) { font-family: "Geeza Pro", "Segoe UI", Tahoma, "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif; }
:lang(he) { font-family: "Arial Hebrew", "Segoe UI", "Noto Sans Hebrew", sans-serif; }
:lang(th) { font-family: Thonburi, "Leelawadee UI", Tahoma, "Noto Sans Thai", sans-serif; }`;

/**
 * HTML built so that escaping cannot be forgotten: every value interpolated into `html` is
 * escaped unless it is already `Html`, so a feed's title or link can never become markup.
 */

import { escapeHtml } from '../html/escape.ts';
import { textAttributes } from '../html/lang.ts';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | undefined | null | false | readonly Value[];

function render(value: Value): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, s, i) => out + render(values[i - 1] as Value) + s));
}

/** A link to a page of this site: the path's parts encoded, the query string built from `params`. */
export function sitePath(parts: readonly string[], params: Record<string, string | undefined> = {}): string {
  const path = `/${parts.map(encodeURIComponent).join('/')}`;
  const query = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();
  return query ? `${path}?${query}` : path;
}

/** Attributes for an item's own words (its headline, lead, snippet): its language, and its direction. */
export function itemText(lang: string | undefined): Html {
  return new Html(textAttributes(lang));
}

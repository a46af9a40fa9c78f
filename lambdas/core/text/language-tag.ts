/**
 * Language tags as feeds and pages write them. A module of its own so that reading a tag does not
 * bundle the language model (language.ts) into a function that never detects.
 */

/** The primary language subtag of a BCP 47 tag ("en-US" → "en"), or undefined. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/**
 * What leaves the extractor is text for people, search and email: no NUL (DynamoDB and many
 * tools stop at it), no control characters but line breaks and tabs, no lone UTF-16 surrogates
 * (invalid Unicode that breaks JSON and UTF-8 encoders downstream).
 */

// Control characters (C0, DEL, C1) but \t and \n (\r goes too: lines end in \n here), and, with
// the u flag, surrogates that are not half of a pair.
const UNWANTED = /[^\P{Cc}\t\n]|\p{Cs}/gu;

export function sanitiseText(text: string): string {
  return text.replace(UNWANTED, '');
}

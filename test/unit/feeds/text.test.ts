import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../lambdas/core/feeds/text.ts';

describe('htmlToText', () => {
  it('strips tags, decodes entities and keeps block breaks as newlines', () => {
    expect(htmlToText('<p>Hello&nbsp;<b>world</b> &amp; co</p><p>Second<br/>line</p>')).toBe(
      'Hello world & co\nSecond\nline',
    );
  });

  it('drops scripts, styles and comments entirely', () => {
    expect(
      htmlToText('<style>p{}</style><p>Kept</p><script>var x = "<p>no</p>";</script><!-- hidden -->'),
    ).toBe('Kept');
  });

  it('handes ">" inside attribute values and a bare "<"', () => {
    expect(htmlToText('<a title="a > b" href="/x">link</a> 5 < 6')).toBe('link 5 < 6');
  });

  it('decodes numeric and named entities, including legacy ones without a semicolon', () => {
    expect(htmlToText('&#8220;Quote&#x201D; &eacute;t&eacute; &copy 2025')).toBe('“Quote” été © 2025');
  });

  it('collapses whitespace and blank lines', () => {
    expect(htmlToText('  a \t b\n\n\n  c  ')).toBe('a b\nc');
    expect(htmlToText('<div><div>  </div><p>x</p></div>')).toBe('x');
  });

  it('returns plain text unchanged apart from whitespace', () => {
    expect(htmlToText('Just text, 100% plain')).toBe('Just text, 100% plain');
  });

  it('drops an unclosed script to the end, as a browser does', () => {
    expect(htmlToText('<p>Kept</p><script>never closed <p>hidden</p>')).toBe('Kept');
    expect(htmlToText('<p>a</p><SCRIPT type="x">1</Script ><p>b</p>')).toBe('a\nb');
  });

  // Each input repeats an unterminated construct tens of thousands of times. A pattern that rescans
  // to the end from every '<' would take minutes here; these finish well inside the test timeout.
  it.each([
    ['unclosed scripts', '<script>'.repeat(40_000), ''],
    ['unclosed comments', '<!-- x'.repeat(40_000), ''],
    ['unclosed CDATA', '<![CDATA[ x'.repeat(40_000), ''],
    ['tags without an end', `${'<a '.repeat(60_000)}end`, '<a '.repeat(60_000).trim().concat(' end')],
  ])('handles %s', (_case, input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });
});

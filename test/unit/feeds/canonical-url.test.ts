import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../lambdas/core/feeds/canonical-url.ts';

describe('canonicalUrl', () => {
  it.each([
    ['tracking parameters', 'https://ex.com/a?utm_source=rss&utm_medium=feed&id=5', 'https://ex.com/a?id=5'],
    ['click ids', 'https://ex.com/a?fbclid=X1&gclid=Y2&msclkid=Z3', 'https://ex.com/a'],
    ['mailchimp ids', 'https://ex.com/a?mc_cid=1&mc_eid=2&page=2', 'https://ex.com/a?page=2'],
    ['upper-case tracking names', 'https://ex.com/a?UTM_Campaign=x', 'https://ex.com/a'],
    ['fragment', 'https://ex.com/a#comments', 'https://ex.com/a'],
    ['host case', 'https://NEWS.Example.COM/Path', 'https://news.example.com/Path'],
    ['default https port', 'https://ex.com:443/a', 'https://ex.com/a'],
    ['default http port', 'http://ex.com:80/a', 'http://ex.com/a'],
    ['non-default port kept', 'https://ex.com:8443/a', 'https://ex.com:8443/a'],
    ['trailing slash', 'https://ex.com/news/story/', 'https://ex.com/news/story'],
    ['root keeps its slash', 'https://ex.com', 'https://ex.com/'],
    ['AMP query flag', 'https://ex.com/story?amp=1', 'https://ex.com/story'],
    ['AMP trailing segment', 'https://ex.com/story/amp', 'https://ex.com/story'],
    ['AMP path segment', 'https://ex.com/amp/news/story', 'https://ex.com/news/story'],
    ['AMP subdomain', 'https://amp.ex.com/news/story', 'https://ex.com/news/story'],
    ['AMP file name', 'https://ex.com/news/story.amp.html', 'https://ex.com/news/story.html'],
    [
      'AMP cache',
      'https://www-ex-com.cdn.ampproject.org/c/s/www.ex.com/news/story',
      'https://www.ex.com/news/story',
    ],
    ['parameters sorted', 'https://ex.com/s?b=2&a=1', 'https://ex.com/s?a=1&b=2'],
    ['parameter encoding kept', 'https://ex.com/s?q=a%2Cb&tag=x+y', 'https://ex.com/s?q=a%2Cb&tag=x+y'],
    ['credentials dropped', 'https://user:pw@ex.com/a', 'https://ex.com/a'],
  ])('%s', (_case, input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('resolves relative links against a base', () => {
    expect(canonicalUrl('../b/c/?utm_source=x', 'https://ex.com/feeds/a/rss.xml')).toBe(
      'https://ex.com/feeds/b/c',
    );
    expect(canonicalUrl('//cdn.ex.com/x', 'https://ex.com/feed')).toBe('https://cdn.ex.com/x');
  });

  it('returns undefined for non-http URLs and junk', () => {
    expect(canonicalUrl('mailto:desk@ex.com')).toBeUndefined();
    expect(canonicalUrl('urn:uuid:1234')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
    expect(canonicalUrl('javascript:alert(1)', 'https://ex.com/')).toBeUndefined();
  });

  it('maps every AMP and tracking variant of one article to one URL', () => {
    const variants = [
      'https://www.ex.com/world/summit-ends/',
      'https://www.ex.com/world/summit-ends?utm_source=twitter',
      'https://www.ex.com/world/summit-ends/amp/',
      'https://www.ex.com/amp/world/summit-ends',
      'https://amp.www.ex.com/world/summit-ends',
      'https://WWW.EX.COM:443/world/summit-ends#top',
    ];
    expect(new Set(variants.map((v) => canonicalUrl(v)))).toEqual(
      new Set(['https://www.ex.com/world/summit-ends']),
    );
  });
});

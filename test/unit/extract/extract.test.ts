import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../lambdas/core/extract/index.ts';

// Invented article text, long enough for Readability to treat it as the main content.
const PARAGRAPHS = [
  'The harbour council of Lindqvist voted on Tuesday to rebuild the northern breakwater, ending a dispute that had stalled repairs for three winters.',
  'Council chair Maren Okafor said the vote was less about money and more about keeping the fishing fleet safe when the autumn storms arrive.',
  'Engineers estimate the work will take eighteen months and cost 4.2 million euros, most of it covered by a regional resilience fund approved last spring.',
  'Fishermen who had protested outside the town hall welcomed the decision but warned that the temporary moorings offered during construction are too exposed.',
  'The council will publish the construction schedule next month, after a final inspection of the old granite blocks by the coastal authority.',
];

function page(opts: {
  head?: string;
  before?: string;
  after?: string;
  articleClass?: string;
  lang?: string;
}): string {
  const paragraphs = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html${opts.lang ? ` lang="${opts.lang}"` : ''}><head><title>Lindqvist votes to rebuild breakwater | Harbour Post</title>${opts.head ?? ''}</head>
<body><header><a href="/">Harbour Post</a></header>
<div class="${opts.articleClass ?? 'story'}"><h1>Lindqvist votes to rebuild breakwater</h1>
${opts.before ?? ''}${paragraphs}${opts.after ?? ''}</div>
<footer>© Harbour Post. All rights reserved.</footer></body></html>`;
}

function expectWholeArticle(text: string): void {
  for (const paragraph of PARAGRAPHS) expect(text).toContain(paragraph);
}

describe('extractArticle: the text is sanitised at the boundary', () => {
  const paragraph = 'The council approved the harbour budget after a long debate on Monday night. ';
  it('drops NUL, control characters and lone surrogates, keeps line breaks, tabs and emoji', () => {
    const page = `<html><head><title>Vote\u0000 held</title></head><body><article>
      <p>${paragraph.repeat(3)}NUL\u0000 BEL\u0007 C1\u0085 lone\uD800 pair\uD83D\uDE00 tab\tend.</p>
      <p>${paragraph.repeat(3)}</p></article></body></html>`;
    const { text, title } = extractArticle(page);
    expect(text).toContain('NUL BEL C1 lone pair\uD83D\uDE00 tab end.');
    expect(text).not.toMatch(/[^\P{Cc}\t\n]|\p{Cs}/u);
    expect(text.split('\n')).toHaveLength(2);
    expect(title).toBe('Vote held');
  });
});

describe('extractArticle: main text', () => {
  it('keeps every paragraph, one per line', () => {
    const { text } = extractArticle(page({}));
    expectWholeArticle(text);
    expect(text).toContain(`${PARAGRAPHS[0]}\n${PARAGRAPHS[1]}`);
  });

  it('drops the tail furniture of a syndication template (hashtags, AI promo, comments, related)', () => {
    const after = `
      <p>Hashtags</p>
      <h3>Try Our AI Features</h3><p>Explore what our assistant can do for you:</p>
      <h3>Comments</h3><p>No comments yet...</p>
      <h3>Related Articles</h3>
      <div><p>Harbour Post</p><p>3 hours ago</p>
      <h4>Pentagon urges clarity on Taiwan role, report says</h4>
      <p>The Pentagon is urging allies to make clear the role they would play in the event of a conflict over Taiwan, a media report said on Saturday, with officials later appearing to confirm the push.</p></div>`;
    const { text } = extractArticle(page({ after }));
    expectWholeArticle(text);
    for (const furniture of [
      'Hashtags',
      'Try Our AI Features',
      'No comments yet',
      'Related Articles',
      'Taiwan',
    ]) {
      expect(text).not.toContain(furniture);
    }
  });

  it('drops related lists, newsletter boxes, app promotions, share bars and comment threads', () => {
    const before = '<div class="share-bar"><a href="#">Facebook</a><a href="#">Email this story</a></div>';
    const after = `
      <div class="newsletter-signup"><p>Get the Morning Tide newsletter in your inbox every weekday at six.</p></div>
      <div class="app-promo"><p>Read every story offline with the Harbour Post app for iPhone and Android.</p></div>
      <aside class="related-articles"><ul><li><a href="/a">Ferry strike enters its second week in the islands</a></li></ul></aside>
      <section id="comments"><p>Great news for the harbour, finally someone listened to the fishermen of this town.</p></section>`;
    const { text } = extractArticle(page({ before, after }));
    expectWholeArticle(text);
    for (const furniture of [
      'Email this story',
      'Morning Tide',
      'offline',
      'Ferry strike',
      'finally someone listened',
    ]) {
      expect(text).not.toContain(furniture);
    }
  });

  it('drops a teaser listing after "Want more stories like this?"', () => {
    const after = `<p>Want more stories like this?</p><p>Every day we send an email with the top stories.</p>
      <p>FAR OUT</p><p>The most remote lighthouses, mapped</p>
      <p>If you have ever sailed past a lighthouse at night, you have probably wondered who keeps it running through the winter storms.</p>
      <p>LIFE AT SEA</p><p>A week on a trawler</p>
      <p>Seven days, four storms and one broken winch: what it takes to bring the catch home to the harbour market.</p>`;
    const { text } = extractArticle(page({ after }));
    expectWholeArticle(text);
    for (const furniture of ['Want more stories', 'lighthouse', 'trawler', 'broken winch']) {
      expect(text).not.toContain(furniture);
    }
  });

  it('resumes the article after a boxed related-news list in the middle', () => {
    const half = PARAGRAPHS.slice(0, 2)
      .map((p) => `<p>${p}</p>`)
      .join('');
    const rest = PARAGRAPHS.slice(2)
      .map((p) => `<p>${p}</p>`)
      .join('');
    const html = `<html><body><div class="story"><h1>Breakwater</h1>${half}
      <div><h2>related news</h2><ul><li><a href="/x">Storm closes the coastal road for a second day</a></li>
      <li><a href="/y">Lighthouse keeper retires after forty years</a></li></ul></div>${rest}</div></body></html>`;
    const { text } = extractArticle(html);
    expectWholeArticle(text);
    expect(text).not.toContain('Storm closes');
    expect(text).not.toContain('related news');
  });

  it('keeps an article whose own wrapper has a furniture-like class', () => {
    const { text } = extractArticle(
      page({ articleClass: 'entry-content entry-content-read-more has-comments' }),
    );
    expectWholeArticle(text);
  });

  it('reads a page that has no <body> tag', () => {
    const html = `<html><head><title>Breakwater</title></head>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</html>`;
    expectWholeArticle(extractArticle(html).text);
  });

  it('falls back to the JSON-LD articleBody when the page is a script shell', () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Breakwater',
      articleBody: PARAGRAPHS.join('\n'),
    });
    const html = `<html><head><script type="application/ld+json">${ld}</script></head>
      <body><div id="app">Loading…</div><script src="/bundle.js"></script></body></html>`;
    expect(extractArticle(html).text).toBe(PARAGRAPHS.join('\n'));
  });

  it('prefers the visible article to the JSON-LD articleBody', () => {
    const ld = JSON.stringify({ '@type': 'NewsArticle', articleBody: `${PARAGRAPHS[0]} (publisher copy)` });
    const { text } = extractArticle(page({ head: `<script type="application/ld+json">${ld}</script>` }));
    expectWholeArticle(text);
    expect(text).not.toContain('publisher copy');
  });

  it('returns empty text for a page without an article', () => {
    expect(extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>').text).toBe('');
    expect(extractArticle('').text).toBe('');
  });
});

describe('extractArticle: metadata', () => {
  it('reads title, byline and published time from JSON-LD, converting the time to UTC', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Harbour Post' },
        {
          '@type': 'NewsArticle',
          headline: 'Lindqvist votes to rebuild breakwater',
          datePublished: '2025-07-11T18:30:00+09:00',
          author: [
            { '@type': 'Person', name: 'Ines Varga' },
            { '@type': 'Person', name: 'Tom Bell' },
          ],
        },
      ],
    });
    const result = extractArticle(
      page({ lang: 'en-GB', head: `<script type="application/ld+json">${ld}</script>` }),
    );
    expect(result.title).toBe('Lindqvist votes to rebuild breakwater');
    expect(result.byline).toBe('Ines Varga, Tom Bell');
    expect(result.published).toBe('2025-07-11T09:30:00.000Z');
    expect(result.lang).toBe('en-GB');
  });

  it('falls back to meta tags when the JSON-LD is broken', () => {
    const head = `<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
      <meta property="article:published_time" content="2025-06-21T07:05:00Z">
      <meta name="author" content="Ines Varga">`;
    const result = extractArticle(page({ head }));
    expect(result.published).toBe('2025-06-21T07:05:00.000Z');
    expect(result.byline).toBe('Ines Varga');
    expect(result.lang).toBeUndefined();
  });

  it('drops the "By" prefix from a byline', () => {
    const result = extractArticle(page({ head: '<meta name="author" content="By Ines Varga">' }));
    expect(result.byline).toBe('Ines Varga');
  });

  it('normalises the language tag and ignores an unparseable date', () => {
    const head = '<meta property="article:published_time" content="last Tuesday">';
    const result = extractArticle(page({ lang: 'PT_br', head }));
    expect(result.lang).toBe('pt-BR');
    expect(result.published).toBeUndefined();
  });
});

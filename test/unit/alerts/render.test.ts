import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../../lambdas/core/alerts/digest.ts';
import { highlightHtml } from '../../../lambdas/core/alerts/highlight.ts';
import { renderAlert } from '../../../lambdas/core/alerts/render.ts';
import type { AlertStory } from '../../../lambdas/core/alerts/story.ts';
import type { AlertIntent } from '../../../lambdas/core/model.ts';

const opts = { subjectPrefix: '[newswatch]' };

/** The intent was written when Metro Ledger's copy matched; the story credits the Herald. */
function intent(over: Partial<AlertIntent> = {}): AlertIntent {
  return {
    storyId: 'st-1',
    topic: 'Larkspur harbour',
    recipients: ['desk@example.com'],
    mode: 'instant',
    dueAt: '2026-10-20T13:05:00.000Z',
    headline: 'Judge pauses Larkspur works',
    outlet: 'Metro Ledger',
    url: 'https://ledger.example/judge',
    terms: ['larkspur', 'expansion'],
    snippet: 'A judge suspended the Larkspur expansion on Monday.',
    createdAt: '2026-10-20T13:05:00.000Z',
    status: 'pending',
    attempts: 0,
    ...over,
  };
}

function story(over: Partial<AlertStory> = {}): AlertStory {
  return {
    id: 'st-1',
    headline: 'Court halts Larkspur expansion over dredging permits',
    firstOutlet: 'Harbour Herald',
    firstPublished: '2026-10-20T08:15:00.000Z',
    firstSeen: '2026-10-20T13:01:00.000Z',
    copies: [
      {
        outlet: 'Harbour Herald',
        title: 'Court halts Larkspur expansion over dredging permits',
        url: 'https://herald.example/court',
        published: '2026-10-20T08:15:00.000Z',
      },
      {
        outlet: 'Northern Wire',
        title: 'Larkspur expansion halted by court',
        url: 'https://wire.example/court',
        published: '2026-10-20T10:40:00.000Z',
      },
      {
        outlet: 'Metro Ledger',
        title: 'Judge pauses Larkspur works',
        url: 'https://ledger.example/judge',
        published: '2026-10-20T13:00:00.000Z',
      },
    ],
    ...over,
  };
}

describe('renderAlert', () => {
  it("names the topic and the story's headline in the subject, not the matching copy's", () => {
    const mail = renderAlert(intent(), story(), opts);
    expect(mail.subject).toBe(
      '[newswatch] Larkspur harbour: Court halts Larkspur expansion over dredging permits',
    );
    expect(mail.to).toEqual(['desk@example.com']);
  });

  it('never sends an empty headline or a subject ending in ":"', () => {
    const untitled = story({ headline: ' \n ', copies: [{ outlet: 'Harbour Herald', title: '' }] });
    const mail = renderAlert(intent(), untitled, opts);
    expect(mail.subject).toBe('[newswatch] Larkspur harbour: Untitled report from Harbour Herald');
    expect(renderAlert(intent(), untitled, { subjectPrefix: '' }).subject).toBe(
      'Larkspur harbour: Untitled report from Harbour Herald',
    );
    expect(mail.html).toContain('<h1 dir="auto">Untitled report from Harbour Herald</h1>');
    expect(mail.html).toContain('(untitled)');
  });

  it('credits the first reporter with its publish time and lists every outlet earliest first', () => {
    const mail = renderAlert(intent(), story(), opts);
    expect(mail.text).toContain('First reported by Harbour Herald, published 2026-10-20 08:15 UTC');
    expect(mail.text).toContain('Carried by 3 outlets so far, earliest first:');
    const lines = mail.text.split('\n');
    const at = (s: string) => lines.indexOf(s);
    expect(at('1. Harbour Herald · 2026-10-20 08:15 UTC')).toBeGreaterThan(0);
    expect(at('2. Northern Wire · 2026-10-20 10:40 UTC')).toBe(
      at('1. Harbour Herald · 2026-10-20 08:15 UTC') + 3,
    );
    expect(lines).toContain('   https://ledger.example/judge');
    const hrefs = [...mail.html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(hrefs).toEqual([
      ['https://herald.example/court', 'Court halts Larkspur expansion over dredging permits'],
      ['https://wire.example/court', 'Larkspur expansion halted by court'],
      ['https://ledger.example/judge', 'Judge pauses Larkspur works'],
    ]);
  });

  it("says why it matched: the terms, and the matching copy's snippet with the terms marked", () => {
    const mail = renderAlert(intent(), story(), opts);
    expect(mail.text).toContain("Terms: larkspur, expansion · in Metro Ledger's copy");
    expect(mail.text).toContain('"A judge suspended the *Larkspur* *expansion* on Monday."');
    expect(mail.html).toContain(
      'A judge suspended the <mark>Larkspur</mark> <mark>expansion</mark> on Monday.',
    );
  });

  it('gives the story id, and a link to the story page only when a base URL is configured', () => {
    const plain = renderAlert(intent(), story(), opts);
    expect(plain.text).toContain('Story id: st-1');
    expect(plain.text).not.toContain('Story page');
    const linked = renderAlert(intent(), story(), { ...opts, storyBaseUrl: 'https://news.example/desk/' });
    expect(linked.text).toContain('Story page: https://news.example/desk/stories/st-1');
    expect(linked.html).toContain('<a href="https://news.example/desk/stories/st-1">Open the story page</a>');
  });

  it("draws the story's spread as a table of outlets by time, the delay after the first in words", () => {
    const mail = renderAlert(intent(), story(), opts);
    expect(mail.text).toContain(
      [
        'How it spread (4 h 45 min from first to last):',
        '  first          Harbour Herald',
        '  +2 h 25 min    Northern Wire',
        '  +4 h 45 min    Metro Ledger',
      ].join('\n'),
    );
    const rows = [
      ...mail.html.matchAll(
        /<tr><th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>([^<]+)<\/td><td[^>]*><span style="[^"]*width:(\d+)%[^"]*"><\/span><br>([^<]+)<\/td><\/tr>/g,
      ),
    ];
    expect(rows.map((m) => m.slice(1))).toEqual([
      ['Harbour Herald', '2026-10-20 08:15 UTC', '2', 'first'],
      ['Northern Wire', '2026-10-20 10:40 UTC', '51', '+2 h 25 min'],
      ['Metro Ledger', '2026-10-20 13:00 UTC', '100', '+4 h 45 min'],
    ]);
  });

  it('leaves the spread out for a single copy, and escapes outlets in it', () => {
    const single = story({ copies: story().copies.slice(0, 1) });
    expect(renderAlert(intent(), single, opts).html).not.toContain('How it spread');
    const hostile = '<b onmouseover=alert(1)>Evil</b>';
    const copies = story().copies.map((c, i) => (i === 1 ? { ...c, outlet: hostile } : c));
    const { html } = renderAlert(intent(), story({ copies }), opts);
    expect(html).toContain(
      '<th scope="row" style="text-align:left;padding:4px 8px 4px 0;font-weight:600">&#60;b onmouseover=alert(1)&#62;Evil&#60;/b&#62;</th>',
    );
    expect(html).not.toMatch(/<b /);
  });

  it("links the story's page and the topic's page, and says why this reader got it and how to stop", () => {
    const base = { ...opts, storyBaseUrl: 'https://news.example/desk' };
    const mail = renderAlert(intent({ topic: 'Larkspur & <harbour>' }), story(), base);
    const topicUrl = 'https://news.example/desk/topics/Larkspur%20%26%20%3Charbour%3E';
    expect(mail.text).toContain(`Topic page: ${topicUrl}`);
    expect(mail.html).toContain(`<a href="${topicUrl}">All stories of Larkspur &#38; &#60;harbour&#62;</a>`);
    const why =
      'You get this because desk@example.com is a recipient of the topic "Larkspur & <harbour>" in ' +
      "newswatch's configuration file.";
    expect(mail.text).toContain(why);
    expect(mail.text).toContain("To stop, remove the address from that topic's recipients");
    expect(mail.html).toContain(
      'a recipient of the topic &#34;Larkspur &#38; &#60;harbour&#62;&#34; in newswatch&#39;s configuration file.',
    );
    const two = renderAlert(intent({ recipients: ['a@example.com', 'b@example.com'] }), story(), opts);
    expect(two.text).toContain('You get this because your address is a recipient of the topic');
  });

  it('is a self-contained page for phones and dark mode: no scripts, no remote images', () => {
    const { html } = renderAlert(intent(), story(), opts);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('@media (prefers-color-scheme:dark)');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|src=|url\(/i);
  });

  it('escapes hostile feed strings everywhere and never turns a javascript: URL into a link', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'`';
    const mail = renderAlert(
      intent({ topic: 'T<u>', outlet: hostile, snippet: `${hostile} larkspur`, terms: ['<i>', 'larkspur'] }),
      story({
        headline: hostile,
        firstOutlet: hostile,
        copies: [
          { outlet: hostile, title: hostile, url: 'javascript:alert(document.cookie)' },
          { outlet: 'B', title: 'b', url: 'JaVaScRiPt:alert(1)' },
          { outlet: 'C', title: 'c', url: 'data:text/html,<script>alert(1)</script>' },
          { outlet: 'D', title: 'd', url: 'https://d.example/"onmouseover="alert(1)' },
        ],
      }),
      opts,
    );
    // Escaped, an attribute is text a reader sees; only a raw tag could carry one.
    expect(mail.html).not.toMatch(/<script|<img|<u>|<i>|javascript:|data:text/i);
    expect(mail.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect([...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'https://d.example/%22onmouseover=%22alert(1)',
    ]);
    expect(mail.text).not.toContain('javascript:');
  });

  it("marks the story's own words with its language and lays right-to-left scripts out right", () => {
    const japanese = story({
      lang: 'ja',
      headline: '港見市議会、路面電車の東部延伸を可決',
      copies: [{ outlet: '港見新聞', title: '港見市議会、路面電車の東部延伸を可決', lang: 'ja' }],
    });
    const mail = renderAlert(
      intent({ snippet: '路面電車を東部の埠頭地区まで延伸する', terms: ['路面 電車'] }),
      japanese,
      opts,
    );
    expect(mail.html).toContain('<h1 lang="ja" dir="auto">港見市議会、路面電車の東部延伸を可決</h1>');
    expect(mail.html).toContain('<p lang="ja" dir="auto"><mark>路面電車</mark>を東部');
    expect(mail.html).toContain('<span lang="ja" dir="auto">港見市議会');
    expect(mail.html).toMatch(/:lang\(ja\) \{ font-family: [^}]*"Noto Sans CJK JP"/);
  });

  it("marks the words a topic word matched by stem in the story's language, in both parts", () => {
    const german = story({
      lang: 'de',
      headline: 'Präsidenten treffen sich in Larkspur',
      copies: [{ outlet: 'Hafenblatt', title: 'Präsidenten treffen sich in Larkspur', lang: 'de' }],
    });
    const mail = renderAlert(
      intent({ snippet: 'Die Präsidenten beider Häfen trafen sich', terms: ['präsident'] }),
      german,
      opts,
    );
    expect(mail.html).toContain('<p lang="de" dir="auto">Die <mark>Präsidenten</mark> beider');
    expect(mail.text).toContain('"Die *Präsidenten* beider');
  });

  it('keeps line breaks out of the subject so a feed cannot add mail headers', () => {
    const mail = renderAlert(intent(), story({ headline: 'Hello\r\nBcc: victim@example.com' }), opts);
    expect(mail.subject).toBe('[newswatch] Larkspur harbour: Hello Bcc: victim@example.com');
  });

  it('bounds the subject length', () => {
    const mail = renderAlert(intent(), story({ headline: 'x'.repeat(1000) }), opts);
    expect(mail.subject.length).toBeLessThanOrEqual(180);
    expect(mail.subject.endsWith('…')).toBe(true);
  });
});

describe('renderDigest', () => {
  const digest = { mode: 'digest hourly' as const };
  const older = story({ id: 'old', headline: 'Older story', firstPublished: '2026-10-20T08:00:00.000Z' });
  const newer = story({
    id: 'new',
    headline: 'Newer story',
    firstPublished: '2026-10-20T09:00:00.000Z',
    copies: [{ outlet: 'Coastal Daily', title: 'Newer story', url: 'https://coastal.example/n' }],
  });

  it('lists stories, not copies, newest first, each with its outlet count', () => {
    const mail = renderDigest(
      [
        { intent: intent({ ...digest, storyId: 'old' }), story: older },
        { intent: intent({ ...digest, storyId: 'new' }), story: newer },
        // A story merged into another after both matched: one entry.
        { intent: intent({ ...digest, storyId: 'merged-away' }), story: older },
      ],
      opts,
    );
    expect(mail.subject).toBe('[newswatch] Larkspur harbour: 2 new stories (hourly digest)');
    expect(mail.text.indexOf('• Newer story')).toBeLessThan(mail.text.indexOf('• Older story'));
    expect(mail.text).toContain('1 outlet (Coastal Daily)');
    expect(mail.text).toContain(
      '3 outlets (Harbour Herald, Northern Wire, Metro Ledger) · first: Harbour Herald',
    );
    expect(mail.html.match(/<li>/g)).toHaveLength(2);
    expect(mail.html).toContain('<a href="https://coastal.example/n">Newer story</a>');
  });

  it("links the topic's page and says why this reader got the digest", () => {
    const mail = renderDigest([{ intent: intent(digest), story: older }], {
      ...opts,
      storyBaseUrl: 'http://127.0.0.1:8780/',
    });
    expect(mail.text).toContain('Topic page: http://127.0.0.1:8780/topics/Larkspur%20harbour');
    expect(mail.text).toContain('  Story page: http://127.0.0.1:8780/stories/old');
    expect(mail.html).toContain(
      '<a href="http://127.0.0.1:8780/topics/Larkspur%20harbour">All stories of Larkspur harbour</a>',
    );
    expect(mail.html).toContain('You get this because desk@example.com is a recipient of the topic');
  });

  it('says "1 new story"', () => {
    const mail = renderDigest([{ intent: intent(digest), story: older }], opts);
    expect(mail.subject).toBe('[newswatch] Larkspur harbour: 1 new story (hourly digest)');
  });
});

describe('highlighting the matched terms', () => {
  it('marks words without regard to case or accents, phrases as one run, and prefixes', () => {
    expect(highlightHtml('Défense budget: the DEFENCE minister', ['defense', 'defen*'])).toBe(
      '<mark>Défense</mark> budget: the <mark>DEFENCE</mark> minister',
    );
    expect(highlightHtml('the Larkspur terminal <b>', ['"larkspur terminal"', 'title:poll'])).toBe(
      'the <mark>Larkspur terminal</mark> &#60;b&#62;',
    );
  });
});

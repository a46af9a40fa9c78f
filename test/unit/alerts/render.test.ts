import { describe, expect, it } from 'vitest';
import { renderAlert } from '../../../lambdas/core/alerts/render.ts';
import type { AlertIntent } from '../../../lambdas/core/model.ts';

function intent(over: Partial<AlertIntent> = {}): AlertIntent {
  return {
    storyId: 'st-1',
    topic: 'Japan defense spending',
    recipients: ['desk@example.com'],
    mode: 'instant',
    dueAt: '2026-11-20T09:59:00.000Z',
    headline: 'Japan raises defense budget',
    outlet: 'The Japan Times',
    url: 'https://example.com/a',
    terms: ['japan', 'defense'],
    snippet: 'Japan said on Friday it would raise its defense budget.',
    createdAt: '2026-11-20T10:00:00.000Z',
    status: 'pending',
    attempts: 0,
    ...over,
  };
}

describe('renderAlert', () => {
  it('names the topic, headline, outlet, link and matched terms', () => {
    const mail = renderAlert(intent(), '[newswatch]');
    expect(mail.subject).toBe('[newswatch] Japan defense spending: Japan raises defense budget');
    expect(mail.to).toEqual(['desk@example.com']);
    expect(mail.text).toContain('First reported by: The Japan Times');
    expect(mail.text).toContain('Link: https://example.com/a');
    expect(mail.text).toContain('Matched: japan, defense');
    expect(mail.html).toContain('<a href="https://example.com/a">Japan raises defense budget</a>');
  });

  it('escapes markup from the feed in every field of the HTML body', () => {
    const mail = renderAlert(
      intent({
        headline: '<script>alert(1)</script>',
        outlet: '<img src=x onerror=alert(2)>',
        snippet: '"quoted" & <b>bold</b>',
        terms: ['<i>'],
        topic: 'T<u>',
      }),
      '[nw]',
    );
    expect(mail.html).not.toMatch(/<script|<img|<b>|<i>|<u>/);
    expect(mail.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(mail.html).toContain('&#34;quoted&#34; &#38; &#60;b&#62;bold&#60;/b&#62;');
  });

  it('drops links that are not http(s)', () => {
    const mail = renderAlert(intent({ url: 'javascript:alert(1)' }), '[nw]');
    expect(mail.html).not.toContain('javascript:');
    expect(mail.html).not.toContain('<a ');
    expect(mail.text).not.toContain('Link:');
  });

  it('keeps line breaks out of the subject so a feed cannot add mail headers', () => {
    const mail = renderAlert(intent({ headline: 'Hello\r\nBcc: victim@example.com' }), '[nw]');
    expect(mail.subject).toBe('[nw] Japan defense spending: Hello Bcc: victim@example.com');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('bounds the subject length', () => {
    const mail = renderAlert(intent({ headline: 'x'.repeat(1000) }), '[nw]');
    expect(mail.subject.length).toBeLessThanOrEqual(180);
    expect(mail.subject.endsWith('…')).toBe(true);
  });
});

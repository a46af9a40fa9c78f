/** Local delivery keeps one copy per email id: a send retried after a stopped run replaces it. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailMessage, Mailer } from '../../../lambdas/core/ports.ts';
import { createMailFolder } from '../../../lambdas/local/mail-folder.ts';

const message = (id: string, subject: string): EmailMessage => ({
  id,
  to: ['desk@example.com'],
  subject,
  text: `${subject} text`,
  html: `<p>${subject}</p>`,
});

describe('the local mail folder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves each email once per id, under a name the saved-mail listing reads', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-mail-'));
    const accepted: string[] = [];
    const ses: Mailer = {
      send: async (m) => {
        accepted.push(m.id);
        return { messageId: `m-${accepted.length}` };
      },
    };
    const folder = createMailFolder(dir, ses, () => new Date('2026-11-10T10:00:00.000Z'));
    await folder.send(message('alert:st_1:Harbour', 'first'));
    await folder.send(message('alert:st_2:Harbour', 'second'));
    // The same alert again (its sender stopped before marking it sent): the copy is replaced.
    const retried = createMailFolder(dir, ses, () => new Date('2026-11-10T10:05:00.000Z'));
    await retried.send(message('alert:st_1:Harbour', 'first, again'));
    expect(accepted).toEqual(['alert:st_1:Harbour', 'alert:st_2:Harbour', 'alert:st_1:Harbour']);
    const html = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(html).toHaveLength(2);
    for (const f of html) expect(f).toMatch(/^2026-11-10T10-00-00-000Z-\d+\.html$/);
    const texts = html.map(
      (f) => readFileSync(join(dir, f.replace(/\.html$/, '.txt')), 'utf8').split('\n')[1],
    );
    expect(texts.sort()).toEqual(['Subject: first, again', 'Subject: second']);
    expect(retried.takeSaved().map((s) => s.message.subject)).toEqual(['first, again']);
  });

  it('replaces the copy a stopped run had only begun to write', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-mail-'));
    const ses: Mailer = { send: async () => ({ messageId: 'm' }) };
    await createMailFolder(dir, ses, () => new Date('2026-11-10T10:00:00.000Z')).send(
      message('alert:st_1:T', 'a'),
    );
    const [html] = readdirSync(dir).filter((f) => f.endsWith('.html'));
    rmSync(join(dir, html ?? ''));
    await createMailFolder(dir, ses, () => new Date('2026-11-10T11:00:00.000Z')).send(
      message('alert:st_1:T', 'a'),
    );
    expect(readdirSync(dir).sort()).toEqual([html, html?.replace(/\.html$/, '.txt')].sort());
  });

  it('saves nothing when the mail service refuses the email', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-mail-'));
    const folder = createMailFolder(dir, {
      send: async () => {
        throw new Error('refused');
      },
    });
    await expect(folder.send(message('alert:st_1:Harbour', 'x'))).rejects.toThrow('refused');
    expect(readdirSync(dir)).toEqual([]);
  });
});

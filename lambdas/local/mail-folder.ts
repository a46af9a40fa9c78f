/**
 * Local delivery: every email the SES stand-in accepts is also saved in `.newswatch/mail/`, one
 * file per email id (EmailMessage.id), so a send retried after a stopped run replaces its copy
 * instead of adding one. The files are what a local run delivered: the stand-in's own store dies
 * with the process.
 */
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmailMessage, Mailer } from '../core/ports.ts';

export interface SavedMail {
  message: EmailMessage;
  /** The HTML file. */
  file: string;
}

export interface MailFolder extends Mailer {
  /** What was saved since the last call, oldest first. */
  takeSaved(): SavedMail[];
}

/** FNV-1a of the id, as the file name's number: the saved-mail listing reads `<time>-<number>.html`. */
function idNumber(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return String(h);
}

/** Writes aside and renames: a stop mid-write leaves the previous copy or none, never half a mail. */
function writeWhole(path: string, body: string): void {
  writeFileSync(`${path}.tmp`, body);
  renameSync(`${path}.tmp`, path);
}

export function createMailFolder(dir: string, inner: Mailer, now: () => Date = () => new Date()): MailFolder {
  let saved: SavedMail[] = [];
  return {
    async send(message) {
      const out = await inner.send(message);
      mkdirSync(dir, { recursive: true });
      const suffix = `-${idNumber(message.id)}`;
      // Either file of an earlier copy: a stop between writing the two left only the first.
      const existing = readdirSync(dir).find(
        (f) => f.endsWith(`${suffix}.html`) || f.endsWith(`${suffix}.txt`),
      );
      const base = existing
        ? join(dir, existing.replace(/\.(html|txt)$/, ''))
        : join(dir, `${now().toISOString().replace(/[:.]/g, '-')}${suffix}`);
      writeWhole(
        `${base}.txt`,
        `To: ${message.to.join(', ')}\nSubject: ${message.subject}\n\n${message.text}`,
      );
      writeWhole(`${base}.html`, message.html);
      saved = [...saved.filter((s) => s.file !== `${base}.html`), { message, file: `${base}.html` }];
      return out;
    },
    takeSaved() {
      const out = saved;
      saved = [];
      return out;
    },
  };
}

/**
 * The alert emails `newswatch run` saved in `.newswatch/mail/`, for the local page: they outlive
 * the SES stand-in, whose viewer forgets them when the run stops.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';

export interface SavedEmail {
  name: string;
  /** When the run that sent it started. */
  sentAt?: string;
  /** From the text copy's header lines, when it has them. */
  subject?: string;
  to?: string;
  /** Recipients and subject, or the email's words with the markup dropped. */
  preview: string;
}

/** `2026-12-02T08-03-14-619Z-1.html`: the run's start time with ':' and '.' made file-safe. */
const FILE_NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-\d+\.html$/;
const PREVIEW_CHARS = 300;

function words(html: string): string {
  const text = decodeHTML(html.replace(/<(style|head|script)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
}

/**
 * `newswatch run` saves a text copy that opens with To: and Subject: lines; for an email saved
 * without one, its words.
 */
function preview(mailDir: string, name: string): Pick<SavedEmail, 'subject' | 'to' | 'preview'> {
  let header: string;
  try {
    [header = ''] = readFileSync(join(mailDir, name.replace(/\.html$/, '.txt')), 'utf8').split('\n\n');
  } catch {
    return { preview: words(readSavedEmail(mailDir, name) ?? '') };
  }
  const lines = header.split('\n');
  const field = (key: string) => lines.find((l) => l.startsWith(`${key}: `))?.slice(key.length + 2);
  const [subject, to] = [field('Subject'), field('To')];
  return { ...(subject && { subject }), ...(to && { to }), preview: lines.join(' · ') };
}

/** Newest first; a folder that does not exist yet holds no email. */
export function listSavedEmails(mailDir: string): SavedEmail[] {
  let names: string[];
  try {
    names = readdirSync(mailDir).filter((n) => FILE_NAME.test(n));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((name) => {
      const [, day, h, m, s, ms] = FILE_NAME.exec(name) ?? [];
      return {
        name,
        sentAt: `${day}T${h}:${m}:${s}.${ms}Z`,
        ...preview(mailDir, name),
      };
    });
}

/** Only names this folder's listing could produce, so a request cannot walk out of it. */
export function readSavedEmail(mailDir: string, name: string): string | undefined {
  if (!FILE_NAME.test(name)) return undefined;
  try {
    return readFileSync(join(mailDir, name), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The saved email as the local page shows it: as sent, with one line above it leading back to
 * the list (the page opens it whole, so without this the reader is stranded in it).
 */
export function withWayBack(email: string): string {
  const back =
    '<p style="margin:0;padding:8px 16px;font:16px/1.5 system-ui,sans-serif;background:#ffffff;border-bottom:1px solid #767676"><a href="/emails" style="color:#0b57d0">← All alert emails</a></p>';
  const body = /<body[^>]*>/i.exec(email);
  if (!body) return back + email;
  const at = body.index + body[0].length;
  return email.slice(0, at) + back + email.slice(at);
}

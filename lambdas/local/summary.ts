/** The readable report `newswatch run` prints after each run. */
import type { AdmitOutcome } from '../core/pipeline/admit.ts';
import type { AssignedItem } from '../core/stage/stage.ts';
import type { RunResult } from './run.ts';

type NewItem = AssignedItem;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** "3 article page(s) not used (2 interstitial, 1 http-status), summary kept". */
function pageErrorLine(errors: ReadonlyArray<{ kind: string }>): string {
  const byKind = new Map<string, number>();
  for (const e of errors) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => `${n} ${kind}`).join(', ');
  return `${errors.length} article page(s) not used (${kinds}), summary kept`;
}

function feedLines(result: RunResult): string[] {
  return result.reports.map((r) => {
    const count = (kind: AdmitOutcome['kind']) => r.items.filter((i) => i.kind === kind).length;
    const detail = r.error
      ? `${r.error.kind}: ${r.error.message}`
      : `${count('queued')} new, ${count('seen')} seen, ${count('edited')} edited`;
    const pages = r.pageErrors.length ? `; ${pageErrorLine(r.pageErrors)}` : '';
    return `  ${pad(r.feedId, 18)} ${pad(r.outcome, 13)} ${detail}${pages}`;
  });
}

function storyLines(items: NewItem[]): string[] {
  const byStory = new Map<string, NewItem[]>();
  for (const item of items) byStory.set(item.story.id, [...(byStory.get(item.story.id) ?? []), item]);
  const lines: string[] = [];
  for (const [storyId, members] of byStory) {
    // Members arrive in order: the snapshot with the most members is the latest.
    const story = members.reduce<NewItem['story'] | undefined>(
      (best, m) => (best && best.memberCount >= m.story.memberCount ? best : m.story),
      undefined,
    );
    if (!story) continue;
    lines.push(`  ● ${story.headline}`);
    lines.push(`    story ${storyId} · ${story.outletCount} outlet(s): ${story.outlets.join(', ')}`);
    for (const m of members) {
      const how = m.membership.isNew
        ? 'started the story'
        : `${m.membership.method} ${m.membership.score.toFixed(2)}`;
      lines.push(`      - ${m.outlet}: ${m.title}  [${how}]`);
    }
  }
  return lines;
}

/** Where to read the stories: the page this process serves, or the command that serves it. */
export type PageHint = { url: string } | { command: string; port: number };

function pageLine(page: PageHint): string {
  return 'url' in page
    ? `Stories: ${page.url}`
    : `Read the stories on a page: ${page.command} (then open http://127.0.0.1:${page.port}/)`;
}

export function formatSummary(result: RunResult, configPath: string, page: PageHint): string {
  const items = result.reports.flatMap((r) => r.items);
  const fresh = result.assigned;
  const seen = items.filter((i) => i.kind === 'seen').length;
  const edited = items.filter((i) => i.kind === 'edited').length;
  const failed = result.reports.filter((r) => r.error).length;
  const topicCounts = new Map<string, Set<string>>();
  for (const item of fresh) {
    for (const hit of item.hits)
      topicCounts.set(hit.topic, (topicCounts.get(hit.topic) ?? new Set()).add(item.story.id));
  }
  const lines = [
    `newswatch run · ${result.startedAt} · ${configPath}`,
    '',
    `Feeds: ${result.reports.length} polled, ${failed} failed`,
    ...feedLines(result),
    '',
    `Items: ${fresh.length} new, ${seen} seen, ${edited} edited`,
    '',
    `Stories touched by new items: ${new Set(fresh.map((i) => i.story.id)).size}`,
    ...storyLines(fresh),
    '',
    topicCounts.size === 0 ? 'Topics matched: none' : 'Topics matched:',
    ...[...topicCounts].map(([topic, stories]) => `  ${pad(topic, 24)} ${stories.size} story(ies)`),
    '',
    `Alerts sent: ${result.emails.length}`,
    ...result.emails.flatMap((e, i) => [
      `  → ${e.to.join(', ')}: ${e.subject}`,
      `    ${result.mailFiles[i]}`,
    ]),
    `Every mail sent by local runs, newest first: ${result.mailIndex}`,
  ];
  if (result.failedFeedMessages > 0)
    lines.push('', `Feed messages that failed and would be retried: ${result.failedFeedMessages}`);
  lines.push('', pageLine(page));
  return lines.join('\n');
}

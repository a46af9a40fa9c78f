import { describe, expect, it } from 'vitest';
import { isFurnitureLine } from '../../../lambdas/core/extract/lines.ts';

describe('isFurnitureLine', () => {
  it.each([
    'Advertisement',
    'Story continues below advertisement',
    'Share this article',
    'Facebook Twitter Email',
    'Whatsapp Facebook Pint Baixar',
    'Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM',
    '| UPDATED: 11:05, Tue, Nov 19, 2019',
    'Published 1 day ago',
    'By Ines Varga',
    'By Ines Varga - 11/18/19 11:04 PM EST',
    'Photo: Lena Holm / Harbour Post',
    '© Lena Holm',
    'Image 1 of 9',
    'SEE MORE: Ferry strike enters its second week',
    'READ MORE ON HARBOUR POST BY CLICKING HERE',
    'The old pier after the October storm (Image: GETTY )',
    'A crane lifts granite blocks in Lindqvist on Monday. (AP Photo/Lena Holm)',
    '(Reporting by Ines Varga; Editing by Tom Bell)',
    'Harbour Post writers Tom Bell and Lena Holm contributed to this report.',
    'Sign up for the Morning Tide newsletter to get the day’s news at six.',
  ])('drops %j', (line) => {
    expect(isFurnitureLine(line)).toBe(true);
  });

  it.each([
    'By the end of the month, timetables will return to normal.',
    'Published in 1990, the harbour plan was shelved twice.',
    'The Environmental Protection Agency (EPA)',
    'The council newsletter, published monthly, will carry the schedule.',
    'Related questions will be discussed at the next council meeting, the chair said on Monday evening after the vote.',
    `Share prices in the port operator rose 4% after the vote. ${'The council chair said the decision was final. '.repeat(3)}`,
  ])('keeps %j', (line) => {
    expect(isFurnitureLine(line)).toBe(false);
  });
});

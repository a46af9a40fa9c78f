import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../lambdas/core/feeds/dates.ts';

describe('parseDate', () => {
  it.each([
    ['RFC 822 GMT', 'Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['RFC 822 numeric zone', 'Tue, 10 Jun 2003 04:00:00 -0500', '2003-06-10T09:00:00.000Z'],
    ['RFC 822 US zone', 'Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00.000Z'],
    ['RFC 822 two-digit year, no seconds', '10 Jun 03 04:00 PDT', '2003-06-10T11:00:00.000Z'],
    ['RFC 822 no weekday, +0530', '5 Mar 2024 10:00:00 +0530', '2024-03-05T04:30:00.000Z'],
    ['ISO with offset and fraction', '2003-12-13T18:30:02.25+01:00', '2003-12-13T17:30:02.250Z'],
    ['ISO Z', '2025-07-11T07:30:00Z', '2025-07-11T07:30:00.000Z'],
    ['ISO without zone is UTC', '2003-12-13T18:30:02', '2003-12-13T18:30:02.000Z'],
    ['date only', '2003-12-13', '2003-12-13T00:00:00.000Z'],
    ['space separator, compact zone', '2025-01-02 03:04:05 +0100', '2025-01-02T02:04:05.000Z'],
    ['offset crossing midnight', '2025-01-01T00:30:00+02:00', '2024-12-31T22:30:00.000Z'],
    ['lower-case ISO separators', '2003-12-13t18:30:02.25z', '2003-12-13T18:30:02.250Z'],
    ['Portuguese weekday and month', 'Seg, 24 Set 2018 19:22:00 -0300', '2018-09-24T22:22:00.000Z'],
    ['French month with accent and dot', '12 déc. 2024 08:00 +0100', '2024-12-12T07:00:00.000Z'],
    ['French juillet, not juin', '3 juil 2024 10:00 GMT', '2024-07-03T10:00:00.000Z'],
    ['US order with PM', 'Sat, Dec 16 2023 02:02:33 PM', '2023-12-16T14:02:33.000Z'],
    ['US order, 12 AM in EST', 'Dec 16, 2023 12:05 AM EST', '2023-12-16T05:05:00.000Z'],
  ])('%s', (_case, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([['garbage'], ['31 Feb 2003 00:00 GMT'], ['2025-13-01'], [''], ['Tue, 10 Jun 2003 04:00:00 XYZ']])(
    'undefined for %j',
    (input) => {
      expect(parseDate(input)).toBeUndefined();
    },
  );
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../lambdas/core/extract/decode.ts';

const page = (text: string, meta = '') => `<html><head>${meta}</head><body><p>${text}</p></body></html>`;

describe('decodeHtml', () => {
  it('decodes windows-1252 quotes and the euro sign, declared or guessed', () => {
    const text = '“Quoted” – costs €5';
    expect(decodeHtml(iconv.encode(page(text), 'windows-1252'), 'text/html; charset=windows-1252')).toContain(
      text,
    );
    expect(decodeHtml(iconv.encode(page(text), 'windows-1252'), 'text/html; charset=ISO-8859-1')).toContain(
      text,
    );
    // Not valid UTF-8 and nothing declared: the web's legacy default.
    expect(decodeHtml(iconv.encode(page(text), 'windows-1252'))).toContain(text);
  });

  it('decodes the charset a <meta> names, and skips a label nobody knows', () => {
    const meta = '<meta charset="shift_jis">';
    expect(
      decodeHtml(iconv.encode(page('東京の天気', meta), 'shift_jis'), 'text/html; charset=x-klingon'),
    ).toContain('東京の天気');
  });

  it.each([
    { charset: 'Shift_JIS', text: '防衛費の増額、ルビオ国務長官が支持' },
    { charset: 'EUC-JP', text: '防衛費の増額、ルビオ国務長官が支持' },
    { charset: 'GBK', text: '鲁比奥国务卿在吉隆坡举行记者会' },
    { charset: 'GB18030', text: '鲁比奥国务卿在吉隆坡举行记者会' },
    { charset: 'Big5', text: '魯比奧國務卿在吉隆坡舉行記者會' },
    { charset: 'EUC-KR', text: '루비오 국무장관, 말레이시아서 기자회견' },
    { charset: 'windows-1250', text: 'Sejm przyjął ustawę, Łódź i Košice' },
    { charset: 'windows-1251', text: 'Правительство одобрило проект бюджета' },
    { charset: 'windows-1253', text: 'Η κυβέρνηση ενέκρινε τον προϋπολογισμό' },
    { charset: 'windows-1254', text: 'Merkez Bankası faizi sabit tuttu, İstanbul' },
    { charset: 'windows-1255', text: 'הממשלה אישרה את התקציב' },
    { charset: 'windows-1256', text: 'روبيو يعقد مؤتمرا صحفيا في كوالالمبور' },
    { charset: 'windows-1257', text: 'Seimas priėmė biudžetą, Rīga' },
  ])('decodes $charset, from the header or from <meta>', ({ charset, text }) => {
    const bytes = iconv.encode(page(text, `<meta charset="${charset}">`), charset);
    expect(decodeHtml(bytes).normalize('NFC')).toContain(text);
    const undeclared = iconv.encode(page(text), charset);
    expect(decodeHtml(undeclared, `text/html; charset=${charset}`).normalize('NFC')).toContain(text);
  });
});

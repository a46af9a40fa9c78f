/**
 * The page every alert email is laid out on. Styles sit in the head, with no remote fonts,
 * images or scripts: mail clients block remote content, and a tracking pixel is not ours to add.
 * It reads on a phone (viewport, one column, 16px text) and in dark mode (`color-scheme` for
 * clients that invert, a media query for those that honour it).
 */
import { SCRIPT_FONT_RULES } from '../html/lang.ts';
import { escapeHtml } from './escape.ts';

const STYLE = `
:root{color-scheme:light dark;supported-color-schemes:light dark}
body{margin:0;padding:16px;background:#ffffff;color:#1b1b1b;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;-webkit-text-size-adjust:100%}
.wrap{max-width:640px;margin:0 auto}
.kicker{margin:0;font-size:13px;letter-spacing:.04em;text-transform:uppercase;color:#5a5a5a}
h1{margin:4px 0 8px;font-size:22px;line-height:1.3}
h2{margin:24px 0 8px;font-size:15px;text-transform:uppercase;letter-spacing:.04em;color:#5a5a5a}
.meta,.when{color:#5a5a5a;font-size:14px}
a{color:#0b57d0;word-break:break-word}
ol,ul{padding-left:1.4em;margin:0}
li{margin:0 0 12px}
.why{margin:0;padding:4px 12px;border-left:3px solid #c9d1d9}
mark{background:#ffe98a;color:inherit;padding:0 1px}
code{font-size:13px}
.footer{margin-top:24px;padding-top:8px;border-top:1px solid #dddddd;font-size:13px;color:#5a5a5a}
@media (prefers-color-scheme:dark){
body{background:#121212;color:#e6e6e6}
.kicker,h2,.meta,.when,.footer{color:#a9a9a9}
a{color:#8ab4f8}
mark{background:#6b5800;color:#ffffff}
.why{border-left-color:#4a4a4a}
.footer{border-top-color:#333333}
}
@media (max-width:480px){body{padding:12px}h1{font-size:20px}}
${SCRIPT_FONT_RULES}
`;

export function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="supported-color-schemes" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body><div class="wrap">',
    body,
    '</div></body></html>',
  ].join('\n');
}

// The report's HTML building blocks: escaping (every value the store or the auditor wrote goes
// through `esc`), JSON shown as text, the JSON facts block, the print stylesheet and its CSP.
// No scripts at all: the page is a document, readable in black and white and on A4.
import { createHash } from 'node:crypto';
import type { ReportLanguage } from '../../shared/contract.ts';
import { REPORT_WORDS } from './reportWords.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: the five characters that matter in both, replaced. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** A JSON value shown as indented text (undefined: nothing). Never throws on odd values. */
export function showJson(value: unknown): string {
  if (value === undefined) return '';
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
  } catch (error) {
    text = `(not showable as JSON: ${(error as Error).message})`;
  }
  return esc(text ?? String(value));
}

/**
 * JSON inside <script type="application/json">: `<`, `>`, `&` and the line separators escaped as
 * \uXXXX, so no value can close the element or start a comment, and JSON.parse gives it back exactly.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** sha256 hex grouped by four for reading aloud ("3f9a 12c0 …"). */
export const grouped = (hex: string) => hex.replace(/(.{4})(?=.)/g, '$1 ');

/** Text as a CSS string literal (quotes, backslashes and line breaks escaped). */
const cssString = (text: string) => `"${text.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;

/** A page-margin template as CSS `content`: its text as strings, `{{page}}` / `{{pages}}` as the page counters. */
function cssContent(template: string): string {
  return template
    .split(/(\{\{pages?\}\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{{page}}' ? 'counter(page)' : part === '{{pages}}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

// Fonts that have the Simplified Chinese glyphs (Linux, macOS, Windows), named before the generic
// families so a Chinese report, or Chinese text in stored data, prints in them in the PDF rather
// than in whatever fallback the printing machine picks (or as empty boxes).
const CJK_FONTS = '"Noto Sans CJK SC","PingFang SC","Microsoft YaHei"';
const CJK_MONO = '"Noto Sans Mono CJK SC"';

/**
 * Print first: A4 pages, each section on a new page, no colour carrying meaning (changes are marked
 * with words and signs as well), long values wrap instead of running off the page. Only the page
 * margins' words differ between languages.
 */
export function reportCss(language: ReportLanguage = 'en'): string {
  const words = REPORT_WORDS[language];
  return `
@page{size:A4;margin:16mm 14mm 18mm;@bottom-right{content:${cssContent(words['report.page.footer'])};font:8pt ${CJK_FONTS},sans-serif}@bottom-left{content:${cssContent(words['report.page.title'])};font:8pt ${CJK_FONTS},sans-serif}}
*{box-sizing:border-box}
body{font:10.5pt/1.45 "Segoe UI",system-ui,-apple-system,${CJK_FONTS},sans-serif;color:#000;background:#fff;margin:0 auto;max-width:190mm;padding:8mm 0}
h1{font-size:17pt;margin:0 0 2mm} h2{font-size:13pt;margin:0 0 3mm;border-bottom:1.5pt solid #000;padding-bottom:1mm} h3{font-size:11pt;margin:4mm 0 2mm}
section.part{margin-top:8mm} section.part+section.part{break-before:page}
table{border-collapse:collapse;width:100%;margin:2mm 0} th,td{border:.5pt solid #444;padding:1.2mm 1.8mm;vertical-align:top;text-align:left}
th{font-weight:600;width:34%} thead th{width:auto;border-bottom:1.2pt solid #000}
code,pre,.mono{font-family:"DejaVu Sans Mono",Consolas,${CJK_MONO},${CJK_FONTS},monospace;font-size:8.5pt}
pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
td,th,.wrap{overflow-wrap:anywhere}
.event{border:.5pt solid #444;padding:2mm 3mm;margin:0 0 2.5mm;break-inside:avoid}
.event-head{font-weight:600} .event dl{display:grid;grid-template-columns:24mm 1fr;gap:.4mm 3mm;margin:1.5mm 0}
dt{font-weight:600} dd{margin:0;overflow-wrap:anywhere}
.change{break-inside:avoid} .kind{font-weight:700;white-space:nowrap}
.diff table{table-layout:fixed} .diff thead th:nth-child(1){width:13%} .diff thead th:nth-child(2){width:21%} .diff thead th:nth-child(3),.diff thead th:nth-child(4){width:22%} .diff thead th:nth-child(5){width:22%}
.verdict{border:1.5pt solid #000;padding:2mm 3mm;font-weight:600}
.note{border-left:2pt solid #000;padding:1mm 3mm;margin:0 0 3mm;break-inside:avoid}
.muted{color:#333} .small{font-size:8.5pt}
.print-hint{border:1pt dashed #000;padding:2mm 3mm;margin-bottom:4mm}
@media print{.print-hint{display:none} a{color:#000;text-decoration:none}}
`;
}

/** The English report's stylesheet. */
export const REPORT_CSS = reportCss('en');

/**
 * The page's Content-Security-Policy: nothing may load (no fetch, image, font or frame), no script
 * runs, and only this exact stylesheet applies (by its hash, not 'unsafe-inline').
 */
export function reportCsp(css = REPORT_CSS): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** A row of a two-column facts table; `html` is already escaped markup. */
export const factRow = (label: string, html: string) => `<tr><th scope="row">${esc(label)}</th><td>${html}</td></tr>`;

/**
 * The report's one stylesheet, inline. Light on screen and in print; in print each
 * section starts a page and charts shrink to the width of A4. The pass and fail colours
 * come from the Okabe–Ito palette and always stand beside the words and a mark.
 */
export const STYLE = `
:root {
  --ink: #1a1a1a; --muted: #5c5c5c; --rule: #d0d0d0;
  --paper: #ffffff; --band: #f4f4f4; --pass: #009E73; --fail: #D55E00;
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body {
  margin: 0 auto; padding: 24px 32px 64px; max-width: 1040px;
  font: 15px/1.45 Helvetica, Arial, sans-serif;
}
h1 { font-size: 26px; margin: 0 0 4px; }
h2 {
  font-size: 21px; margin: 40px 0 8px; padding-top: 8px;
  border-top: 2px solid var(--ink);
}
h3 { font-size: 16px; margin: 24px 0 6px; }
p { margin: 6px 0; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
nav ol {
  display: flex; flex-wrap: wrap; gap: 4px 18px;
  padding: 0; margin: 8px 0 0; list-style: none;
}
nav a { color: var(--ink); }
.verdict {
  display: flex; align-items: center; gap: 20px; margin: 16px 0;
  padding: 14px 20px; border: 4px solid; border-radius: 6px;
}
.verdict.pass { border-color: var(--pass); }
.verdict.fail { border-color: var(--fail); border-style: double; border-width: 6px; }
.verdict .word { font-size: 48px; font-weight: bold; letter-spacing: 2px; line-height: 1; }
.verdict.pass .word { color: var(--pass); }
.verdict.fail .word { color: var(--fail); }
.verdict .why { font-size: 17px; }
.tiles {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr));
  gap: 10px; margin: 12px 0;
}
.tile {
  border: 1px solid var(--rule); border-radius: 6px;
  padding: 8px 12px; background: var(--band);
}
.tile .label { color: var(--muted); font-size: 13px; }
.tile .value { font-size: 22px; font-weight: bold; }
.tile .more { font-size: 13px; color: var(--muted); }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td {
  text-align: left; padding: 4px 10px; vertical-align: top;
  border-bottom: 1px solid var(--rule);
}
th { border-bottom: 2px solid var(--ink); font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, .result, [data-format="time"], [data-format="ms"] { white-space: nowrap; }
.result { font-weight: bold; }
.result.pass { color: var(--pass); }
.result.fail { color: var(--fail); }
dl.facts {
  display: grid; grid-template-columns: max-content 1fr;
  gap: 2px 16px; margin: 8px 0;
}
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
pre.command {
  background: var(--band); border: 1px solid var(--rule); border-radius: 4px;
  padding: 8px 12px; white-space: pre-wrap; word-break: break-all; font-size: 13px;
}
figure { margin: 16px 0 24px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; max-width: 760px; }
.empty { color: var(--muted); font-style: italic; }
ul.notes li { margin: 4px 0; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html, body { background: #ffffff; color: #000000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-before: page; margin-top: 0; }
  h2, h3 { break-after: avoid; }
  .tile, pre.command { background: #ffffff; }
  figure, tr, .verdict, .tiles { break-inside: avoid; }
  figure svg { max-width: 186mm; max-height: 240mm; width: auto; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

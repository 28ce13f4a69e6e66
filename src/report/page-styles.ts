/**
 * The report's stylesheet: system fonts only (no web fonts), a centred
 * column that fits a 1366 px laptop, cards that do not split across printed
 * pages, and print rules that drop borders and shadows.
 */
export const PAGE_STYLES = `
:root { color-scheme: light; --fg: #1b1b1b; --muted: #555; --line: #d9d9d9; --accent: #0072B2; --ok: #00684a; --bad: #a33c00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 24px 48px; }
header h1 { font-size: 1.65rem; line-height: 1.2; margin: 0 0 4px; }
header .kind { color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .06em; margin: 0; }
.lede { margin: 6px 0 14px; max-width: 80ch; white-space: pre-line; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 0 0 16px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.summary { border-left: 4px solid var(--accent); background: #f2f7fb; padding: 12px 16px; margin: 16px 0; font-size: 1.08rem; }
.notice { border-left: 4px solid var(--bad); background: #fdf3ec; padding: 10px 16px; margin: 16px 0; }
.verdicts { list-style: none; padding: 0; margin: 8px 0 0; }
.verdicts li { margin: 2px 0; }
.verdict-ok { color: var(--ok); font-weight: 600; }
.verdict-bad { color: var(--bad); font-weight: 600; }
section.card { border: 1px solid var(--line); border-radius: 6px; padding: 16px 18px; margin: 22px 0; break-inside: avoid; page-break-inside: avoid; }
section.card h2 { font-size: 1.12rem; margin: 0 0 4px; }
.howto { color: var(--muted); margin: 0 0 10px; max-width: 95ch; }
.howto strong { color: var(--fg); font-weight: 600; }
.chart-box { position: relative; width: 100%; min-width: 0; }
.chart-box canvas { display: block; }
.note { color: var(--muted); font-size: .9rem; margin: 8px 0 0; }
.missing { border: 1px dashed var(--line); border-radius: 4px; padding: 20px; color: var(--muted); text-align: center; margin: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .9rem; }
caption { text-align: left; color: var(--muted); padding: 0 0 6px; }
th, td { padding: 5px 7px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th { font-weight: 600; border-bottom: 2px solid #bbb; }
th:first-child, td:first-child { text-align: left; }
footer { color: var(--muted); font-size: .85rem; margin-top: 32px; border-top: 1px solid var(--line); padding-top: 10px; }
@media (max-width: 700px) { main { padding: 16px 12px 32px; } .facts { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section.card { border: none; padding: 0; margin: 14pt 0; }
  .summary { background: none; border-left-width: 3pt; }
  .chart-box canvas { max-width: 100% !important; height: auto !important; }
  table { font-size: 8.5pt; }
  th, td { white-space: normal; padding: 2pt 4pt; }
  .table-wrap { overflow: visible; }
  footer { margin-top: 16pt; }
}
`;

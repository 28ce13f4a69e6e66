import type { ThresholdVerdict } from '../results/index.js';
import { isMissingChart, type ChartSpec, type MissingChart } from './chart-spec.js';
import { describeThreshold } from './format-threshold.js';
import { escapeHtml } from './html-escape.js';

/**
 * A chart card: title, a "how to read this" line, the canvas (or, for a
 * missing chart, the reason instead of an empty chart) and its notes.
 */
export function chartSection(chart: ChartSpec | MissingChart): string {
  const id = escapeHtml(chart.id);
  if (isMissingChart(chart)) {
    return `<section class="card" id="${id}-card"><h2>${escapeHtml(chart.title)}</h2><p class="missing">${escapeHtml(chart.missing)}</p></section>`;
  }
  const notes = chart.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return [
    `<section class="card" id="${id}-card">`,
    `<h2>${escapeHtml(chart.title)}</h2>`,
    `<p class="howto"><strong>How to read this:</strong> ${escapeHtml(chart.howToRead)}</p>`,
    `<div class="chart-box" style="height:${chart.height}px"><canvas id="${id}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div>`,
    notes,
    '</section>',
  ].join('\n');
}

/** A table cell: text (escaped) or trusted HTML built by a renderer. */
export type Cell = string | { readonly html: string };

const cellHtml = (c: Cell): string => (typeof c === 'string' ? escapeHtml(c) : c.html);

/** A table with a header row. The first column is left-aligned, the rest right-aligned. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly Cell[])[], caption?: string): string {
  const head = `<tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cellHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : '';
  return `<div class="table-wrap"><table>${cap}<thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A card holding a title, a "how to read this" line and arbitrary (trusted) HTML. */
export function tableSection(title: string, howToRead: string, innerHtml: string, id?: string): string {
  return [
    `<section class="card"${id ? ` id="${escapeHtml(id)}"` : ''}>`,
    `<h2>${escapeHtml(title)}</h2>`,
    `<p class="howto"><strong>How to read this:</strong> ${escapeHtml(howToRead)}</p>`,
    innerHtml,
    '</section>',
  ].join('\n');
}

/** A definition list of label/value facts (both escaped). */
export function factList(facts: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/** Threshold verdicts as a list with ✓/✗, measured value and limit; a sentence when none were set. */
export function thresholdList(thresholds: readonly ThresholdVerdict[]): string {
  if (thresholds.length === 0) return '<p>No thresholds were set for this run.</p>';
  const items = thresholds.map(
    (t) => `<li class="${t.ok ? 'verdict-ok' : 'verdict-bad'}">${escapeHtml(describeThreshold(t))}${t.ok ? '' : ' (failed)'}</li>`,
  );
  return `<ul class="verdicts">${items.join('')}</ul>`;
}

/** What every report header shows: which scenario, and the facts that frame it. */
export interface HeaderParts {
  /** `run report`, `sweep report`, `comparison`. */
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly facts: readonly (readonly [string, string])[];
}

/** The page header: report kind, scenario name as the title, its description and a fact list. */
export function reportHeader(h: HeaderParts): string {
  const description = h.description.trim() ? `<p class="lede">${escapeHtml(h.description.trim())}</p>` : '';
  return `<header><p class="kind">caplab ${escapeHtml(h.kind)}</p><h1>${escapeHtml(h.title)}</h1>${description}${factList(h.facts)}</header>`;
}

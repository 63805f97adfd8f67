/**
 * The Insights page: charts drawn as SVG of our own (a few hundred bytes of code instead of a charting library in the
 * bundle and the webview), in the theme's chart colours (`--vscode-charts-*`, which light, dark and high-contrast
 * themes each set), each with a table of the same figures behind a toggle. Every server string is escaped; the page
 * runs only its own script (nonce) and posts back action ids, never a command.
 */
import INSIGHTS_SCRIPT from 'page-script:insights';
import { escapeHtml, insightsPage } from '../views/cardHtml';
import type { CampaignPoint } from './figures';
import { countText, dateText, weekDate } from './localized';

export interface InsightsModel {
  title: string;
  subtitle: string;
  /** How many campaigns to show: the choices, and the one chosen. */
  counts: readonly number[];
  n: number;
  points: CampaignPoint[];
  /** Whether the API reports opens and clicks (SendPortal: no), and why not, in one line. */
  rates: boolean;
  noRatesWhy?: string;
  medianOpen?: number;
  medianClick?: number;
  /** The person's locale for dates (the CSV keeps ISO dates); en-US when not given. */
  locale?: string;
  /** Sender: unsubscribes and complaints need a request per campaign each; the button says how many. */
  reports?: { loaded: boolean; cost: number };
  growth: { week: string; added: number }[];
  growthNote: string;
  /** The button that reads every subscriber, with its cost; undefined once all are read. */
  walk?: { label: string };
  requests: string;
  labels: Record<
    | 'openRate'
    | 'clickRate'
    | 'median'
    | 'showTable'
    | 'showCharts'
    | 'copyCsv'
    | 'campaigns'
    | 'perCampaign'
    | 'growth'
    | 'sent'
    | 'bounces'
    | 'unsubscribes'
    | 'complaints'
    | 'week'
    | 'added'
    | 'campaign'
    | 'date'
    | 'loadReports'
    | 'last',
    string
  >;
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
const pct = (r: number | undefined) => (r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
/** A point or bar the keyboard and the mouse can reach: its text shows in the page's tooltip; Enter opens its card. */
const reach = (tip: string, action?: string) =>
  `tabindex="0" role="${action ? 'button' : 'img'}" aria-label="${escapeHtml(tip)}" data-tip="${escapeHtml(tip)}"` +
  (action ? ` data-action="${escapeHtml(action)}"` : '');
/** A line across the chart at height y. */
const rule = (y: number, cls: string) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" class="${cls}"/>`;
/** A small text on the chart (a tick, a median's label), escaped. */
const tickText = (x: number | string, y: number, anchor: 'start' | 'middle' | 'end', text: string) =>
  `<text x="${x}" y="${y}" text-anchor="${anchor}" class="tick">${escapeHtml(text)}</text>`;

function axis(max: number, format: (v: number) => string): string {
  const ys = [0, 0.5, 1].map((f) => ({ f, y: PAD.top + (1 - f) * (H - PAD.top - PAD.bottom) }));
  return ys.map(({ f, y }) => rule(y, 'grid') + tickText(PAD.left - 6, y + 4, 'end', format(f * max))).join('');
}

/** Open and click rates per campaign as two lines, with the medians as dashed lines. */
function ratesChart(m: InsightsModel): string {
  const pts = m.points;
  const day = (d?: Date) => dateText(d, m.locale);
  const tick = (d?: Date) => dateText(d, m.locale, 'short');
  const max = pts.reduce((m, p) => Math.max(m, p.openRate ?? 0, p.clickRate ?? 0), 0.05) * 1.1;
  const x = (i: number) =>
    PAD.left + (pts.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (pts.length - 1));
  const y = (r: number) => PAD.top + (1 - r / max) * (H - PAD.top - PAD.bottom);
  const series = (key: 'openRate' | 'clickRate', cls: string, label: string) => {
    const defined = pts.map((p, i) => ({ p, i })).filter(({ p }) => p[key] !== undefined);
    const path = defined.map(({ p, i }, j) => `${j ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[key] as number).toFixed(1)}`).join(' ');
    const dots = defined
      .map(
        ({ p, i }) =>
          `<circle cx="${x(i).toFixed(1)}" cy="${y(p[key] as number).toFixed(1)}" r="5" class="${cls}" ` +
          `${reach(`${p.title} · ${day(p.at)} · ${label} ${pct(p[key])}`, `open:${p.id}`)}/>`,
      )
      .join('');
    return `<path d="${path}" class="${cls} line"/>${dots}`;
  };
  const medianLine = (r: number | undefined, cls: string, label: string) =>
    r === undefined ? '' : rule(y(r), `${cls} median`) + tickText(W - PAD.right, y(r) - 4, 'end', `${label}: ${pct(r)}`);
  const L = m.labels;
  const aria = escapeHtml(`${L.openRate}, ${L.clickRate}`);
  return (
    `<svg viewBox="0 0 ${W} ${H}" role="group" aria-label="${aria}">${axis(max, (v) => `${Math.round(v * 100)}%`)}\n` +
    medianLine(m.medianOpen, 'open', L.median) +
    medianLine(m.medianClick, 'click', L.median) +
    series('openRate', 'open', L.openRate) +
    `${series('clickRate', 'click', L.clickRate)}\n` +
    `${pts.map((p, i) => tickText(x(i).toFixed(1), H - 8, 'middle', tick(p.at))).join('')}</svg>\n` +
    `<p class="legend"><span class="key open"></span>${escapeHtml(L.openRate)} ` +
    `<span class="key click"></span>${escapeHtml(L.clickRate)} <span class="key dash"></span>${escapeHtml(L.median)}</p>`
  );
}

/** Bars per item: several series side by side, each item's bars a group. */
function barsChart(
  items: { label: string; tip: string; values: (number | undefined)[]; action?: string }[],
  series: { cls: string; label: string }[],
  aria: string,
): string {
  const max = items.reduce((m, i) => i.values.reduce<number>((x, v) => Math.max(x, v ?? 0), m), 1) * 1.1;
  const slot = (W - PAD.left - PAD.right) / Math.max(1, items.length);
  const bw = Math.max(2, Math.min(24, (slot * 0.8) / series.length));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const bars = items
    .map((it, i) =>
      it.values
        .map((v, s) => {
          if (v === undefined) return '';
          const left = PAD.left + i * slot + (slot - bw * series.length) / 2 + s * bw;
          const size = `width="${bw.toFixed(1)}" height="${(H - PAD.bottom - y(v)).toFixed(1)}"`;
          const tip = `${it.tip} · ${series[s].label} ${v.toLocaleString('en-US')}`;
          return `<rect x="${left.toFixed(1)}" y="${y(v).toFixed(1)}" ${size} class="${series[s].cls}" ${reach(tip, it.action)}/>`;
        })
        .join(''),
    )
    .join('');
  const ticks = items
    .map((it, i) =>
      items.length <= 16 || i % Math.ceil(items.length / 16) === 0
        ? tickText((PAD.left + i * slot + slot / 2).toFixed(1), H - 8, 'middle', it.label)
        : '',
    )
    .join('');
  const legend =
    series.length > 1
      ? `<p class="legend">${series.map((s) => `<span class="key ${s.cls}"></span>${escapeHtml(s.label)}`).join(' ')}</p>`
      : '';
  const grid = axis(max, (v) => Math.round(v).toLocaleString('en-US'));
  return `<svg viewBox="0 0 ${W} ${H}" role="group" aria-label="${escapeHtml(aria)}">${grid}${bars}${ticks}</svg>${legend}`;
}

/** A table; its dates and numbers (every column after a first one of names) are never split across lines. */
function table(head: string[], rows: string[][], names = true): string {
  const cell = (c: string, i: number) => (i || !names ? `<td class="num">${escapeHtml(c)}</td>` : `<td>${escapeHtml(c)}</td>`);
  const body = rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('');
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The campaigns' part: rates (or why there are none), their table, and the per-campaign bars. */
function campaignsPart(m: InsightsModel): string {
  const L = m.labels;
  const day = (d?: Date) => dateText(d, m.locale);
  const tick = (d?: Date) => dateText(d, m.locale, 'short');
  const rows = m.points.map((p) => [
    p.title,
    day(p.at),
    countText(p.sent, m.locale),
    pct(p.openRate),
    pct(p.clickRate),
    p.bounces?.toString() ?? '—',
    p.unsubscribes?.toString() ?? '—',
    p.complaints?.toString() ?? '—',
  ]);
  const bar = (p: CampaignPoint, values: (number | undefined)[]) => ({
    label: tick(p.at),
    tip: `${p.title} · ${day(p.at)}`,
    values,
    action: `open:${p.id}`,
  });
  const perCampaign = m.rates
    ? barsChart(
        m.points.map((p) => bar(p, [p.bounces, p.unsubscribes, p.complaints])),
        [
          { cls: 'bounce', label: L.bounces },
          { cls: 'unsub', label: L.unsubscribes },
          { cls: 'complaint', label: L.complaints },
        ],
        L.perCampaign,
      )
    : barsChart(
        m.points.map((p) => bar(p, [p.sent])),
        [{ cls: 'open', label: L.sent }],
        L.sent,
      );
  const reports = m.reports && !m.reports.loaded ? `<button data-action="reports">${escapeHtml(L.loadReports)}</button>` : '';
  const rates = m.rates ? `<div class="chart">${ratesChart(m)}</div>` : `<p class="note">${escapeHtml(m.noRatesWhy ?? '')}</p>`;
  const head = [L.campaign, L.date, L.sent, L.openRate, L.clickRate, L.bounces, L.unsubscribes, L.complaints];
  return `<h2>${escapeHtml(L.campaigns)}</h2>
${m.points.length === 0 ? '' : rates}
<div class="data" hidden>${table(head, rows)}</div>
<h2>${escapeHtml(m.rates ? L.perCampaign : L.sent)}</h2>${reports}
<div class="chart">${m.points.length ? perCampaign : ''}</div>`;
}

/** The subscribers' part: new subscribers per week, and the button that reads them all. */
function growthPart(m: InsightsModel): string {
  const L = m.labels;
  const day = (d?: Date) => dateText(d, m.locale);
  const growth = m.growth.length
    ? barsChart(
        m.growth.map((g) => ({
          label: dateText(weekDate(g.week), m.locale, 'short'),
          tip: `${L.week} ${day(weekDate(g.week))}`,
          values: [g.added],
        })),
        [{ cls: 'open', label: L.added }],
        L.growth,
      )
    : '';
  const walk = m.walk ? `<button data-action="walk">${escapeHtml(m.walk.label)}</button>` : '';
  const rows = m.growth.map((g) => [day(weekDate(g.week)), countText(g.added, m.locale)]);
  return `<h2>${escapeHtml(L.growth)}</h2><p class="note">${escapeHtml(m.growthNote)}</p>${walk}
<div class="chart">${growth}</div>
<div class="data" hidden>${table([L.week, L.added], rows, false)}</div>`;
}

export function insightsBody(m: InsightsModel): string {
  const L = m.labels;
  const counts = m.counts
    .map((c) => `<button data-action="n:${c}" aria-pressed="${c === m.n}">${escapeHtml(`${L.last} ${c}`)}</button>`)
    .join('');
  const toggle =
    `<button id="view-toggle" data-show="${escapeHtml(L.showTable)}" data-hide="${escapeHtml(L.showCharts)}">` +
    `${escapeHtml(L.showTable)}</button>`;
  return `<h1>${escapeHtml(m.title)}</h1><p class="subtitle">${escapeHtml(m.subtitle)}</p>
<div class="actions tabs">${counts}${toggle}<button data-action="copyCsv">${escapeHtml(L.copyCsv)}</button></div>
<p class="note" id="requests">${escapeHtml(m.requests)}</p>
<div id="tip" role="tooltip" hidden></div>
${campaignsPart(m)}
${growthPart(m)}`;
}

const INSIGHTS_STYLE = `
  svg { width: 100%; max-width: 760px; height: auto; overflow: visible; }
  .grid { stroke: var(--vscode-editorWidget-border, #8884); stroke-width: 1; }
  .tick { fill: var(--vscode-descriptionForeground); font-size: 11px; }
  .open { fill: var(--vscode-charts-blue, #3794ff); stroke: var(--vscode-charts-blue, #3794ff); }
  .click { fill: var(--vscode-charts-orange, #d18616); stroke: var(--vscode-charts-orange, #d18616); }
  .bounce { fill: var(--vscode-charts-red, #f14c4c); }
  .unsub { fill: var(--vscode-charts-purple, #b180d7); }
  .complaint { fill: var(--vscode-charts-yellow, #cca700); }
  .median { stroke-dasharray: 6 4; stroke-width: 1.5; fill: none; }
  path.line { fill: none; stroke-width: 2; }
  circle:focus, rect:focus { outline: 2px solid var(--vscode-focusBorder); }
  .legend { color: var(--vscode-descriptionForeground); }
  .key { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 10px; vertical-align: -2px; }
  .key.open { background: var(--vscode-charts-blue, #3794ff); }
  .key.click { background: var(--vscode-charts-orange, #d18616); }
  .key.bounce { background: var(--vscode-charts-red, #f14c4c); }
  .key.unsub { background: var(--vscode-charts-purple, #b180d7); }
  .key.complaint { background: var(--vscode-charts-yellow, #cca700); }
  .key.dash { border-top: 2px dashed var(--vscode-foreground); height: 0; }
  #tip { position: absolute; z-index: 2; padding: 4px 8px; background: var(--vscode-editorHoverWidget-background);
    color: var(--vscode-editorHoverWidget-foreground); border: 1px solid var(--vscode-editorHoverWidget-border);
    pointer-events: none; max-width: 260px; }
  table { border-collapse: collapse; }
  td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
  th, td { text-align: left; padding: 2px 10px 2px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); }
`;

export function insightsHtml(m: InsightsModel, o: { nonce: string; cspSource: string }): string {
  return insightsPage(o, m.title, insightsBody(m), INSIGHTS_SCRIPT, INSIGHTS_STYLE);
}

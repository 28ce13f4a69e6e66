/**
 * A strict parser of Prometheus's text exposition format 0.0.4, for tests:
 * it throws on anything the format does not allow (a sample before its
 * TYPE, a family split in two, a bad name, label or value, a histogram
 * whose buckets are not cumulative or whose +Inf bucket is not its count).
 */

export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PromFamily {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  readonly help: string | null;
  readonly samples: PromSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'] as const;

function parseValue(text: string, line: number): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: bad value ${JSON.stringify(text)}`);
  return Number(text);
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`line ${line}: bad labels ${JSON.stringify(text)}`);
    const name = text.slice(i, eq);
    if (!LABEL_NAME.test(name)) throw new Error(`line ${line}: bad label name ${JSON.stringify(name)}`);
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    if (text[eq + 1] !== '"') throw new Error(`line ${line}: label ${name} value not quoted`);
    let j = eq + 2;
    let value = '';
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\\') {
        const next = text[++j];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new Error(`line ${line}: bad escape \\${next ?? ''}`);
      } else value += text[j];
    }
    if (text[j] !== '"') throw new Error(`line ${line}: unterminated label value`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i += 1;
    else if (i < text.length) throw new Error(`line ${line}: expected , after label ${name}`);
  }
  return labels;
}

/** The family a sample name belongs to, given the declared families. */
function familyOf(name: string, families: Map<string, PromFamily>): PromFamily | undefined {
  if (families.has(name)) return families.get(name);
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (name.endsWith(suffix)) {
      const f = families.get(name.slice(0, -suffix.length));
      if (f && (f.type === 'histogram' || f.type === 'summary')) return f;
    }
  }
  return undefined;
}

function checkHistogram(f: PromFamily): void {
  const groups = new Map<string, PromSample[]>();
  for (const s of f.samples) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(rest);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const samples of groups.values()) {
    const buckets = samples.filter((s) => s.name === `${f.name}_bucket`);
    const count = samples.find((s) => s.name === `${f.name}_count`);
    const sum = samples.find((s) => s.name === `${f.name}_sum`);
    if (!count || !sum) throw new Error(`histogram ${f.name}: _sum or _count missing`);
    const inf = buckets.find((b) => b.labels.le === '+Inf');
    if (!inf || inf.value !== count.value) throw new Error(`histogram ${f.name}: the +Inf bucket must equal _count`);
    let prevLe = -Infinity;
    let prev = 0;
    for (const b of buckets) {
      const le = parseValue(b.labels.le ?? '', 0);
      if (!(le > prevLe) || b.value < prev) throw new Error(`histogram ${f.name}: buckets must be sorted by le and cumulative`);
      prevLe = le;
      prev = b.value;
    }
  }
}

/** Parses `text`; throws with the line number on the first violation. */
export function parsePromText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  let current: PromFamily | null = null;
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('the text must end with a newline');
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === '') return;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
    if (meta) {
      const [, kind, name, rest = ''] = meta;
      if (!METRIC_NAME.test(name!)) throw new Error(`line ${line}: bad metric name ${name}`);
      let f = families.get(name!);
      if (!f) {
        f = { name: name!, type: 'untyped', help: null, samples: [] };
        families.set(name!, f);
      } else if (f.samples.length > 0) throw new Error(`line ${line}: ${kind} for ${name} after its samples`);
      if (kind === 'TYPE') {
        if (!(TYPES as readonly string[]).includes(rest)) throw new Error(`line ${line}: bad type ${rest}`);
        families.set(name!, { ...f, type: rest as PromFamily['type'] });
      } else {
        if (f.help !== null) throw new Error(`line ${line}: HELP for ${name} twice`);
        families.set(name!, { ...f, help: rest });
      }
      current = families.get(name!)!;
      return;
    }
    if (raw.startsWith('#')) return;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(raw);
    if (!sample) throw new Error(`line ${line}: not a sample: ${JSON.stringify(raw)}`);
    const [, name, labelText = '', valueText] = sample;
    const f = familyOf(name!, families);
    if (!f) throw new Error(`line ${line}: sample ${name} has no TYPE before it`);
    if (current !== null && f.name !== (current as PromFamily).name) throw new Error(`line ${line}: family ${f.name} is split`);
    if (f.type === 'counter' && !name!.endsWith('_total')) throw new Error(`line ${line}: counter ${name} must end in _total`);
    f.samples.push({ name: name!, labels: parseLabels(labelText, line), value: parseValue(valueText!, line) });
    current = f;
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

/** The value of one sample, by name and labels (exact match of the given labels). */
export function sampleValue(families: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) {
    const s = f.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
    if (s) return s.value;
  }
  return undefined;
}

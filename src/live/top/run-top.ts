import { readSource, type StatsSource } from './stats-source.js';
import { renderTopLine, renderTopScreen } from './render-top.js';
import { createTopModel, type TopView } from './top-model.js';

/** What `runTop` needs; streams default to the process's. */
export interface TopOptions {
  readonly source: StatsSource;
  /** Wall ms between the start of one read and the next. */
  readonly intervalMs: number;
  /** Stop after this many refreshes (undefined: until q, Ctrl-C or a signal). */
  readonly iterations?: number | undefined;
  readonly output?: NodeJS.WriteStream;
  readonly input?: NodeJS.ReadStream;
}

/** How `runTop` ended, and whether any read worked. */
export interface TopEnding {
  readonly reason: 'quit' | 'done' | NodeJS.Signals;
  /** The latest read's failure, or null when it worked. */
  readonly lastError: string | null;
  readonly everRead: boolean;
}

const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

/** A read's failure without the "pool stats at HOST:PORT: " prefix the view already shows. */
function reason(err: unknown, source: StatsSource): string {
  const message = err instanceof Error ? err.message : String(err);
  const prefix = `pool stats at ${source.kind === 'tcp' ? `${source.host}:${source.port}` : source.url}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * `caplab top`'s loop: reads the source every `intervalMs` (reads never
 * overlap; a failed read is shown as "unreachable, retrying" and the next
 * one tried on schedule, forever) and shows each view. On a terminal it
 * takes the alternate screen, redraws in place (also on resize) and, when
 * stdin is a terminal, reads keys in raw mode: `q` quits, Ctrl-C counts as
 * SIGINT. Elsewhere it prints one plain line per refresh. SIGINT and
 * SIGTERM end it too. The terminal (raw mode, cursor, screen) is restored
 * however it ends, an exception or process exit included.
 */
export function runTop(options: TopOptions): Promise<TopEnding> {
  const out = options.output ?? process.stdout;
  const input = options.input ?? process.stdin;
  const tty = out.isTTY === true;
  const keys = tty && input.isTTY === true;
  const model = createTopModel(options.source.label);
  let view: TopView | null = null;
  let lastError: string | null = null;
  let everRead = false;
  let refreshes = 0;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;

  const draw = (): void => {
    if (view === null) return;
    if (!tty) {
      out.write(`${renderTopLine(view, Date.now())}\n`);
      return;
    }
    const lines = renderTopScreen(view, { width: out.columns || 100, color: true, intervalMs: options.intervalMs }).slice(0, Math.max(1, (out.rows || 40) - 1));
    out.write(`\x1b[H${lines.map((l) => `${l}\x1b[K`).join('\n')}\x1b[J`);
  };

  const restore = (): void => {
    if (keys) {
      input.setRawMode(false);
      input.pause();
    }
    if (tty) out.write(LEAVE_SCREEN);
  };

  return new Promise<TopEnding>((resolve) => {
    const finish = (why: TopEnding['reason']): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', restore);
      out.off('resize', draw);
      input.off('data', onKey);
      restore();
      resolve({ reason: why, lastError, everRead });
    };
    const onSignal = (sig: NodeJS.Signals): void => finish(sig);
    const onKey = (data: Buffer): void => {
      const key = data.toString('utf8');
      if (key === 'q' || key === 'Q') finish('quit');
      else if (key.includes('\x03')) finish('SIGINT');
    };
    const tick = async (): Promise<void> => {
      const started = Date.now();
      try {
        const stats = await readSource(options.source);
        view = model.record(stats, Date.now());
        lastError = null;
        everRead = true;
      } catch (err) {
        lastError = reason(err, options.source);
        view = model.failed(lastError, Date.now());
      }
      if (finished) return;
      draw();
      refreshes += 1;
      if (options.iterations !== undefined && refreshes >= options.iterations) return finish('done');
      timer = setTimeout(() => void tick(), Math.max(0, options.intervalMs - (Date.now() - started)));
    };

    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', restore);
    if (tty) {
      out.write(ENTER_SCREEN);
      out.on('resize', draw);
    }
    if (keys) {
      input.setRawMode(true);
      input.resume();
      input.on('data', onKey);
    }
    void tick();
  });
}

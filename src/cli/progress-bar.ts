/**
 * A one-line progress bar on stderr. It draws only when stderr is a TTY and
 * `enabled`, at most every 100 ms, and only once the run has lasted 2 s, so
 * short runs and piped output stay clean.
 */
export function createProgressBar(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): {
  update(done: number, total: number): void;
  done(): void;
} {
  const active = enabled && stream.isTTY === true;
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!active) return;
      const now = Date.now();
      if (now - started < 2000 || now - last < 100) return;
      last = now;
      const width = 30;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(share * width);
      const secs = ((now - started) / 1000).toFixed(1);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} requests  ${secs}s `);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

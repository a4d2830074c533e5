/** Console output for long steps: a line that updates in place on a terminal, steps otherwise. */

const tty = Boolean(process.stdout.isTTY);

export function log(message: string) {
  process.stdout.write(`${message}\n`);
}

export function step(title: string) {
  log(`\n▸ ${title}`);
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface Progress {
  update(done: number, note?: string): void;
  done(note?: string): void;
}

/** Progress of `total` units of work, printed at most every 250 ms (every 10 % without a TTY). */
export function progress(label: string, total: number): Progress {
  const start = Date.now();
  let lastPrint = 0;
  let lastDecile = -1;
  const line = (done: number, note?: string) => {
    const pct = total > 0 ? Math.min(100, (done / total) * 100) : 100;
    return `  ${label}: ${formatInt(done)}/${formatInt(total)} (${pct.toFixed(0)} %)${note ? ` ${note}` : ""}`;
  };
  return {
    update(done, note) {
      const now = Date.now();
      if (tty) {
        if (now - lastPrint < 250) return;
        lastPrint = now;
        process.stdout.write(`\r\x1b[2K${line(done, note)}`);
      } else {
        const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
        if (decile > lastDecile) {
          lastDecile = decile;
          log(line(done, note));
        }
      }
    },
    done(note) {
      const text = `  ${label}: ${formatInt(total)} done in ${seconds(Date.now() - start)}${note ? ` ${note}` : ""}`;
      if (tty) process.stdout.write(`\r\x1b[2K${text}\n`);
      else log(text);
    },
  };
}

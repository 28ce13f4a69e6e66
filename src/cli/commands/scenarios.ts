import type { Command } from 'commander';
import { listScenarios } from '../../scenario/index.js';

/** `caplab scenarios`: the built-in experiments and what each one teaches. */
export function registerScenarios(program: Command): void {
  program
    .command('scenarios')
    .description('list the built-in scenarios')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
      const list = listScenarios();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...list.map((s) => s.name.length));
      for (const s of list) {
        const first = s.description.replace(/\s+/g, ' ').trim();
        process.stdout.write(`${s.name.padEnd(width)}  ${first}\n`);
      }
    });
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { caplabError } from '../../errors.js';
import { durationToMs, LIMITS } from '../../scenario/index.js';
import { importScenario, LOG_FORMATS } from '../../traffic/index.js';
import { choiceFlag, parseFlags, textFlag } from '../parse-flags.js';

/** `--from`/`--to`: an ISO 8601 date-time (`2026-11-30T14:00:00Z`) or epoch seconds, to epoch ms. */
const timeFlag = () =>
  z.string().transform((v, ctx) => {
    const t = /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v);
    if (!Number.isFinite(t)) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date-time like 2026-11-30T14:00:00Z, or epoch seconds', input: v });
      return z.NEVER;
    }
    return t;
  });

const ImportFlags = z.object({
  format: choiceFlag(['auto', ...LOG_FORMATS] as const).default('auto'),
  peak: z
    .string()
    .transform((v, ctx) => {
      const ms = durationToMs(v);
      if (ms === undefined || ms < 1000) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration of at least 1s, like 5m or 30s', input: v });
        return z.NEVER;
      }
      return ms;
    })
    .optional(),
  from: timeFlag().optional(),
  to: timeFlag().optional(),
  speed: z
    .string()
    .transform((v, ctx) => {
      const m = /^(\d+(?:\.\d+)?)x?$/i.exec(v.trim());
      const speed = m ? Number(m[1]) : Number.NaN;
      if (!(speed >= LIMITS.traceSpeedMin && speed <= LIMITS.traceSpeedMax)) {
        ctx.addIssue({ code: 'custom', message: `must be a speed like 1x, 2x or 10x, from ${LIMITS.traceSpeedMin}x to ${LIMITS.traceSpeedMax}x`, input: v });
        return z.NEVER;
      }
      return speed;
    })
    .default(1),
  out: textFlag(),
});

/**
 * `caplab import LOG… -o scenario.yaml`: fits access logs and writes a
 * scenario whose `trace` phase replays the chosen window (the trace file
 * beside it), with the import summary as its description; prints the
 * summary. Bad logs are E_LOG_INVALID (exit 2), one line naming file and line.
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('fit access logs (nginx, uWSGI, gunicorn; .gz too) and write a scenario that replays them')
    .argument('<logs...>', 'access log files, rotated ones in any order')
    .option('--format <name>', `the log format: auto, ${LOG_FORMATS.join(', ')}`, 'auto')
    .option('--peak <duration>', 'replay the busiest window of this length (e.g. 5m)')
    .option('--from <time>', 'start of the window: ISO 8601 date-time or epoch seconds')
    .option('--to <time>', 'end of the window: ISO 8601 date-time or epoch seconds')
    .option('--speed <factor>', 'replay faster than logged, e.g. 2x (service times unchanged)', '1x')
    .requiredOption('-o, --out <file>', 'the scenario file to write (its trace goes beside it, as <name>.trace.tsv)')
    .action(async (logs: string[], raw: Record<string, unknown>) => {
      const flags = parseFlags(ImportFlags, raw);
      const scenarioFile = path.resolve(flags.out);
      const imported = await importScenario(logs, {
        format: flags.format,
        speed: flags.speed,
        scenarioFile,
        ...(flags.peak !== undefined ? { peakMs: flags.peak } : {}),
        ...(flags.from !== undefined ? { fromMs: flags.from } : {}),
        ...(flags.to !== undefined ? { toMs: flags.to } : {}),
      });
      try {
        await mkdir(path.dirname(scenarioFile), { recursive: true });
        await writeFile(imported.traceFile, imported.traceText);
        await writeFile(scenarioFile, imported.scenarioText);
      } catch (err) {
        throw caplabError('E_OUT_UNWRITABLE', `cannot write ${scenarioFile}: ${(err as Error).message}`, { cause: err });
      }
      process.stdout.write(`${imported.summaryText}\n`);
      process.stdout.write(`wrote ${flags.out} and ${path.relative(process.cwd(), imported.traceFile) || imported.traceFile} (${imported.requests} requests at ${flags.speed}x)\n`);
      process.stdout.write(`next: caplab run ${flags.out} --workers N   (caplab plan --from-log ${logs.join(' ')} recommends N)\n`);
    });
}

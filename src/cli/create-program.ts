import { Command } from 'commander';
import { createRequire } from 'node:module';
import { registerRun } from './commands/run.js';
import { registerScenarios } from './commands/scenarios.js';
import { registerSweep } from './commands/sweep.js';
import { registerReport } from './commands/report.js';
import { registerPlan } from './commands/plan.js';
import { registerDoctor } from './commands/doctor.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerServe } from './commands/serve.js';
import { registerTop } from './commands/top.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * The caplab program. Commander's own errors (unknown flag, missing
 * argument) are printed by commander on one line and thrown instead of
 * exiting, so `handleError` maps them to exit code 2.
 */
export function createProgram(): Command {
  const program = new Command('caplab')
    .description('A load-testing and capacity lab for prefork web stacks (proxy -> prefork pool -> app).')
    .version(version)
    .option('--debug', 'show stack traces on errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`caplab: ${str.replace(/^error: /, '')}`) });
  registerRun(program);
  registerSweep(program);
  registerScenarios(program);
  registerReport(program);
  registerPlan(program);
  registerDoctor(program);
  registerImport(program);
  registerExport(program);
  registerServe(program);
  registerTop(program);
  return program;
}

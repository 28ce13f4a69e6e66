#!/usr/bin/env node
import { createProgram } from './create-program.js';
import { handleError } from './handle-error.js';

const program = createProgram();
const debug = process.argv.includes('--debug');
try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = handleError(err, debug);
}

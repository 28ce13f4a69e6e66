export { runExperiment, runFiles, type ExperimentOptions } from './run-experiment.js';
export { stackConfig, type StackChoices } from './stack-config.js';
export { writeRunOutputs } from './write-run-outputs.js';
export { reportDir } from './report-dir.js';
export { sampleTimeline } from './sample-timeline.js';
export { runSweep, type SweepOptions } from './run-sweep.js';
export { scaleWarning, WALL_RATE_WARNING } from './scale-warning.js';

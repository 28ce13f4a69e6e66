export { DEFAULTS, type Defaults } from './defaults.js';

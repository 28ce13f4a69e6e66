// Builds the pool's Node-API addon at install (`npm ci`), with node-gyp
// against the headers of the Node that runs this script, and never
// downloads anything: without local headers it skips the build. It never
// fails the install; without the addon the pool runs its master-held queue
// and says so.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const here = __dirname;
const nodedir = path.resolve(path.dirname(process.execPath), '..');
const header = path.join(nodedir, 'include', 'node', 'node_api.h');
const say = (text) => process.stderr.write(`caplab: ${text}\n`);

if (process.platform !== 'linux') {
  say(`native pool addon not built (${process.platform} is not Linux); the pool will use its master-held queue`);
  process.exit(0);
}
if (!existsSync(header)) {
  say(`native pool addon not built (no Node headers at ${header}); the pool will use its master-held queue`);
  process.exit(0);
}
// npm tells its lifecycle scripts where its own node-gyp is; outside npm, use
// the copy bundled with the npm next to this Node, else one on PATH.
const gypJs = [process.env.npm_config_node_gyp, path.join(nodedir, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].find(
  (candidate) => candidate && existsSync(candidate),
);
const [command, args] = gypJs ? [process.execPath, [gypJs]] : ['node-gyp', []];
const result = spawnSync(command, [...args, 'rebuild', `--nodedir=${nodedir}`, `--directory=${here}`], {
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (result.status !== 0) {
  const detail = (result.error?.message ?? result.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
  say(`native pool addon build failed (${detail}); the pool will use its master-held queue`);
} else {
  say('native pool addon built (workers accept from the kernel queue)');
}
process.exit(0);

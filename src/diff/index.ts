// What `pgconf-lint diff` loads, as one dynamic import (src/cli.ts runDiff): one chunk boundary for
// the whole diff, so that esbuild splits the check's start-up path into as few files as it can.
export { diffTrees } from './trees.js';
export { diffAccess } from './access.js';
export { renderDiff } from './render.js';
export { gitTree, GitTreeError } from './git-tree.js';
export { loadCarriers } from '../carriers/load.js';

// What only pull request runs need (the base revision's lint, review planning, the access and
// settings diff), behind one dynamic import: src/action/main.ts imports it only on a pull request
// that uses the API. One import site for all of it keeps dist/action.js's start-up path to a few
// files: esbuild puts the modules the start-up shares with each lazily loaded entry into chunks
// of their own, one per combination of entries that share them.
export { baseFetcher, BaseUnavailable, lintBase, newFindings, shortSha } from './base.js';
export { planReview } from './review.js';
export { fingerprints } from '../report/fingerprint.js';
export { markdownSections } from '../diff/render.js';
export { diffTrees } from '../diff/trees.js';
export { diffAccess } from '../diff/access.js';

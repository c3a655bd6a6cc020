import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);
import{a,b}from"./cli-chunk-GHJYVMN3.js";import"./cli-chunk-SMIS7FWQ.js";import"./cli-chunk-TXNLZQLL.js";export{a as loadCarriers,b as needsCarriers};

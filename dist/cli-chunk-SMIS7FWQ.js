import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);
import{a as r}from"./cli-chunk-TXNLZQLL.js";var t=["patroni","cloudnativepg","container"],n=r(e=>t.includes(e),"isCarrierKind");export{t as a,n as b};

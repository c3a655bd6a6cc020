import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);
var e=[10,11,12,13,14,15,16,17,18],t=18,r=["error","warning","info"];export{e as a,t as b,r as c};

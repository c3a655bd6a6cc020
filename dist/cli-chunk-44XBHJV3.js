import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);
import{a as o}from"./cli-chunk-TXNLZQLL.js";var u=new TextDecoder("utf-8",{fatal:!0,ignoreBOM:!0});function c(t){try{return{text:u.decode(t),encoding:"utf8"}}catch{return{text:Buffer.from(t.buffer,t.byteOffset,t.byteLength).toString("latin1"),encoding:"latin1"}}}o(c,"decode");function f(t){let r=1;for(let n=t.indexOf(`
`);n!==-1;n=t.indexOf(`
`,n+1))r++;let e=new Int32Array(r),i=1;for(let n=t.indexOf(`
`);n!==-1;n=t.indexOf(`
`,n+1))e[i++]=n+1;return e}o(f,"computeLineStarts");function s(t,r,e){let{text:i,encoding:n}=typeof e=="string"?{text:e,encoding:"utf8"}:c(e);return{path:t,absPath:r,text:i,encoding:n,lineStarts:f(i)}}o(s,"createSourceFile");function d(t,r){let e=t.lineStarts,i=Math.max(0,Math.min(r,t.text.length)),n=0,a=e.length-1;for(;n<a;){let l=n+a+1>>1;e[l]<=i?n=l:a=l-1}return{line:n+1,column:i-e[n]+1}}o(d,"lineColumn");function g(t,r){return t.lineStarts[Math.max(0,Math.min(r-1,t.lineStarts.length-1))]}o(g,"lineStart");export{c as a,s as b,d as c,g as d};

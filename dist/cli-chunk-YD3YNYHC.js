import { createRequire as __pgclCreateRequire } from 'node:module'; const require = __pgclCreateRequire(import.meta.url);
import{h as M}from"./cli-chunk-L67BKTVC.js";import{c as C}from"./cli-chunk-44XBHJV3.js";import{a as s}from"./cli-chunk-TXNLZQLL.js";function O(e,n){let t=n.get(e.loc.file);if(!t)return{line:1,column:1,endLine:1,endColumn:1};let o=C(t,e.loc.start),i=C(t,e.loc.end);return{line:o.line,column:o.column,endLine:i.line,endColumn:i.column}}s(O,"locate");function v(e){let n={error:0,warning:0,info:0};for(let t of e)t.suppressed||n[t.severity]++;return n}s(v,"summarize");function L(e){return e.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,n=>{let t=n.charCodeAt(0);return t<256?`\\x${t.toString(16).padStart(2,"0")}`:`\\u${t.toString(16).padStart(4,"0")}`}).replace(/\n/g,"\\n")}s(L,"safeTerminalText");var I=new Set(["info"]);function f(e,n){return`${e} ${n}${e===1||I.has(n)?"":"s"}`}s(f,"plural");function re(e){let n=L(e);return/^[\s:]/.test(n)?"./"+n:n}s(re,"safePathText");function oe(e){return e.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,n=>{let t=n.charCodeAt(0);return t<256?`\\x${t.toString(16).padStart(2,"0")}`:`\\u${t.toString(16).padStart(4,"0")}`})}s(oe,"neutralizeControls");import{dirname as F}from"node:path/posix";var w="\u200D";function d(e){return L(e.replace(/\r\n|\r|\n|\u2028|\u2029/g," ")).replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/[\\`*_[\]!|~#$]/g,n=>"\\"+n).replace(/@/g,"@"+w).replace(/:\/\//g,":"+w+"//").replace(/\bwww\./gi,n=>n.slice(0,3)+w+".").replace(/\\#(?=\w)/g,"\\#"+w)}s(d,"escapeMarkdown");var U={error:"\u{1F534} error",warning:"\u{1F7E0} warning",info:"\u{1F535} info"},z=512*1024,Q=15;function N(e){if(e.input.name)return e.input.name;let n=new Set(e.input.files.map(i=>i.abs)),o=[...e.sources.values()].find(i=>n.has(i.absPath))?.path??e.unreadable[0]?.path;return o?F(o):e.input.dir}s(N,"clusterLabel");function q(e,n){let t=e.clusters.map(r=>({label:N(r),cluster:r,diagnostics:[]})),o=new Map;for(let r of t){for(let u of r.cluster.sources.keys())o.has(u)||o.set(u,r);for(let u of r.cluster.unreadable)o.has(u.path)||o.set(u.path,r)}let i={label:"other",diagnostics:[]};for(let r of n)(o.get(r.loc.file)??i).diagnostics.push(r);return i.diagnostics.length&&t.push(i),t}s(q,"groupByCluster");function p(e){return Buffer.byteLength(e,"utf8")}s(p,"byteLength");function Y(e,n,t){let o=O(e,n.sources),i=d(`${e.loc.file}:${o.line}:${o.column}`),r=t.linkFile?.(e.loc.file,o.line),u=r?`[${i}](${r})`:i,l=d(e.message)+(e.help?`<br>\u21B3 ${d(e.help)}`:""),c=e.suppressed?`\u26AA ${e.severity} (suppressed)`:U[e.severity],y=e.suppressed?`<br>suppressed: ${d(e.suppressed.reason)}`:"";return`| ${c} | ${u} | [${e.rule}](${M(e.rule)}) | ${l}${y} |`}s(Y,"row");var k=`| severity | location | rule | message |
|---|---|---|---|`;function ae(e,n={}){return J(e,n).text}s(ae,"formatMarkdown");function J(e,n={}){let t=n.maxBytes??z,o=n.diagnostics??e.diagnostics,i=o.filter(a=>!a.suppressed),r=o.filter(a=>a.suppressed),u=v(o),l=u.error+u.warning+u.info,c=[];n.header&&c.push(n.header),c.push(`## ${n.title??"pgconf-lint"}`,"");let y=`${f(u.error,"error")}, ${f(u.warning,"warning")}, ${f(u.info,"info")}`;c.push(l===0?`\u2705 **No problems found** in ${f(e.files.length,"file")} (${f(e.clusters.length,"cluster")}).`:`${u.error?"\u274C":"\u26A0\uFE0F"} **${f(l,"problem")}** (${y}) in ${f(e.files.length,"file")} (${f(e.clusters.length,"cluster")}).`),r.length&&c.push("",`${f(r.length,"finding")} suppressed by directives or configuration (listed below, not counted).`);for(let a of n.notes??[])c.push("",a);c.push("");for(let a of n.sections??[])c.push(a);let b=W(e),P=s(a=>`
\u2026 ${f(a,"more finding")} not shown here (size limit); the SARIF or JSON report (\`--format sarif\`/\`json\`) has them all.
`,"omittedLine"),m=t-p(c.join(`
`))-p(b)-256,x=[],$=0,j=s(a=>{let g=[];for(let S of a){let h=Y(S,e,n)+`
`;if(m-p(h)<0){$++;continue}m-=p(h),g.push(h)}return g.join("")},"fitRows"),V=q(e,[...i,...r]);for(let a of V){let g=a.diagnostics.filter(G=>!G.suppressed);if(!g.length)continue;let S=a.cluster,h=`### ${d(a.label)}`+(S?` \u2014 PostgreSQL ${S.input.major}`:""),R=v(g),B=`${f(R.error,"error")}, ${f(R.warning,"warning")}, ${f(R.info,"info")}`,T=g.length>Q,_=T?`<details><summary>${B}</summary>

${k}`:`${B}

${k}`,D=T?`
</details>
`:`
`,E=`${h}

${_}
${D}`;if(m-p(E)-1<=0){$+=g.length;continue}m-=p(E)+1,x.push(`${h}

${_}
${j(g)}${D}`)}if(r.length){let a=`<details><summary>${f(r.length,"suppressed finding")}</summary>

${k}
`,g=`
</details>
`;m-p(a+g)-1>0?(m-=p(a+g)+1,x.push(a+j(r)+g)):$+=r.length}return{text:c.join(`
`)+`
`+x.join(`
`)+($?P($):"")+b,omitted:$}}s(J,"markdownReport");function W(e){if(!e.clusters.length)return`
No PostgreSQL configuration files were found.
`;let n=s(l=>{let c=[...l.sources.values()].map(b=>d(b.path)),y={flag:"set by pg-version",config:"from the config file",PG_VERSION:"from PG_VERSION",path:"from the path",default:"the newest supported",carrier:"named by the carrier file"}[l.input.versionSource];return`- **${d(N(l))}**: PostgreSQL ${l.input.major} (${y}); ${f(c.length,"file")}: ${c.join(", ")}`},"line"),t=[...new Set(e.clusters.map(l=>l.input.major))].sort((l,c)=>l-c),o=`Checked ${f(e.files.length,"file")} in ${f(e.clusters.length,"cluster")} (PostgreSQL ${t.join(", ")})`,i="",r=0,u=0;for(let l of e.clusters){let c=n(l);if(r+p(c)>16*1024)break;i+=c+`
`,r+=p(c)+1,u++}return u<e.clusters.length&&(i+=`- \u2026 and ${f(e.clusters.length-u,"more cluster")}
`),`
<details><summary>${o}</summary>

${i}
</details>
`}s(W,"checkedSection");function H(e,n){if(n.loc)return n.loc;let t=n.name.toLowerCase();if(!e.cluster.assignments.some(o=>o.key===t&&o.status==="invalid"&&!o.ignored&&!o.overriddenBy))return e.clusterLoc()}s(H,"requiredSettingLoc");var A=[["TB",1024**4],["GB",1024**3],["MB",1024**2],["kB",1024],["B",1]],X=[["d",864e5],["h",36e5],["min",6e4],["s",1e3],["ms",1]];function Z(e,n){if(!n||!Number.isInteger(e)||e<=0)return String(e);let t=n==="8kB"?8192:void 0,o=t!==void 0||A.some(([l])=>l===n)?A:X,i=t??o.find(([l])=>l===n)?.[1];if(i===void 0)return String(e);let r=e*i,u=t!==void 0?1024:i;for(let[l,c]of o)if(c>=u&&r%c===0)return`${r/c}${l}`;return`${e}${n}`}s(Z,"withUnit");function K(e){let n=e.assignment?.line.value.raw;return n!==void 0?n:e.def.type==="string"?ee(e.canonical):e.def.type==="integer"&&typeof e.value=="number"?Z(e.value,e.def.unit):e.canonical}s(K,"shownValue");function ee(e){return`'${e.replace(/'/g,"''")}'`}s(ee,"quoteConf");function ne(e,n=K(e)){return e.isDefault?`${e.name} (not set; the default is ${n})`:`${e.name} = ${n}`}s(ne,"settingText");function pe(e,n,t,o,i){let r=e.setting(n);if(!r||r.value!==t)return;let u=H(e,r);u&&e.report({loc:u,message:`${ne(r)}: ${o}`,help:i})}s(pe,"reportRequiredSetting");export{O as a,v as b,L as c,f as d,re as e,oe as f,d as g,ae as h,H as i,Z as j,K as k,ee as l,ne as m,pe as n};

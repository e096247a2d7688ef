/**
 * Script-injection payloads for the XSS tests (issue #7 item 2). Each one, if it ever ran, would
 * open a dialog (`alert(1)`) and/or print `XSS-MARKER` on the console: the browser test listens
 * for both. They cover the usual families (OWASP's filter evasion cheat sheet, PortSwigger's XSS
 * cheat sheet): script tags, event handlers, `javascript:`/`data:` URLs hidden by entities,
 * whitespace and case, SVG/MathML namespace confusion, raw-text elements (`<xmp>`, `<noscript>`,
 * `<textarea>`, `<title>`, `<template>`), style attributes, broken and unclosed tags, attribute
 * breakouts for values printed into attributes, and Unicode tricks.
 */
export const xssMarker = 'XSS-MARKER';

/** Both signals at once, for payloads where a statement list fits. */
const run = `alert(1);console.log('${xssMarker}')`;

export const xssPayloads: readonly string[] = [
  // script tags
  `<script>${run}</script>`,
  `<SCRIPT>${run}</SCRIPT>`,
  `<script src=data:text/javascript,${encodeURIComponent(run)}></script>`,
  `<script\x20type="text/javascript">${run}</script>`,
  `<scr<script>ipt>${run}</scr</script>ipt>`,
  `<<script>${run}//<</script>`,
  `<script>/*</script>*/${run}</script>`,
  `<script/x>${run}</script>`,
  // event handlers
  `<img src=x onerror="${run}">`,
  `<IMG SRC=x OnErRoR=alert(1)>`,
  `<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>`,
  `<img src="x" onerror\t=\t"console.log('${xssMarker}')">`,
  `<img/src=x/onerror=alert(1)>`,
  `<body onload="${run}">`,
  `<svg onload="${run}">`,
  `<svg/onload=alert(1)>`,
  `<details open ontoggle="${run}">`,
  `<input autofocus onfocus="${run}">`,
  `<video><source onerror="${run}"></video>`,
  `<audio src=x onerror="${run}">`,
  `<marquee onstart="${run}">x</marquee>`,
  `<div onmouseover="${run}" style="position:fixed;inset:0">x</div>`,
  `<p onclick="${run}">bấm vào đây</p>`,
  // javascript: and data: URLs, with entities, whitespace and case
  `<a href="javascript:${run}">liên kết</a>`,
  `<a href="JaVaScRiPt:alert(1)">liên kết</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`,
  `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>`,
  `<a href="jav&#x09;ascript:alert(1)">x</a>`,
  `<a href="jav\tascript:alert(1)">x</a>`,
  `<a href=" &#14; javascript:alert(1)">x</a>`,
  `<a href="javascript&colon;alert(1)">x</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
  `<iframe src="javascript:${run}"></iframe>`,
  `<iframe srcdoc="&lt;script&gt;parent.alert(1)&lt;/script&gt;"></iframe>`,
  `<object data="data:text/html,<script>${run}</script>"></object>`,
  `<embed src="javascript:alert(1)">`,
  `<form action="javascript:alert(1)"><button>gửi</button></form>`,
  `<button formaction="javascript:alert(1)">x</button>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base href="javascript:alert(1)//">`,
  // SVG and MathML namespace tricks
  `<svg><script>${run}</script></svg>`,
  `<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>`,
  `<svg><animate onbegin="${run}" attributeName="x" dur="1s">`,
  `<svg><set attributeName="onmouseover" to="alert(1)"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${run}">`,
  `<math><a xlink:href="javascript:alert(1)">x</a></math>`,
  `<svg></p><style><a id="</style><img src=x onerror=alert(1)>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src=x onerror="${run}">`,
  // raw-text elements: the payload hides inside, then breaks out
  `<xmp><img src=x onerror="${run}"></xmp>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
  `<template><img src=x onerror="${run}"></template><div id=t></div>`,
  `<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>`,
  `<iframe><img title="</iframe><img src=x onerror=alert(1)>"></iframe>`,
  `</textarea><script>${run}</script>`,
  `</title><script>${run}</script>`,
  `</style><script>${run}</script>`,
  `</script><script>${run}</script>`,
  // style attributes and tags
  `<div style="background:url('javascript:alert(1)')">x</div>`,
  `<div style="width:expression(alert(1))">x</div>`,
  `<style>@import 'javascript:alert(1)';</style>`,
  `<link rel="stylesheet" href="javascript:alert(1)">`,
  // broken and unclosed tags
  `<img src=x onerror=alert(1)//`,
  `<img """><script>${run}</script>">`,
  `<a href="x" <img src=x onerror=alert(1)>>x</a>`,
  `<!--<img src="--><img src=x onerror="${run}">`,
  `<![CDATA[><img src=x onerror=alert(1)>]]>`,
  `<? echo '<img src=x onerror=alert(1)>' ?>`,
  `<img src=x onerror=alert(1) <`,
  // attribute breakouts, for values printed into attributes (value="…", title="…", href="…")
  `" onmouseover="${run}" autofocus onfocus="${run}" x="`,
  `' onfocus='${run}' autofocus x='`,
  `"><script>${run}</script>`,
  `'><img src=x onerror=alert(1)>`,
  `" style="position:fixed;inset:0" onmousemove="${run}`,
  `\`><img src=x onerror=alert(1)>`,
  // Unicode tricks
  `＜script＞${run}＜/script＞`,
  `<img src=x onerror="\u0061lert(1)">`,
  `\u202E<script>${run}</script>`,
  `<scr\u0000ipt>${run}</scr\u0000ipt>`,
  `<a href="java\u0000script:alert(1)">x</a>`,
  `<a href="\u2028javascript:alert(1)">x</a>`,
  `<img src=x onerror=\u0061\u006C\u0065\u0072\u0074(1)>`,
  `<ſcript>${run}</ſcript>`,
  `\uFEFF<script>${run}</script>`,
  // JSON-in-script breakouts (structured data on gallery pages)
  `</script><img src=x onerror=alert(1)>{"x":"`,
  `\\u003c/script\\u003e<script>${run}</script>`,
];

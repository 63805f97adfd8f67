/**
 * The 22 classic ways HTML runs script or reaches the network on its own: the cleaner's unit test, the preview's
 * test and the integration test of what a draft sends all use this list. `marker` is what must not survive; an
 * `inert` one is harmless once read as a browser reads it (nothing to take out, only to write out escaped).
 */
export const HOSTILE_HTML: { name: string; html: string; marker: RegExp; inert?: true }[] = [
  { name: 'script element', html: '<script>alert(1)</script>', marker: /<script|alert\(1\)/i },
  { name: 'img onerror', html: '<img src=x onerror=alert(1)>', marker: /onerror/i },
  { name: 'svg onload', html: '<svg onload=alert(1)><circle r="1"/></svg>', marker: /<svg|onload/i },
  { name: 'body onload', html: '<body onload="alert(1)"><p>x</p></body>', marker: /onload/i },
  { name: 'javascript: link', html: '<a href="javascript:alert(1)">x</a>', marker: /javascript:/i },
  { name: 'entity-encoded javascript: link', html: '<a href="&#106;&#97;vascript&colon;alert(1)">x</a>', marker: /&#106;|vascript/i },
  { name: 'tab inside javascript:', html: '<a href="java&#x09;script:alert(1)">x</a>', marker: /script:alert/i },
  { name: 'data:text/html link', html: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', marker: /data:text\/html/i },
  { name: 'iframe', html: '<iframe src="https://evil.example/"></iframe>', marker: /<iframe|evil\.example/i },
  { name: 'object', html: '<object data="https://evil.example/x.swf"></object>', marker: /<object|evil\.example/i },
  { name: 'embed', html: '<embed src="https://evil.example/x.swf">', marker: /<embed|evil\.example/i },
  { name: 'meta refresh', html: '<meta http-equiv="refresh" content="0;url=https://evil.example/">', marker: /refresh|evil\.example/i },
  { name: 'base href', html: '<base href="https://evil.example/"><a href="/x">x</a>', marker: /<base|evil\.example/i },
  { name: 'link preconnect', html: '<link rel="preconnect" href="https://evil.example/">', marker: /<link|evil\.example/i },
  { name: 'style @import', html: '<style>@import url(https://evil.example/x.css); p{color:red}</style>', marker: /@import|evil\.example/i },
  { name: 'style expression()', html: '<p style="width: expression(alert(1))">x</p>', marker: /expression/i },
  { name: 'style javascript: url', html: '<div style="background:url(javascript:alert(1))">x</div>', marker: /javascript:/i },
  { name: 'form with action', html: '<form action="https://evil.example/"><input name="q"><button>Go</button></form>', marker: /<form|<input|evil\.example/i },
  { name: 'button formaction', html: '<button formaction="javascript:alert(1)">x</button>', marker: /formaction|javascript:/i },
  { name: 'attribute breaking out of quotes', html: '<img src="x" alt="a"onerror="alert(1)">', marker: /onerror/i },
  { name: 'unclosed script in an attribute', html: '<p title="</p><script>alert(1)</script>">x</p>', marker: /<script/i, inert: true },
  { name: 'a ping', html: '<a href="https://example.com/" ping="https://evil.example/">x</a>', marker: /ping=|evil\.example/i },
];

/** The one cleaner, rule by rule: each input as the preview shows it and the draft sends it, and what was said to be left out. */
import * as assert from 'node:assert/strict';
import { describeRemoved, sanitizeHtml } from '../../../src/authoring/sanitizeHtml';

describe('the one cleaner, rule by rule', () => {
  const cases: [string, string, string, string[]][] = [
    [
      "entities in a URL are read as a browser reads them: hex, decimal, either case, no semicolon",
      "<a href=\"jav&#x61;script:alert(1)\">a</a><a href=\"&#106;avascript:x\">b</a><a href=\"&#X6A;avascript:x\">c</a><a href=\"&#106avascript:x\">d</a>",
      "<a>a</a><a>b</a><a>c</a><a>d</a>",
      ["4 unsafe link(s) or source(s)"],
    ],
    [
      "white space and control characters inside a scheme, &Tab;, a NUL or out-of-range code point, &colon;",
      "<a href=\"java\tscript:x\">e</a><a href=\"java&Tab;script:x\">f</a><a href=\"&#0;javascript:x\">g</a><a href=\"&#x110000;javascript:x\">h</a><a href=\"java&colon;x\">i</a>",
      "<a>e</a><a>f</a><a>g</a><a>h</a><a>i</a>",
      ["5 unsafe link(s) or source(s)"],
    ],
    [
      "merge tags before a URL: alone they stay; what follows them is the URL checked",
      "<a href=\"{{ unsubscribe_link }}\">u</a><a href=\"{{x}}javascript:alert(1)\">v</a><a href=\"{$url}\">w</a><a href=\"{{a}}{$b}https://ok.test\">x</a>",
      "<a href=\"{{ unsubscribe_link }}\">u</a><a>v</a><a href=\"{$url}\">w</a><a href=\"{{a}}{$b}https://ok.test\">x</a>",
      ["1 unsafe link(s) or source(s)"],
    ],
    [
      "http(s), mailto, tel, cid, fragments and relative paths stay, in any case; another scheme goes",
      "<a href=\"https://a.test\">1</a><a href=\"mailto:a@b.test\">2</a><a href=\"tel:+1\">3</a><img src=\"cid:logo\"><a href=\"ftp://x\">4</a><a href=\"HTTPS://A.TEST\">5</a><a href=\"#top\">6</a><a href=\"page.html\">7</a>",
      "<a href=\"https://a.test\">1</a><a href=\"mailto:a@b.test\">2</a><a href=\"tel:+1\">3</a><img src=\"cid:logo\"><a>4</a><a href=\"HTTPS://A.TEST\">5</a><a href=\"#top\">6</a><a href=\"page.html\">7</a>",
      ["1 unsafe link(s) or source(s)"],
    ],
    [
      "data: only for raster images, and only where an image goes",
      "<img src=\"data:image/png;base64,AAA\"><img src=\"data:image/jpg;base64,AAA\"><img src=\"data:image/jpeg;base64,AAA\"><img src=\"data:image/svg+xml;base64,AAA\"><a href=\"data:image/png;base64,AAA\">d</a><img src=\"data:text/html,x\">",
      "<img src=\"data:image/png;base64,AAA\"><img src=\"data:image/jpg;base64,AAA\"><img src=\"data:image/jpeg;base64,AAA\"><img><a>d</a><img>",
      ["3 unsafe link(s) or source(s)"],
    ],
    [
      "styles: comments and CSS escapes read first; expression, behavior, -moz-binding, script URLs go, https URLs stay",
      "<p style=\"color:red\">ok</p><p style=\"x:expr/**/ession(alert(1))\">c</p><p style=\"x:\\65 xpression(1)\">e</p><p style=\"background:url(javascript:alert(1))\">j</p><p style=\"background:url('https://ok.test/a.png')\">k</p><p style=\"behavior : url(x)\">b</p><p style=\"-moz-binding:url(x)\">m</p><p style=\"background:URL( &quot;vbscript:x&quot; )\">v</p>",
      "<p style=\"color:red\">ok</p><p>c</p><p>e</p><p>j</p><p style=\"background:url('https://ok.test/a.png')\">k</p><p>b</p><p>m</p><p>v</p>",
      ["6 unsafe style(s)"],
    ],
    [
      "a style block with @import goes whole; an end tag with attributes still ends it",
      "<style>@import url(x.css); p{color:red}</style><style>p{color:blue}</style><style>a{b:c}</style x><p>after</p>",
      "<style>p{color:blue}</style><style>a{b:c}</style><p>after</p>",
      ["1 unsafe style(s)"],
    ],
    [
      "tags as a browser reads them: self-closing, unquoted, spaced and valueless attributes, a quote never closed",
      "<br/><img src=x.png /><td nowrap width = \"50\" height='20' align=center>t</td><p class=a title=\"unclosed>rest",
      "<br /><img src=\"x.png\" /><td nowrap width=\"50\" height=\"20\" align=\"center\">t</td><p class=\"a\" title=\"unclosed&gt;rest\">",
      [],
    ],
    [
      "one of each attribute, the first; the renderer's marks go unsaid; handlers in any case are counted",
      "<p id=\"a\" id=\"b\" class=\"c code-line d\" dir=\"auto\" aria-label=\"L\" aria-x1=\"n\" data-line=\"3\" data-href=\"h\" data-config=\"c\" data-other=\"o\" content=\"x\" onclick=\"y\" ONLOAD=\"z\">p</p>",
      "<p id=\"a\" class=\"c d\" aria-label=\"L\">p</p>",
      ["2 event handler attribute(s)", "1 aria-x1=", "1 data-other="],
    ],
    [
      "meta stays for a charset or a page declaration, never for refresh or a referrer policy",
      "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><meta http-equiv=\"refresh\" content=\"0;url=x\"><meta name=\"referrer\" content=\"no\">",
      "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">",
      ["2 <meta>"],
    ],
    [
      "raw text stays text; unknown elements keep their text; stray end tags and void end tags vanish",
      "<title>a<b & c</title><textarea>x<y</textarea><custom>kept text</custom></script></iframe><br></br><hr/>",
      "<title>a&lt;b & c</title>kept text<br><hr />",
      ["1 <textarea>", "1 <custom>"],
    ],
    [
      "comments go, an unclosed one with the rest of the file",
      "a <!-- c --> b <!-- unclosed",
      "a  b ",
      [],
    ],
    [
      "a doctype is written one way; other declarations and processing instructions go",
      "<!doctype html><!DOCTYPE html PUBLIC \"x\"><?xml version=\"1.0\"?><p>x</p>",
      "<!DOCTYPE html><!DOCTYPE html><p>x</p>",
      [],
    ],
    [
      "a < that starts no tag, and every >, are written as text",
      "a < b > c <3 <  p> <1> </",
      "a &lt; b &gt; c &lt;3 &lt;  p&gt; &lt;1&gt; &lt;/",
      [],
    ],
    [
      "the Mermaid configuration span VS Code's renderer adds goes with what is in it; other spans stay",
      "<span id=\"markdown-mermaid\" aria-hidden=\"true\" data-mermaid-config=\"{}\"></span><span>kept</span><span id=\"markdown-mermaid\"><span>in</span></span>after",
      "<span>kept</span>after",
      [],
    ],
    [
      "everything that acts or fetches at once, each kind counted in the words the person reads",
      "<img src=\"x.png\" onerror=\"a()\" onload=\"b()\" ping=\"p\" formaction=\"f\" unknown=\"u\"><a href=\"javascript:x\">z</a><p style=\"@import x\">s</p><script>x</script><svg onload=1></svg>",
      "<img src=\"x.png\"><a>z</a><p>s</p>",
      ["1 <script>", "1 <svg>", "2 event handler attribute(s)", "1 ping=", "1 formaction=", "1 unknown=", "1 unsafe link(s) or source(s)", "1 unsafe style(s)"],
    ],
    [
      "a scheme spelled with entities is read decoded: a safe one stays, written plainly; a code point out of range is nothing",
      "<a href=\"&#x68;ttps://ok.test\">h</a><a href=\"&#X68;ttps://ok.test\">H</a><a href=\"&#104;ttps://ok.test\">d</a><a href=\"&#x110000;https://ok.test\">big</a><a href=\"&#x0;https://ok.test\">nul</a>",
      "<a href=\"https://ok.test\">h</a><a href=\"https://ok.test\">H</a><a href=\"https://ok.test\">d</a><a href=\"https://ok.test\">big</a><a href=\"https://ok.test\">nul</a>",
      [],
    ],
    [
      "a merge tag opens a URL only at its start, each whole, one after another; a colon after a path is no scheme",
      "<a href=\"x{{a}}javascript:alert(1)\">r</a><a href=\"{{ab}}javascript:x\">t</a><a href=\"{{a}}{{b}}javascript:x\">u</a><a href=\"page.html?q=a:b\">q</a><a href=\"http://ok.test\">p</a><a href=\"javascript:alert('https://')\">s</a><img src=\"x:data:image/png;base64,A\">",
      "<a href=\"x{{a}}javascript:alert(1)\">r</a><a>t</a><a>u</a><a href=\"page.html?q=a:b\">q</a><a href=\"http://ok.test\">p</a><a>s</a><img>",
      ["4 unsafe link(s) or source(s)"],
    ],
    [
      "styles: a comment with spaces, expression with a space, behavior without one, a URL of another scheme in any spelling",
      "<p style=\"x:expr/* a b */ession(1)\">1</p><p style=\"x:expression (1)\">2</p><p style=\"behavior:url(x)\">3</p><p style=\"background:url(ftp://x/a.png)\">4</p><p style=\"background:url( 'ftp://x' )\">5</p><p style=\"background:URL(ftp://x)\">6</p><p style=\"background:url (ftp://x)\">7</p><p style=\"background:url(/a.png)\">8</p>",
      "<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p><p>6</p><p>7</p><p style=\"background:url(/a.png)\">8</p>",
      ["7 unsafe style(s)"],
    ],
    [
      "tags closed by />, spaced = signs, a valueless attribute last, an unquoted value with a slash",
      "<img src=\"a.png\"/><br/ ><img src = a.png alt=b><img src=\"a.png\" alt><img src='b.png' title=x/>",
      "<img src=\"a.png\" /><br><img src=\"a.png\" alt=\"b\"><img src=\"a.png\" alt><img src=\"b.png\" title=\"x/\">",
      [],
    ],
    [
      "aria-* and the renderer's data- marks by their whole names only; dir and title keep every other value",
      "<p xaria-label=\"y\" aria-label=\"z\" data-lines=\"1\" xdata-line=\"2\" dir=\"rtl\" title=\"auto\" lang=\"en\">a</p>",
      "<p aria-label=\"z\" dir=\"rtl\" title=\"auto\" lang=\"en\">a</p>",
      ["1 xaria-label=", "1 data-lines=", "1 xdata-line="],
    ],
    [
      "a style block never closes its element early; raw text and its attributes are cleaned like the rest",
      "<style media=\"x\">p:after{content:\"</\"}</style><title id=\"t\">a>b</title><p>z</p>",
      "<style>p:after{content:\"<\\/\"}</style><title id=\"t\">a&gt;b</title><p>z</p>",
      ["1 media="],
    ],
    [
      "a doctype with more spaces; a declaration never closed takes the rest",
      "<!doctype  html><p>x</p><!unclosed declaration",
      "<!DOCTYPE html><p>x</p>",
      [],
    ],
    [
      "inside the Mermaid span even a stray < goes; a span whose id only starts alike stays",
      "<span id=\"markdown-mermaid\">a < b <span/>c</span>after<span id=\"markdown-mermaid-not\">k</span>",
      "after<span id=\"markdown-mermaid-not\">k</span>",
      [],
    ],
    [
      "raw text never closed is closed at the end",
      "<title>no end",
      "<title>no end</title>",
      [],
    ],
    [
      "a tag never closed is closed at the end",
      "<p title=\"x\"",
      "<p title=\"x\">",
      [],
    ],
  ];
  for (const [name, input, html, said] of cases) {
    it(name, () => {
      const cleaned = sanitizeHtml(input);
      assert.equal(cleaned.html, html);
      assert.deepEqual(describeRemoved(cleaned.removed), said);
    });
  }
});

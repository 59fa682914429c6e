/**
 * Hostile strings for the "rendered as text" tests: classic XSS vectors in the places a profile or
 * an event can carry them. Each would run `alert` or add an element if any of it were parsed as
 * markup or script.
 */
const TAGS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<select autofocus onfocus=alert(1)>',
  '<textarea autofocus onfocus=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '<link rel=import href="data:text/html,<script>alert(1)</script>">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<style>@import "javascript:alert(1)";</style>',
  '<div style="background:url(javascript:alert(1))">',
]
const BREAKOUTS = ['">', "'>", '</title>', '</textarea>', '</script>']

/** At least 50 distinct payloads: the vectors alone, then after attribute and element breakouts. */
export const XSS_PAYLOADS: readonly string[] = [
  ...TAGS,
  ...TAGS.slice(0, 20).map((tag, i) => `${BREAKOUTS[i % BREAKOUTS.length] ?? ''}${tag}`),
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  // The JSON-escaped spelling, as text: markup only if something unescapes it before parsing.
  '\\u003cimg src=x onerror=alert(1)\\u003e',
  '&lt;img src=x onerror=alert(1)&gt;',
  '<IMG SRC=x ONERROR=alert(1)>',
  '<img/src=x/onerror=alert(1)>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
]

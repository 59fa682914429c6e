// A note's content is HTML in Pipedrive: the panel's text must arrive as text, whatever it holds.
import { expect, it } from 'vitest'

import { noteHtml } from './note-html.ts'

it('escapes markup, quotes and ampersands, and keeps line breaks as <br>', () => {
  const text = `<script>alert("hi")</script> & it's <b>bold</b>\r\nline "2"\n&amp;\n`
  expect(noteHtml(text)).toBe(
    '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; it&#39;s &lt;b&gt;bold&lt;/b&gt;' +
      '<br>line &quot;2&quot;<br>&amp;amp;<br>'
  )
})

it('leaves plain text as it is', () => {
  expect(noteHtml('Joe Bloggs, 3 orders')).toBe('Joe Bloggs, 3 orders')
})

it('neutralises bidi controls the panel sent, so a note cannot read reversed in Pipedrive', () => {
  expect(noteHtml('Job: invoice\u202Efdp.exe\nx\u2067y\u2069')).toBe(
    'Job: invoice\uFFFDfdp.exe<br>x\uFFFDy\uFFFD'
  )
})

from ..browser import open_page


def test_chromium_renders_korean(chromium):
    page, watch = open_page(chromium, "about:blank")
    page.set_content("<p>서울</p><script>console.log('hi')</script>")
    assert page.evaluate("document.fonts.check('16px sans-serif', '서울')")
    watch.assert_clean()

"""Every page, in both languages, passes axe-core's accessibility rules in real chromium.

axe-core (bundled by axe-playwright-python, so it runs offline) checks what
can be checked by machine: contrast, labels, landmarks, headings, names of
links and buttons, ``lang`` attributes, ARIA.  Keyboard use is tested page by
page in the browser tests.
"""

from typing import Any

import pytest

from ..browser import open_page

PAGES = ["/", "/search?q=wel", "/cities/wellington", "/cities/san-francisco", "/agreements",
         "/agreements?kind=sister&continent=EU", "/events", "/events/wcsmf-12", "/timeline",
         "/sources", "/sources/wcsmf-2023-seoul.ko", "/cities/atlantis", "/query", "/visual",
         "/id/place/gn2179537", "/ontology", "/downloads"]


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations(site: str, chromium: Any, axe: Any, path: str,
                                     lang: str) -> None:
    sep = "&" if "?" in path else "?"
    page, _ = open_page(chromium, f"{site}{path}{sep}lang={lang}")
    page.wait_for_load_state("load")
    violations = axe.run(page).response["violations"]
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == [], found
    page.context.close()

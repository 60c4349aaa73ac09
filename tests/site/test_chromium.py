"""The site in a real browser (headless Chromium), at a phone's width and a desktop's: nothing spills sideways,
nothing is fetched from outside, and the search box works from files opened from disk."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
PAGES = ("index.html", "townships/niushan.html", "communities/niushan-xinhua.html", "lists/assist-2026.html",
         "notices/GS-2015-eval-niushan.html")

# A harness page: the site's page in a frame of the given width; once it has loaded, the harness writes what it
# measured into its own body, which --dump-dom prints. Reading the frame needs --allow-file-access-from-files.
HARNESS = """<!DOCTYPE html><html><body><iframe id="f" src="{src}" width="{width}" height="800"></iframe><script>
var frame = document.getElementById("f");
frame.onload = function () {{
  var page = frame.contentDocument, root = page.documentElement, found = {{}};
  found.overflow = root.scrollWidth - root.clientWidth;
  found.title = page.title;
  found.h1 = page.querySelector("h1") ? getComputedStyle(page.querySelector("h1")).fontSize : "";
  found.external = performance.getEntriesByType ? frame.contentWindow.performance.getEntriesByType("resource")
      .map(function (r) {{ return r.name; }}).filter(function (n) {{ return !/^file:/.test(n); }}) : [];
  var form = page.querySelector("form.search");
  found.search_visible = form ? !form.hidden : null;
  if (form) {{
    var box = page.getElementById("q");
    box.value = "新华";
    box.dispatchEvent(new Event("input"));
    found.hits = Array.prototype.map.call(page.querySelectorAll("#hits a"), function (a) {{
      return a.getAttribute("href"); }});
  }}
  document.body.setAttribute("data-found", JSON.stringify(found));
}};
</script></body></html>"""


def measure(page: Path, width: int, workdir: Path) -> dict[str, Any]:
    harness = workdir / f"harness-{width}.html"
    harness.write_text(HARNESS.format(src=page.as_uri(), width=width), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--allow-file-access-from-files",
             f"--user-data-dir={profile}", "--virtual-time-budget=5000", f"--window-size={width + 40},900",
             "--dump-dom", harness.as_uri()],
            capture_output=True, text=True, timeout=120, check=True).stdout
    found = re.search(r'data-found="([^"]*)"', dom)
    assert found is not None, dom[:500]
    measured: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return measured


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium 不存在（apt-get install -y chromium）")
@pytest.mark.parametrize("width", [360, 1280], ids=["phone", "desktop"])
def test_pages_fit_the_screen_and_search_works(cli: Any, tmp_path: Path, width: int) -> None:
    out = tmp_path / "public"
    assert cli("-C", EXAMPLE, "site", "-o", out).exit_code == 0
    for name in PAGES:
        found = measure(out / name, width, tmp_path)
        assert found["title"], name
        assert found["overflow"] <= 0, f"{name} is {found['overflow']}px wider than a {width}px screen"
        assert found["external"] == [], name
        if name == "index.html":
            assert found["search_visible"] is True
            assert "communities/niushan-xinhua.html" in found["hits"]

"""A county restyles its site with its own templates; a mistake in one is one line, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .test_site import county_copy


def test_a_county_stylesheet_replaces_the_built_in_one(cli: Any, tmp_path: Path) -> None:
    root, out = county_copy(tmp_path), tmp_path / "public"
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/site.css.j2").write_text("body { color: #000; }\n", encoding="utf-8")
    assert cli("-C", root, "site", "-o", out).exit_code == 0
    assert (out / "site.css").read_text(encoding="utf-8") == "body { color: #000; }\n"


def test_a_misspelt_field_in_a_county_page_template_is_one_line(cli: Any, tmp_path: Path) -> None:
    root, out = county_copy(tmp_path), tmp_path / "public"
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/page.html.j2").write_text("<h1>{{ page.titel }}</h1>\n", encoding="utf-8")
    result = cli("-C", root, "site", "-o", out)
    assert result.exit_code == 2, result.output
    assert "page.html.j2" in result.stderr and "titel" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not out.exists()  # nothing is written before every page has been laid out

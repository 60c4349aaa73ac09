"""The search index: every item in force, township, committee and notice, with the page that shows it.

Built from the pages themselves, so the search finds exactly what the site shows and nothing more.
"""

from __future__ import annotations

from .views import Page

KINDS = {"lists": "清单事项", "townships": "乡镇（街道）", "communities": "村（居）委会", "notices": "公示"}


def search_entries(pages: list[Page]) -> list[dict[str, str]]:
    """One entry per searchable thing: `t` its title, `k` what it is, `u` its link from the site's root."""
    entries: list[dict[str, str]] = []
    for page in pages:
        folder = page.path.split("/", 1)[0]
        if folder not in KINDS:
            continue
        if folder == "lists":
            if not page.lead.endswith("（现行）"):
                continue  # earlier versions are reached from the list; the search finds what is in force
            for section in page.sections:
                for table in section.tables if section.heading == "事项" else ():
                    entries += [{"t": f"{row.cells[0].text} {row.cells[1].text}", "k": page.title,
                                 "u": f"{page.path}#{row.anchor}"} for row in table.rows]
            continue
        entries.append({"t": page.title, "k": KINDS[folder] + (f" · {page.lead}" if page.lead else ""),
                        "u": page.path})
    return entries

"""Legal bases as documents cite them: 《中华人民共和国村民委员会组织法》第二十一条、第二十五条.

Every document that names the law behind a task (the agreement's clauses, the catalog notice's columns) takes
its text from here, so that one catalog item reads the same wherever it is printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..load.county import Entry
from ..models import Basis, Law
from .numerals import article


def law_name(law: str, laws: Mapping[str, Entry[Law]]) -> str:
    """The full name of a law in the register (`county.index(LAW)`), or its id if the register lacks it.

    A basis naming an unregistered law is an error of `zsht validate` (ZS204), which keeps the document from
    being rendered; the id is what is left to show anywhere else."""
    found = laws.get(law)
    return found.record.name if found is not None else law


def articles_text(articles: Iterable[int]) -> str:
    """The cited articles, each in full and in the order given: [21, 25] → 第二十一条、第二十五条; none → ""."""
    return "、".join(article(number) for number in articles)


def basis_text(basis: Iterable[Basis], laws: Mapping[str, Entry[Law]]) -> str:
    """Every legal basis of an item: each law between title marks, followed by its articles; bases joined by "；".

    [{law: cunweihui-law, articles: [21, 25]}, {law: shebao-law}] →
    《中华人民共和国村民委员会组织法》第二十一条、第二十五条；《中华人民共和国社会保险法》"""
    return "；".join(f"《{law_name(cited.law, laws)}》{articles_text(cited.articles)}" for cited in basis)

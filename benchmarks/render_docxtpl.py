"""The docxtpl side of bench_render.py: an equivalent Word template, and the context it needs.

The template is built with python-docx and carries the same clauses as templates/agreement.xml.j2
(title, number, parties, preamble, each item with its five points, funding and payment tables, breach,
disputes, term, copies, signatures, and the attachments 附件1 (the items) and 附件2 (the evaluation rules)),
written with docxtpl's Jinja tags.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.shared import Pt

from zsht.render.agreements import AgreementView
from zsht.render.numerals import capital_amount, chinese_number, figures


def make_template(path: Path) -> Path:
    """Write the docxtpl template to `path`."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Mm(210), docx.shared.Mm(297)
    document.styles["Normal"].font.size = Pt(16)
    add = document.add_paragraph
    document.add_heading("{{ year }}年度协助政府工作协议书", level=0)
    add("协议编号：{{ number }}")
    add("甲方：{{ party_a.name }}")
    add("负责人：{{ party_a.representative }}")
    add("乙方：{{ party_b.name }}")
    add("负责人：{{ party_b.representative }}")
    add("为推进政府行政管理与基层群众自治有效衔接和良性互动，根据{{ laws }}和《{{ county }}{{ catalog_title }}》"
        "（{{ catalog_document }}），按照“权随责走、费随事转”的原则，甲乙双方订立本协议。")
    document.add_heading("一、委托事项", level=1)
    add("{%p for item in items %}")
    document.add_heading("（{{ item.number }}）{{ item.name }}", level=2)
    add("主管部门：{{ item.department }}。")
    add("法律依据：{{ item.basis }}。")
    add("1. 目标要求：{{ item.targets }}")
    add("2. 评估方法：{{ item.evaluation }}")
    add("3. 甲方提供的条件和指导：{{ item.guidance }}")
    add("4. 随事项下放的权限和工作条件：{{ item.authority }}")
    add("5. 经费保障：工作经费{{ item.funding }}。")
    add("{%p endfor %}")
    document.add_heading("二、履约评估", level=1)
    add("{{ evaluation }}")
    document.add_heading("三、工作经费及支付", level=1)
    add("本协议约定的工作经费总额为人民币{{ total }}元（大写：{{ total_capital }}）。")
    _loop_table(document, ["序号", "委托事项", "经费（元）", "计费口径", "经费来源"], "items",
                ["{{ row.number }}", "{{ row.name }}", "{{ row.amount }}", "{{ row.unit }}", "{{ row.source }}"])
    _loop_table(document, ["期次", "支付时间", "比例", "金额（元）", "支付条件"], "payment",
                ["{{ row.number }}", "{{ row.due }}", "{{ row.share }}%", "{{ row.amount }}", "{{ row.condition }}"])
    for heading, field in (("四、违约责任", "breach"), ("五、争议解决", "disputes")):
        document.add_heading(heading, level=1)
        add("{{ " + field + " }}")
    document.add_heading("六、协议期限", level=1)
    add("本协议期限自{{ term }}止。")
    document.add_heading("七、其他", level=1)
    add("本协议一式{{ copies }}份，甲乙双方各执{{ half }}份，自双方负责人签字并加盖公章之日起生效。")
    signatures = document.add_table(rows=4, cols=2)
    cells = [["甲方（盖章）", "乙方（盖章）"], ["{{ party_a.name }}", "{{ party_b.name }}"],
             ["负责人（签字）：", "负责人（签字）："], ["{{ signing_date }}", "{{ signing_date }}"]]
    for row, texts in zip(signatures.rows, cells, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_page_break()
    add("附件1")
    document.add_heading("协助政府工作事项清单", level=1)
    _loop_table(document, ["序号", "委托事项", "主管部门", "目标要求", "经费（元）"], "items",
                ["{{ row.number }}", "{{ row.name }}", "{{ row.department }}", "{{ row.targets }}", "{{ row.amount }}"])
    add("合计：{{ total }}元")
    document.add_page_break()
    add("附件2")
    document.add_heading("履职履约双向评估办法", level=1)
    add("{%p if rules %}")
    add("评估主体及权重：{{ rules.panel | join('，') }}；至少{{ rules.min_categories }}类主体参加。")
    add("第三方满意度测评占履约得分的{{ rules.survey }}。")
    add("{%p for line in rules.criteria %}")
    add("{{ line }}")
    add("{%p endfor %}")
    add("{%p for line in rules.grades %}")
    add("{{ line }}")
    add("{%p endfor %}")
    add("{%p endif %}")
    document.save(str(path))
    return path


def _loop_table(document: Any, header: list[str], source: str, cells: list[str]) -> None:
    table = document.add_table(rows=4, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for row in " + source + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def context(view: AgreementView) -> dict[str, Any]:
    """The same agreement as plain data, every figure already formatted (docxtpl only fills it in)."""
    items = [{**item.__dict__, "number": index, "amount": figures(item.amount) if item.amount is not None else "—"}
             for index, item in enumerate(view.items, 1)]
    return {
        **view.__dict__, "laws": "、".join(f"《{law}》" for law in view.laws), "items": items,
        "payment": [{**p.__dict__, "number": chinese_number(i), "amount": figures(p.amount)}
                    for i, p in enumerate(view.payment, 1)],
        "party_a": view.party_a.__dict__, "party_b": view.party_b.__dict__,
        "rules": view.rules.__dict__ if view.rules is not None else None,
        "total": figures(view.total), "total_capital": capital_amount(view.total),
        "copies": chinese_number(view.copies), "half": chinese_number(view.copies // 2),
    }

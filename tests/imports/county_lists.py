"""County lists shaped like the real documents, built with python-docx and openpyxl for the import tests.

`python -m tests.imports.county_lists` writes them into tests/data/imports/ for trying `zsht import catalog`
by hand; the tests build their own copies in tmp_path.

The Word list (协助事项) has a title above the table, a two-row header (权随责走 spanning 权限 | 工作条件),
category rows merged across the table, a department merged down two items, numbering “1.”, full-width
digits, short law names, the usual department abbreviations, an unknown law, an unknown department, a funding
text without an amount, a blank row and a note under the table.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

HEADER = ["序号", "事项名称", "责任部门", "法律依据", "工作要求", "考核评价", "权随责走", "权随责走", "经费保障"]
SUBHEADER = ["序号", "事项名称", "责任部门", "法律依据", "工作要求", "考核评价", "权限", "工作条件", "经费保障"]

# (number, name, department, basis, requirements, evaluation, authority, conditions, funding)
ASSIST_ROWS: list[Any] = [
    "一、民政类（3项）",
    ("1.", "最低生活保障申请受理协助和民主评议公示", "县民政局",
     "《社会救助暂行办法》第十一条；《城市居民最低生活保障条例》第七条",
     "协助受理低保申请，组织民主评议并公示", "查阅受理登记和公示照片", "受理低保申请并出具初审意见", "使用社会救助信息系统",
     "每村（社区）每年２０００元，县财政列支，年初拨付50%"),
    ("2.", "村（居）民委员会换届选举组织", None,  # merged down from the row above
     "《中华人民共和国村民委员会组织法》第二十一条、第二十五条",
     "依法组织选举委员会", "查阅选举资料", "召集选举委员会会议", "",
     "每村每届3000元，县财政列支，选举结束后一次拨付"),
    ("3.", "老年人优待证申办协助", "县老龄办", "《老年人权益保障法》第五十七条",
     "协助办理老年人优待证", "抽查办证台账", "代收申请材料", "", "每年1,500元，县民政局专项经费，年终结算"),
    "二、社会事务类（4项）",
    ("4.", "残疾人证申领和康复服务协助", "县残联", "《残保法》第十七条至第十九条",
     "协助残疾人证申领", "回访残疾人家庭", "代办残疾人证申领", "", "每村（社区）每年1000元，县残联专项经费，年底一次性拨付"),
    ("5.", "征兵宣传和适龄青年兵役登记", "县人武部", "《兵役法》第十二条",
     "组织适龄青年兵役登记", "查阅登记册", "通知适龄青年登记", "", "按实际工作量据实结算"),
    ("6.", "食品安全信息员工作", "县食药监局", "《食品安全法》第七条；《江苏省食品小作坊和食品摊贩管理条例》第五条",
     "报告食品安全隐患", "查阅报告记录", "", "", "每年800元，县财政列支"),
    ("7.", "计划生育服务协助", "县卫计委", "《村委会组织法》第21条", "宣传生育政策", "抽查台账", "", "", "无"),
    "",  # a blank row, as tables left from editing have
    "三、文化类（1项）",
    ("8.", "农家书屋日常管理", "县文广新局", "依照县委宣传部有关文件", "书屋每周开放不少于3天", "查阅借阅登记",
     "", "", "每村每年五百元，县财政列支"),
    "注：经费标准为每个村（居）委会每年的金额，县财政统一列支。",
]


def assist_docx(path: Path) -> Path:
    """The 协助事项 list as a Word document (see the module's docstring)."""
    from docx import Document

    document = Document()
    document.add_paragraph("附件2")
    document.add_paragraph("东海县村（居）民委员会协助政府工作事项清单")
    table = document.add_table(rows=2, cols=len(HEADER))
    for column, (upper, lower) in enumerate(zip(HEADER, SUBHEADER, strict=True)):
        table.cell(0, column).text = upper
        table.cell(1, column).text = lower
    for column in (0, 1, 2, 3, 4, 5, 8):  # titles without parts span both header rows
        table.cell(0, column).merge(table.cell(1, column)).text = HEADER[column]
    table.cell(0, 6).merge(table.cell(0, 7)).text = "权随责走"
    for row in ASSIST_ROWS:
        cells = table.add_row().cells
        if isinstance(row, str):
            if row:
                cells[0].merge(cells[-1]).text = row
            continue
        for column, text in enumerate(row):
            if text is None:  # merged with the cell above
                above = table.cell(len(table.rows) - 2, column)
                above.merge(cells[column]).text = above.text.split("\n")[0]
            else:
                cells[column].text = text
    document.save(str(path))
    return path


DUTY_ROWS = [
    ("序号", "工作事项", "法律法规依据", "备注"),
    ("（一）", "召集和主持村民会议、村民代表会议", "《村委会组织法》第21条、第25条", ""),
    ("（二）", "办理本村公共事务和公益事业", "村民委员会组织法第二条", ""),
    ("（三）", "调解民间纠纷", "《中华人民共和国人民调解法》第八条", "人民调解委员会"),
    ("（四）", "宣传宪法、法律、法规和国家的政策", "《居委会组织法》第三条", "居委会适用"),
]


def duty_xlsx(path: Path) -> Path:
    """The 依法履职 list as an Excel workbook: a merged title row, a blank row, full-width numbering."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "依法履职事项"
    sheet.append(["东海县村（居）民委员会依法履行职责事项清单"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    for row in DUTY_ROWS:
        sheet.append(list(row))
    sheet.append(["说明：本清单由县民政局负责解释。"])
    sheet.merge_cells(f"A{sheet.max_row}:D{sheet.max_row}")
    book.save(str(path))
    return path


NEGATIVE_ROWS = [
    ("序号", "事项", "备注"),
    ("１", "与村（居）委会签订法定要求以外的行政责任书", ""),
    ("２", "在村（居）委会挂设部门工作机构牌子", "东政办发〔2014〕82号"),
    ("３", "要求村（居）委会出具职责范围以外的证明", ""),
]


def negative_csv(path: Path, encoding: str = "gbk") -> Path:
    """The 负面清单 as a CSV file in GBK, as Excel on a Chinese Windows saves it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(NEGATIVE_ROWS)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_all(folder: Path) -> None:
    """Write every list into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    assist_docx(folder / "协助事项清单.docx")
    duty_xlsx(folder / "依法履职事项.xlsx")
    negative_csv(folder / "负面清单-gbk.csv")


if __name__ == "__main__":
    write_all(Path(__file__).resolve().parents[1] / "data" / "imports")

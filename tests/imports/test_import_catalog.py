"""`zsht import catalog`: county lists in Word, Excel and CSV become catalogs; gaps are listed; refusals."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from .county_lists import ASSIST_ROWS, assist_docx, duty_xlsx, negative_csv

ASSIST = "catalogs/assist/2027.yaml"


def _imported(cli: Any, county: Path, source: Path, kind: str, *extra: str) -> tuple[Any, dict[str, Any], str]:
    result = cli("-C", county, "import", "catalog", source, "--kind", kind, "--year", "2027", *extra)
    assert result.exit_code == 0, result.output
    text = (county / f"catalogs/{kind}/2027.yaml").read_text(encoding="utf-8")
    return result, yaml.safe_load(text), text


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_word_list_items_departments_bases_and_funding_match_the_source(cli: Any, county: Path, tmp_path: Path) -> None:
    _, catalog, _ = _imported(cli, county, assist_docx(tmp_path / "协助事项.docx"), "assist")
    items = {item["id"]: item for item in catalog["items"]}
    source = [row for row in ASSIST_ROWS if isinstance(row, tuple)]
    assert [item["name"] for item in catalog["items"]] == [row[1] for row in source]
    assert catalog["title"] == "东海县村（居）民委员会协助政府工作事项清单" and catalog["year"] == 2027
    # 县民政局 merged down two rows; the usual abbreviations through the registry's aliases
    assert [item["department"] for item in catalog["items"]] == [
        "minzheng", "minzheng", "laoling", "canlian", "wuzhuang", "shiyaojian", "weiji", "县文广新局"]
    assert items["XZ-001"]["basis"] == [{"law": "shehui-jiuzhu", "articles": [11]},
                                        {"law": "chengshi-dibao", "articles": [7]}]
    assert items["XZ-002"]["basis"] == [{"law": "cunweihui-law", "articles": [21, 25]}]
    assert items["XZ-004"]["basis"] == [{"law": "canjiren-law", "articles": [17, 18, 19]}]  # 《残保法》第十七条至第十九条
    assert items["XZ-007"]["basis"] == [{"law": "cunweihui-law", "articles": [21]}]  # 《村委会组织法》第21条
    assert items["XZ-001"]["funding"] == {"amount": 2000, "unit": "元/村（社区）·年", "source": "县财政",
                                          "payment": "年初拨付50%"}  # full-width ２０００
    assert items["XZ-003"]["funding"]["amount"] == 1500 and items["XZ-003"]["funding"]["payment"] == "年终结算"
    assert items["XZ-008"]["funding"] == {"amount": 500, "unit": "元/村·年", "source": "县财政"}  # 五百元
    assert "funding" not in items["XZ-007"]  # 无
    # the two-row header: 权随责走 over 权限 | 工作条件, both read into authority
    assert items["XZ-001"]["authority"] == ["受理低保申请并出具初审意见", "使用社会救助信息系统"]
    assert items["XZ-001"]["requirements"] == "协助受理低保申请，组织民主评议并公示"


def test_word_list_file_names_its_source_and_keeps_categories_and_notes(cli: Any, county: Path, tmp_path: Path) -> None:
    result, _, text = _imported(cli, county, assist_docx(tmp_path / "协助事项.docx"), "assist")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/assist.schema.json"
    assert "协助事项.docx" in lines[1]
    assert "# 注：经费标准为每个村（居）委会每年的金额，县财政统一列支。" in lines[:6]
    for category, first in (("一、民政类（3项）", "XZ-001"), ("二、社会事务类（4项）", "XZ-004"), ("三、文化类（1项）", "XZ-008")):
        assert lines[lines.index(f"  # {category}") + 1] == f"  - id: {first}"
    assert result.stdout.splitlines()[0] == f"已写入 {ASSIST}：从 协助事项.docx 读取 8 项，3 个分类，1 条表注（写为注释）"
    assert "主管部门 7/8 项已识别" in result.stdout and "法律依据 6/8 项已识别" in result.stdout
    assert "经费 6/7 项已识别" in result.stdout


def test_gaps_are_listed_and_validate_points_at_each(cli: Any, county: Path, tmp_path: Path) -> None:
    result, _, _ = _imported(cli, county, assist_docx(tmp_path / "协助事项.docx"), "assist")
    out = result.stdout
    assert "未能识别 4 处" in out
    assert "法律依据登记册中没有《江苏省食品小作坊和食品摊贩管理条例》（XZ-006）：新建 legal/<编号>.yaml" in out
    assert "部门名录中没有“县文广新局”（XZ-008）" in out
    assert "XZ-005 经费“按实际工作量据实结算”中没有金额" in out
    assert "XZ-008 法律依据“依照县委宣传部有关文件”中没有可识别的法律名称" in out
    findings = [f for f in cli.findings(county) if f["file"] == ASSIST]
    for kept in ("按实际工作量据实结算", "《江苏省食品小作坊和食品摊贩管理条例》第五条", "县文广新局", "依照县委宣传部有关文件"):
        assert [f for f in findings if kept in f["message"] and f["severity"] == "error" and f["line"] > 1], kept


def test_excel_list_with_a_merged_title_row_and_a_note(cli: Any, county: Path, tmp_path: Path) -> None:
    result, catalog, text = _imported(cli, county, duty_xlsx(tmp_path / "依法履职.xlsx"), "duty")
    assert catalog["title"] == "东海县村（居）民委员会依法履行职责事项清单"
    assert [item["id"] for item in catalog["items"]] == ["LZ-001", "LZ-002", "LZ-003", "LZ-004"]
    assert [item["basis"] for item in catalog["items"]] == [
        [{"law": "cunweihui-law", "articles": [21, 25]}],
        [{"law": "cunweihui-law", "articles": [2]}],  # 村民委员会组织法第二条, without 《》
        [{"law": "tiaojie-law", "articles": [8]}],
        [{"law": "juweihui-law", "articles": [3]}],  # 《居委会组织法》
    ]
    assert catalog["items"][2]["note"] == "人民调解委员会"
    assert "# 说明：本清单由县民政局负责解释。" in text
    assert "法律依据 4/4 项已识别" in result.stdout
    assert not [f for f in cli.findings(county) if f["file"] == "catalogs/duty/2027.yaml" and f["severity"] == "error"]


def test_excel_two_row_header_under_a_merged_title(cli: Any, county: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "工作事项", "委托部门", "政策依据", "目标要求", "评估方法", "经费保障", None, None])
    sheet.append([None, None, None, None, None, None, "金额（元）", "来源", "拨付方式"])
    for column in "ABCDEF":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells("G1:I1")
    sheet.append(["一", "社区矫正协助", "县司法局", "《社区矫正办法》第三条", "协助日常管理", "查阅台账", 1200, "县财政", "年终结清"])
    sheet.append([None] * 9)
    sheet.append(["二", "人口普查入户登记", "县统计局", "《全国人口普查条例》第十条", "入户登记", "抽查", "3,000", "县财政列支", None])
    book.save(str(tmp_path / "协助.xlsx"))
    _, catalog, _ = _imported(cli, county, tmp_path / "协助.xlsx", "assist")
    first, second = catalog["items"]
    assert (first["name"], first["department"], second["department"]) == ("社区矫正协助", "sifa", "tongji")
    assert first["basis"] == [{"law": "jiaozheng-banfa", "articles": [3]}]
    assert second["basis"] == [{"law": "renkou-pucha", "articles": [10]}]
    assert first["funding"] == {"amount": 1200, "unit": "元", "source": "县财政", "payment": "年终结清"}
    assert second["funding"] == {"amount": 3000, "unit": "元", "source": "县财政"}


def test_gbk_csv_with_full_width_numbers(cli: Any, county: Path, tmp_path: Path) -> None:
    _, catalog, _ = _imported(cli, county, negative_csv(tmp_path / "负面清单.csv"), "negative")
    assert catalog["items"] == [
        {"id": "FM-001", "name": "与村（居）委会签订法定要求以外的行政责任书"},
        {"id": "FM-002", "name": "在村（居）委会挂设部门工作机构牌子", "note": "东政办发〔2014〕82号"},
        {"id": "FM-003", "name": "要求村（居）委会出具职责范围以外的证明"},
    ]
    assert "stages" not in catalog


def test_numbering_in_the_name_column_and_a_certificate_list_without_status(cli: Any, county: Path,
                                                                            tmp_path: Path) -> None:
    source = _csv(tmp_path / "证明.csv", [["证明名称", "设定依据", "办理用途"],
                                          ["1.居住证明", "《居住证暂行条例》第九条", "办理居住证"],
                                          ["（二）监护人证明", "《中华人民共和国民法典》第三十一条", "指定监护人"]])
    result, catalog, _ = _imported(cli, county, source, "certificate")
    assert [(i["name"], i["status"]) for i in catalog["items"]] == [("居住证明", "保留"), ("监护人证明", "保留")]
    assert catalog["items"][0]["basis"] == [{"law": "juzhuzheng", "articles": [9]}]
    assert catalog["items"][1]["basis"] == ["《中华人民共和国民法典》第三十一条"]
    assert "清单中没有“状态”列：各项均记为 保留" in result.stdout
    assert "法律依据登记册中没有《中华人民共和国民法典》（ZM-002）" in result.stdout


def test_columns_option_names_what_the_guess_misses(cli: Any, county: Path, tmp_path: Path) -> None:
    source = _csv(tmp_path / "协助.csv", [["序号", "任务", "牵头科室", "依据"], ["1", "低保协助", "县民政局", "《社会救助暂行办法》第十一条"]])
    missed = cli("-C", county, "import", "catalog", source, "--kind", "assist", "--year", "2027")
    assert missed.exit_code == 1, missed.output
    assert "没有找到可识别的清单" in missed.output and not (county / ASSIST).exists()
    _, catalog, _ = _imported(cli, county, source, "assist", "--columns", "任务=名称，牵头科室=主管部门")
    assert catalog["items"][0]["name"] == "低保协助" and catalog["items"][0]["department"] == "minzheng"
    wrong = cli("-C", county, "import", "catalog", source, "--kind", "assist", "--year", "2027", "--force",
                "--columns", "任务=颜色")
    assert wrong.exit_code == 2 and "--columns 中的“任务=颜色”无法理解" in wrong.output


def test_an_existing_catalog_is_replaced_only_with_force(cli: Any, county: Path, tmp_path: Path) -> None:
    source = negative_csv(tmp_path / "负面清单.csv")
    target = county / "catalogs/negative/2015.yaml"
    before = target.read_bytes()
    refused = cli("-C", county, "import", "catalog", source, "--kind", "negative", "--year", "2015")
    assert refused.exit_code == 1
    assert refused.output.strip() == "zsht: catalogs/negative/2015.yaml 已存在，未改动（确认要用导入的清单替换它时加 --force）"
    assert target.read_bytes() == before
    forced = cli("-C", county, "import", "catalog", source, "--kind", "negative", "--year", "2015", "--force")
    assert forced.exit_code == 0, forced.output
    assert len(yaml.safe_load(target.read_text(encoding="utf-8"))["items"]) == 3


def test_a_file_with_no_recognisable_list_writes_nothing(cli: Any, county: Path, tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("东海县2026年工作要点")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "甲", "乙"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "2"
    document.save(str(tmp_path / "要点.docx"))
    result = cli("-C", county, "import", "catalog", tmp_path / "要点.docx", "--kind", "duty", "--year", "2027")
    assert result.exit_code == 1
    assert result.output.startswith("zsht: 要点.docx：没有找到可识别的清单") and len(result.output.splitlines()) == 1
    assert not (county / "catalogs/duty/2027.yaml").exists()


def test_unreadable_files_are_usage_errors(cli: Any, county: Path, tmp_path: Path) -> None:
    (tmp_path / "旧.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "坏.docx").write_bytes(b"not a zip file")
    (tmp_path / "坏.csv").write_bytes(b"\xff\xfe\x00\x00\x80\x81\x82")
    cases = {"旧.doc": "旧.doc：不能导入 .doc 文件", "坏.docx": "坏.docx：不能作为 Word 文件读取",
             "没有.xlsx": "没有.xlsx：文件不存在", "坏.csv": "坏.csv："}
    for name, message in cases.items():
        result = cli("-C", county, "import", "catalog", tmp_path / name, "--kind", "duty", "--year", "2027")
        assert result.exit_code == 2, (name, result.output)
        assert message in result.output and len(result.output.strip().splitlines()) == 1, result.output
        assert "Traceback" not in result.output
    bad_kind = cli("-C", county, "import", "catalog", tmp_path / "坏.csv", "--kind", "plaque", "--year", "2027")
    assert bad_kind.exit_code == 2
    assert not (county / "catalogs/duty/2027.yaml").exists()


def test_invisible_control_characters_are_dropped(cli: Any, county: Path, tmp_path: Path) -> None:
    source = _csv(tmp_path / "负面.csv", [["序号", "事项"], ["1", "挂牌\x1b子"], ["注：\x07以上\x85事项"]])
    _, catalog, text = _imported(cli, county, source, "negative")  # PyYAML reads the file back
    assert catalog["items"] == [{"id": "FM-001", "name": "挂牌子"}]
    assert "# 注：以上事项" in text.splitlines()

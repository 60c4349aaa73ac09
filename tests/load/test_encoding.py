"""One guess at a file's encoding: what `zsht validate` names in ZS001 is what `zsht recode` converts from,
and a file recode would refuse is not called certain by validate."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

import pytest

from ..mini_county import MiniCounty

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"
LAW = "legal/traditional.yaml"
TRADITIONAL = "title: 協助政府工作協議書\nparty_a: 東海縣牛山街道辦事處\nparty_b: 新華社區居民委員會\nnote: 雙方經協商一致，訂立本協議。\n"


def _agreement(encode: Callable[[str], bytes]) -> Callable[[MiniCounty], str]:
    def write(mini: MiniCounty) -> str:
        path = mini.root / AGREEMENT
        path.write_bytes(encode(path.read_text(encoding="utf-8")))
        return AGREEMENT
    return write


def _traditional(encoding: str) -> Callable[[MiniCounty], str]:
    def write(mini: MiniCounty) -> str:
        (mini.root / LAW).write_bytes(TRADITIONAL.encode(encoding))
        return LAW
    return write


CERTAIN = [  # how the file is written, what validate calls its encoding, what recode prints
    pytest.param(_agreement(lambda text: text.encode("gbk")), "文件编码是 GBK（GB18030），不是 UTF-8", "GB18030", id="gbk"),
    pytest.param(_traditional("big5"), "文件编码是 Big5，不是 UTF-8", "BIG5", id="big5"),
    pytest.param(_agreement(lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le")),
                 "文件编码是 UTF-32，不是 UTF-8", "UTF-32", id="utf-32-le"),
    pytest.param(_agreement(lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
                 "文件编码是 UTF-16，不是 UTF-8", "UTF-16", id="utf-16-be"),
]


def _zs001(cli: Any, mini: MiniCounty, relpath: str) -> dict[str, Any]:
    [found] = [f for f in cli.findings(mini.root) if f["file"] == relpath]
    assert found["rule"] == "ZS001", found
    return found


@pytest.mark.parametrize(("write", "message", "recoded_from"), CERTAIN)
def test_validate_names_the_encoding_recode_converts_from(mini: MiniCounty, cli: Any, write: Callable[[MiniCounty], str],
                                                          message: str, recoded_from: str) -> None:
    relpath = write(mini)
    found = _zs001(cli, mini, relpath)
    assert found["message"].startswith(message + "（第 "), found
    assert found["hint"] == f"运行 zsht recode {relpath} 转为 UTF-8"
    result = cli("-C", mini.root, "recode", relpath)
    assert result.exit_code == 0 and result.output == f"{relpath}：{recoded_from} → UTF-8\n", result.output
    assert "ZS001" not in {f["rule"] for f in cli.findings(mini.root)}


UNCERTAIN = [  # how the file is written, why neither command is sure, the encoding both suggest trying
    pytest.param(_traditional("gb18030"), "无法确定文件编码，按 GB18030 能解码，但得到的文字不像正常的中文", "gb18030",
                 id="traditional-text-as-gb18030"),
    pytest.param(_agreement(lambda text: text.encode("utf-16-le")),
                 "含有 NUL 字节又没有字节顺序标记，可能是 UTF-16 或 UTF-32，无法确定", "utf-16-le", id="utf-16-without-mark"),
]


@pytest.mark.parametrize(("write", "doubt", "example"), UNCERTAIN)
def test_what_recode_refuses_validate_does_not_call_certain(mini: MiniCounty, cli: Any,
                                                             write: Callable[[MiniCounty], str], doubt: str,
                                                             example: str) -> None:
    relpath = write(mini)
    raw = (mini.root / relpath).read_bytes()
    found = _zs001(cli, mini, relpath)
    assert found["message"].startswith(f"文件不是有效的 UTF-8 文本：{doubt}（第 "), found
    assert found["hint"] == f"确认文件的编码后用 --from 指定，如 zsht recode --from {example} {relpath}"
    result = cli("-C", mini.root, "recode", relpath)
    assert result.exit_code == 1 and result.output == f"zsht: {relpath}：{doubt}，未改动（{found['hint']}）\n", \
        result.output
    assert (mini.root / relpath).read_bytes() == raw

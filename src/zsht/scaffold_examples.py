"""The commented examples `zsht init` writes into the empty registry and catalog files."""

from __future__ import annotations

# What each empty list of a new county looks like when filled: commented examples under the modeline, so that a
# person who opens the file sees the shape of a record (the JSON Schema then checks it as it is typed). The
# example lines are comments: the new county still validates clean.
EXAMPLES = {
    "townships": """\
# 本县乡镇（街道）名录。可用 zsht import registry 统计用区划代码.xlsx 从统计局的区划代码表导入，或照下例逐项填写：
# townships:
#   - id: baitabu              # 编号：名称去掉“镇、乡、街道”后的小写拼音
#     name: 白塔埠镇
#     code: "320722100000"     # 统计用区划代码（12 位，可选）
#     type: 镇                 # 乡、镇、街道、国营场、开发区
#     government: 东海县白塔埠镇人民政府
#     head: 张志强
# 各乡镇的村（居）委会写在 registry/communities/<乡镇编号>.yaml，zsht import registry 会一并生成。
""",
    "departments": """\
# 委托村（居）委会协助工作的县政府职能部门，协助事项的 department 填这里的编号。例：
# departments:
#   - id: minzheng
#     name: 东海县民政局
""",
    "social_orgs": """\
# 承接政府购买服务的社会组织（可选）。例：
# social_orgs:
#   - id: xinyue-yanglao
#     name: 东海县心悦居家养老服务中心
#     credit_code: 52320722MJ1234567A   # 统一社会信用代码（18 位）
#     category: 社区服务类
""",
    "duty": """\
# 村（居）民委员会依法履行职责事项。已有 Word 或 Excel 清单的，可用 zsht import catalog 导入。例：
# items:
#   - id: LZ-001
#     name: 召集和主持村民会议、村民代表会议，执行其决定、决议
#     basis:
#       - law: cunweihui-law     # legal/ 中法律的编号
#         articles: [21, 25]
#     applies_to: [村]           # 村、居；两者都适用时省略
""",
    "assist": """\
# 村（居）民委员会协助政府工作事项：主管部门、法律依据、目标要求、评估方法、权随责走、费随事转。
# 已有 Word 或 Excel 清单的，可用 zsht import catalog 导入；也可 zsht sheet export catalog 导出表格填写。例：
# items:
#   - id: XZ-001
#     name: 最低生活保障申请受理协助、入户调查和民主评议公示
#     department: minzheng       # registry/departments.yaml 中的编号
#     basis:
#       - law: shehui-jiuzhu
#         articles: [4, 11]
#     requirements: 协助受理低保申请，配合入户调查，组织民主评议并公示。
#     evaluation: 查阅受理登记和公示照片，随机回访低保家庭不少于3户。
#     authority:
#       - 受理低保申请并出具初审意见
#     funding:
#       amount: 2400
#       unit: 元/村（居）·年
#       source: 县财政
#       payment: 年初拨付50%，年终评估后结清
""",
    "negative": """\
# 村（居）民委员会减负工作事项清单（负面清单）：不得交由村（居）委会承担的事项。例：
# items:
#   - id: FM-001
#     name: 与村（居）委会签订法定要求以外的行政责任书、目标责任状
#     note: 出处，如 东政办发〔2014〕82号
""",
}

__all__ = ["EXAMPLES"]

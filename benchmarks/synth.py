#!/usr/bin/env python3
"""Generate a seeded synthetic records tree for benchmarks and end-to-end tests.

    python benchmarks/synth.py --doctors N [--seed S] [--as-of YYYY-MM-DD] [--faults]
                               [--force] --out DIR

The tree follows records.md (format version 1) and, without ``--faults``, passes every rule of
rules.md with zero errors and zero warnings as of ``--as-of``. The same arguments always give a
byte-identical tree: everything random comes from one ``random.Random(seed)`` consumed in a
fixed order, and nothing iterates over a set or depends on the clock.

The pipeline: build the program in memory (universities → doctors → enterprises → agreements →
reports → evaluations → meetings), optionally inject the faults of ``FAULTS`` into it, then
write one YAML file per record with a small emitter (PyYAML's dumper is too slow for 10⁵ files).

``--faults`` injects the fixed list ``FAULTS`` (one or more per rule id of rules.md), each into
records no other fault touches, and prints the (rule id, file) pairs a validator must report,
one per line after the counts; ``generate`` returns them too. A fault that has no candidate in
the program (too few doctors, an --as-of before any evaluation) is skipped, with a note on
standard error.
"""
from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

class Raw(str):
    """A scalar the YAML emitter writes exactly as given (0.30, an impossible date)."""


# --------------------------------------------------------------------------------------------
# Policy: the example of records.md, effective early enough that every agreement is after it.

POLICY = {
    "program": "百名博士进高新",
    "zone": "平顶山高新区",
    "effective_date": date(2020, 1, 1),
    "min_term_months": 12,
    "positions": ["科技副总", "科研中心副主任", "科技服务官"],
    "industries": {
        "leading": ["尼龙新材料", "高端装备制造", "电气装备"],
        "emerging": ["新一代信息技术", "新能源", "生物医药", "节能环保"],
    },
    "duties": ["技术升级方案", "技术难题", "科技项目申报", "成果转化", "创新平台"],
    "grades": ["优秀", "合格", "不合格"],
    "excellent_grade": "优秀",
    "excellent_ratio": Raw("0.30"),  # written as in records.md
    "excellent_reward_yuan": 10000,
    "report_due_days": 15,
    "final_report_due_days": 30,
    "evaluation_due_days": 60,
    "final_evaluators": ["党群工作部", "科技创新局", "高校科研处", "入驻企业"],
}
INDUSTRIES = POLICY["industries"]["leading"] + POLICY["industries"]["emerging"]
EXCELLENT, PASS, FAIL = POLICY["grades"]

# --------------------------------------------------------------------------------------------
# Vocabulary pools. (hanzi, pinyin) pairs give realistic ids such as zhang-wei.

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"),
    ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"),
    ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"), ("郑", "zheng"), ("谢", "xie"),
    ("韩", "han"), ("唐", "tang"), ("冯", "feng"), ("于", "yu"), ("董", "dong"), ("程", "cheng"),
    ("曹", "cao"), ("袁", "yuan"), ("邓", "deng"), ("沈", "shen"), ("彭", "peng"), ("吕", "lv"),
]
GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("霞", "xia"), ("平", "ping"),
    ("刚", "gang"), ("文", "wen"), ("华", "hua"), ("建", "jian"), ("国", "guo"), ("红", "hong"),
    ("志", "zhi"), ("鹏", "peng"), ("飞", "fei"), ("宇", "yu"), ("浩", "hao"), ("凯", "kai"),
    ("晨", "chen"), ("博", "bo"), ("瑞", "rui"), ("嘉", "jia"), ("欣", "xin"), ("怡", "yi"),
    ("思", "si"), ("婷", "ting"), ("琳", "lin"), ("亮", "liang"), ("斌", "bin"), ("峰", "feng"),
    ("辉", "hui"), ("海", "hai"), ("松", "song"), ("晓", "xiao"), ("立", "li"), ("新", "xin"),
    ("春", "chun"), ("雪", "xue"), ("梅", "mei"), ("东", "dong"), ("翔", "xiang"), ("俊", "jun"),
]
UNIVERSITIES = [
    ("hncj", "河南城建学院", "https://www.hncj.edu.cn"),
    ("pdsu", "平顶山学院", "https://www.pdsu.edu.cn"),
    ("zzu", "郑州大学", "https://www.zzu.edu.cn"),
    ("haust", "河南科技大学", "https://www.haust.edu.cn"),
    ("hpu", "河南理工大学", "https://www.hpu.edu.cn"),
    ("henu", "河南大学", "https://www.henu.edu.cn"),
    ("zzuli", "郑州轻工业大学", "https://www.zzuli.edu.cn"),
    ("haut", "河南工业大学", "https://www.haut.edu.cn"),
    ("ncwu", "华北水利水电大学", "https://www.ncwu.edu.cn"),
    ("zut", "中原工学院", "https://www.zut.edu.cn"),
    ("htu", "河南师范大学", "https://www.htu.edu.cn"),
    ("xcu", "许昌学院", "https://www.xcu.edu.cn"),
    ("nyist", "南阳理工学院", "https://www.nyist.edu.cn"),
    ("ayit", "安阳工学院", "https://www.ayit.edu.cn"),
    ("lit", "洛阳理工学院", "https://www.lit.edu.cn"),
]
CITIES = [
    ("zhengzhou", "郑州"), ("luoyang", "洛阳"), ("kaifeng", "开封"), ("nanyang", "南阳"),
    ("xinyang", "信阳"), ("xuchang", "许昌"), ("anyang", "安阳"), ("jiaozuo", "焦作"),
    ("shangqiu", "商丘"), ("zhoukou", "周口"), ("luohe", "漯河"), ("puyang", "濮阳"),
    ("xinxiang", "新乡"), ("hebi", "鹤壁"), ("sanmenxia", "三门峡"), ("jiyuan", "济源"),
]
COLLEGE_KINDS = [("keji", "科技学院"), ("ligong", "理工学院"), ("gongcheng", "工程学院"),
                 ("gongxueyuan", "工学院")]
DISCIPLINES = {
    "材料科学与工程": ["高分子复合材料", "尼龙改性", "纳米功能材料", "金属材料加工", "材料表面工程"],
    "化学工程与技术": ["精细化工", "催化反应工程", "化工过程强化", "固废资源化", "分离工程"],
    "机械工程": ["智能制造", "机械设计及理论", "数控加工技术", "机器人技术", "增材制造"],
    "电气工程": ["电力电子", "高电压与绝缘技术", "电机与电器", "智能电网", "电力系统自动化"],
    "计算机科学与技术": ["工业互联网", "机器视觉", "大数据分析", "人工智能", "嵌入式系统"],
    "控制科学与工程": ["过程控制", "智能检测", "模式识别", "工业自动化"],
    "环境科学与工程": ["水污染控制", "大气污染治理", "固废处理处置", "环境监测"],
    "药学": ["药物合成", "生物制药", "天然产物提取", "药物分析", "微生物发酵"],
    "动力工程及工程热物理": ["储能技术", "锂电池材料", "光伏发电", "余热回收"],
    "信息与通信工程": ["物联网技术", "信号处理", "无线通信", "智能传感"],
}
DISCIPLINE_BY_INDUSTRY = {
    "尼龙新材料": ["材料科学与工程", "化学工程与技术"],
    "高端装备制造": ["机械工程", "控制科学与工程"],
    "电气装备": ["电气工程", "控制科学与工程"],
    "新一代信息技术": ["计算机科学与技术", "信息与通信工程"],
    "新能源": ["动力工程及工程热物理", "电气工程", "材料科学与工程"],
    "生物医药": ["药学", "化学工程与技术"],
    "节能环保": ["环境科学与工程", "化学工程与技术", "动力工程及工程热物理"],
}
TITLES = ["讲师", "副教授", "教授", "副研究员", "研究员", "高级工程师"]
TOPICS = {
    "尼龙新材料": ["尼龙66改性", "工程塑料配方", "尼龙切片质量提升", "己二酸清洁生产",
                   "尼龙纤维纺丝工艺", "复合材料注塑成型"],
    "高端装备制造": ["生产线数字化", "数控机床精度提升", "焊接机器人应用", "大型铸件质量控制",
                     "智能仓储装备"],
    "电气装备": ["高压开关设备研发", "绝缘材料性能提升", "变压器能效优化", "输配电设备状态监测",
                 "智能配电终端"],
    "新一代信息技术": ["工业互联网平台", "机器视觉质检", "生产数据分析", "企业信息化系统",
                       "智能传感器"],
    "新能源": ["储能电池管理", "光伏组件效率提升", "氢能制备工艺", "锂电池正极材料",
               "充电设施智能运维"],
    "生物医药": ["原料药工艺优化", "中药有效成分提取", "制剂质量控制", "生物发酵工艺",
                 "医用材料研发"],
    "节能环保": ["工业废水处理", "余热回收利用", "固废综合利用", "烟气脱硫脱硝", "节能改造"],
}
# (pinyin tag, name word) per industry, for enterprise ids and names.
FIRM_WORDS = {
    "尼龙新材料": [("xincai", "新材料"), ("nilong", "尼龙科技"), ("suliao", "工程塑料")],
    "高端装备制造": [("zhuangbei", "智能装备"), ("zhonggong", "重工机械"), ("jixie", "精密机械")],
    "电气装备": [("dianqi", "电气"), ("dianli", "电力设备"), ("kaiguan", "开关")],
    "新一代信息技术": [("xinxi", "信息技术"), ("ruanjian", "软件"), ("shuzi", "数字科技")],
    "新能源": [("xinneng", "新能源"), ("chuneng", "储能科技"), ("guangfu", "光伏科技")],
    "生物医药": [("shengwu", "生物医药"), ("zhiyao", "制药"), ("yiliao", "医疗器械")],
    "节能环保": [("huanbao", "环保科技"), ("jieneng", "节能技术"), ("shuiwu", "水务科技")],
}
BRAND_CHARS = [
    ("hua", "华"), ("ding", "鼎"), ("heng", "恒"), ("tai", "泰"), ("rui", "瑞"), ("feng", "丰"),
    ("bo", "博"), ("yuan", "源"), ("tian", "天"), ("cheng", "成"), ("hong", "宏"), ("da", "达"),
    ("xin", "鑫"), ("run", "润"), ("jin", "金"), ("zhuo", "卓"), ("hang", "航"), ("cheng", "诚"),
    ("hui", "汇"), ("tong", "通"), ("de", "德"), ("chang", "昌"), ("an", "安"), ("yi", "亿"),
    ("dong", "东"), ("fang", "方"), ("ying", "鹰"), ("sheng", "盛"), ("kai", "凯"), ("li", "力"),
]
PARKS = {
    "尼龙新材料": "尼龙新材料产业园", "高端装备制造": "智能制造产业园", "电气装备": "电气装备产业园",
    "新一代信息技术": "科技创新创业园", "新能源": "新能源产业园", "生物医药": "生物医药产业园",
    "节能环保": "节能环保产业园",
}
AREA_CODES = ["410400", "410402", "410403", "410404", "410411", "410421"]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
MODES = ["技术攻关", "联合研发", "技术咨询", "项目共建", "技术服务", "人才共育"]
GOALS = ["配方优化", "工艺改进", "性能提升", "关键技术攻关", "降本增效", "质量稳定性提升"]
DUTY_TITLES = {
    "技术升级方案": ["编制{t}技术升级方案", "制定{t}工艺改进方案", "完成{t}改造可行性论证",
                     "协助企业编制创新发展规划"],
    "技术难题": ["攻关{t}中的关键技术难题", "解决{t}过程中的质量波动问题",
                 "分析{t}环节能耗偏高的原因", "排查{t}设备故障频发问题"],
    "科技项目申报": ["组织申报省级科技攻关项目", "协助企业申报市级重大科技专项",
                     "指导企业申报高新技术企业认定", "准备省自然科学基金联合项目材料"],
    "成果转化": ["推动{t}相关成果在企业中试", "促成派出单位{a}成果转化落地",
                 "完成{t}技术成果评价", "组织{a}专利许可洽谈"],
    "创新平台": ["筹建{t}工程技术研究中心", "申报市级企业技术中心", "建设校企联合实验室",
                 "推进新型研发机构备案"],
}
QUARTER_OPENINGS = [
    "本季度围绕{t}开展工作", "{name}博士本季度在企业驻点，重点推进{t}", "按照协议约定，本季度聚焦{t}",
    "本季度与企业技术团队共同推进{t}", "本季度继续开展{t}相关工作",
]
PROGRESS = [
    "完成了现场调研和问题梳理", "与企业技术团队召开专题研讨会{n}次", "完成小试验证，主要指标达到预期",
    "形成阶段性技术报告一份", "协调派出单位实验室开展样品测试", "完成关键工艺参数的对比试验",
    "组织企业技术人员专题培训{n}场", "梳理了企业技术需求清单", "完成项目申报书初稿",
]
NEXT_STEPS = [
    "推进中试放大", "完善工艺参数", "整理项目申报材料", "开展员工技术培训", "跟踪试产数据",
    "与派出单位对接成果转化事宜", "优化检测方法", "筹备专家论证会",
]
CN_NUMBERS = ["两", "三", "四", "五"]
DETAILS = [
    "已形成初步方案，待企业技术委员会审议。", "相关数据已提交企业质量部门复核。",
    "试验结果表明方案可行，下一步扩大验证范围。", "已与企业生产部门确定试产时间。",
    "材料已报送区科技创新局审核。", "存在的主要问题是试验周期较长，需要企业增加检测资源。",
]
BIO_EXTRAS = [
    "主持和参与多项省部级科研项目", "长期与地方企业开展技术合作", "在相关领域发表学术论文多篇",
    "熟悉企业研发和生产管理", "获得多项发明专利授权", "曾获省级科技进步奖",
]
DESCRIPTIONS = [
    "主要从事{t}相关产品的研发、生产和销售", "是区内{i}领域的骨干企业",
    "拥有省级工程技术研究中心", "近年来持续加大研发投入", "产品销往全国多个省份",
]
OPINIONS = {
    EXCELLENT: ["工作积极主动，围绕企业需求开展技术攻关，成效显著，企业评价很高。",
                "在技术难题攻关和项目申报方面贡献突出，带动企业研发能力明显提升。",
                "履职尽责，推动多项成果在企业落地，综合表现优秀。"],
    PASS: ["能够按照协议开展工作，按时报送工作进展，完成了约定任务。",
           "工作态度端正，与企业沟通顺畅，部分工作仍需加快推进。",
           "完成了年度主要工作，建议进一步加强成果转化。"],
    FAIL: ["在企业工作时间不足，工作报送不及时，协议约定任务推进缓慢。",
           "项目合作长期未取得有效进展，企业反映沟通不够。"],
}
FINAL_OPINIONS = [
    "入驻期间工作扎实，较好完成了协议约定的各项任务，企业满意度较高。",
    "服务期满，完成了主要合作任务，形成了可推广的经验做法。",
    "入驻期间发挥了专业优势，推动了企业技术进步，同意期满考核结果。",
]
MEETING_TOPICS = [
    "企业反映{t}方面的技术需求较多，希望增加校企对接频次。",
    "部分博士反映在企业工作时间与校内教学安排存在冲突。",
    "园区提出希望博士协助梳理企业科技项目申报计划。",
    "企业提出中试场地和检测设备不足，影响项目进度。",
    "派出单位建议建立成果转化定期对接机制。",
]
MEETING_RESOLUTIONS = [
    "由科技创新局牵头，每季度组织一次供需对接活动。",
    "派出单位与企业协商调整博士在企工作时间安排。",
    "园区协调共享检测平台，企业落实专人负责项目推进。",
    "党群工作部会同科技创新局跟踪问题整改情况。",
]
ATTENDEES = ["入驻企业", "入驻博士", "党群工作部", "科技创新局", "园区", "派出单位"]
OUTCOME_KEYS = ["patents_filed", "papers", "projects_applied", "results_transferred", "platforms"]


# --------------------------------------------------------------------------------------------
# Dates


def add_months(day: date, months: int) -> date:
    """Add calendar months, clamping to the target month's last day (records.md, 第七条)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def term_end(start: date, months: int) -> date:
    return add_months(start, months) - timedelta(days=1)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    first = date(year, 3 * q - 2, 1)
    return first, add_months(first, 3) - timedelta(days=1)


def quarters_overlapping(start: date, end: date) -> list[tuple[int, int]]:
    year, q = quarter_of(start)
    out = []
    while quarter_bounds(year, q)[0] <= end:
        out.append((year, q))
        year, q = (year, q + 1) if q < 4 else (year + 1, 1)
    return out


def residency_years(start: date, end: date) -> list[tuple[date, date]]:
    """Return the 12-month residency years wholly inside the term (第十六条)."""
    years, k = [], 1
    while term_end(start, 12 * k) <= end:
        years.append((add_months(start, 12 * (k - 1)), term_end(start, 12 * k)))
        k += 1
    return years


def credit_code(body17: str) -> str:
    """Append the GB 32100-2015 check character to 17 characters."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body17, CREDIT_WEIGHTS))
    return body17 + CREDIT_ALPHABET[(31 - total % 31) % 31]


# --------------------------------------------------------------------------------------------
# YAML emitter: enough YAML for these records, written as text.

_PLAIN_CJK = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]*$")
_PLAIN_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        raise TypeError("booleans are not part of the records format")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    if _PLAIN_CJK.match(value) or (_PLAIN_ID.match(value) and value not in _YAML_WORDS):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def emit(mapping: dict, indent: str = "") -> list[str]:
    lines = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(emit(value, indent + "  "))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                sub = emit(item, indent + "    ")
                sub[0] = f"{indent}  - {sub[0][len(indent) + 4:]}"
                lines.extend(sub)
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return lines


def to_yaml(mapping: dict) -> str:
    return "\n".join(emit(mapping)) + "\n"


# --------------------------------------------------------------------------------------------
# The program in memory


@dataclass
class Agreement:
    id: str
    doctor: str
    enterprise: str
    start: date
    end: date
    signed: date
    filed: date
    filing_number: str = ""
    topic: str = ""  # the enterprise topic the work is about
    quarterly: list[tuple[str, bool]] = field(default_factory=list)  # (period, was it due)
    final: date | None = None  # the final report's submission date


@dataclass
class Evaluation:
    id: str
    agreement: str
    doctor: str
    kind: str
    date: date
    round: int | None = None
    grade: str = PASS
    due: bool = False  # a required 年度 evaluation (art16.evaluation-missing otherwise)
    record: dict = field(default_factory=dict)


@dataclass
class Program:
    rng: random.Random
    as_of: date
    records: dict = field(default_factory=dict)  # relative path -> mapping, or str (raw text)
    universities: list = field(default_factory=list)  # (id, name)
    doctors: dict = field(default_factory=dict)  # id -> (name, discipline, university name)
    enterprises: dict = field(default_factory=dict)  # id -> industry
    agreements: list[Agreement] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    last_start: dict = field(default_factory=dict)  # doctor id -> start of their last agreement
    faults: list[tuple[str, str]] = field(default_factory=list)  # (rule, file) to be found
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rule, what) not injected

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def day_between(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def person_name(self) -> tuple[str, str]:
        surname, given = self.pick(SURNAMES), [self.pick(GIVEN)]
        if self.rng.random() < 0.6:
            given.append(self.pick(GIVEN))
        return (surname[0] + "".join(g[0] for g in given),
                f"{surname[1]}-{''.join(g[1] for g in given)}")


def unique_id(base: str, taken: dict) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# --------------------------------------------------------------------------------------------
# Building the records


def build_universities(p: Program, count: int) -> None:
    pool = list(UNIVERSITIES)
    synthetic = [(f"{c[0]}-{k[0]}", c[1] + k[1], f"https://www.{c[0]}{k[0]}.edu.cn")
                 for c in CITIES for k in COLLEGE_KINDS]
    p.rng.shuffle(synthetic)
    pool += synthetic
    for i in range(count):
        uid, name, site = pool[i] if i < len(pool) else (f"univ-{i:04d}", f"中原科技学院第{i}分院", None)
        record = {"name": name}
        if p.rng.random() < 0.7:
            record["research_office"] = p.pick(["科研处", "科学技术处", "科技处", "社会合作处"])
        if site and p.rng.random() < 0.8:
            record["website"] = site
        p.records[f"universities/{uid}.yml"] = record
        p.universities.append((uid, name))


def build_doctors(p: Program, count: int) -> None:
    # The two universities the 办法 names (第四条) send most doctors.
    weights = [6 if i < 2 else 1 for i in range(len(p.universities))]
    for _ in range(count):
        name, base = p.person_name()
        did = unique_id(base, p.doctors)
        uid, uname = p.rng.choices(p.universities, weights)[0]
        discipline = p.pick(list(DISCIPLINES))
        areas = p.rng.sample(DISCIPLINES[discipline], p.rng.randint(1, 3))
        record = {"name": name, "university": uid, "degree": "博士", "discipline": discipline}
        if p.rng.random() < 0.9:
            record["title"] = p.pick(TITLES)
        record["research_areas"] = areas
        if p.rng.random() < 0.6:
            record["bio"] = (f"{uname}{discipline}专业博士，主要从事{areas[0]}方面的研究，"
                             f"{p.pick(BIO_EXTRAS)}。")
        if p.rng.random() < 0.3:
            record["maintainers"] = [did]
        p.records[f"doctors/{did}.yml"] = record
        p.doctors[did] = (name, discipline, uname)


def build_enterprises(p: Program, count: int) -> None:
    names: dict = {}
    for _ in range(count):
        industry = p.pick(INDUSTRIES)
        while True:
            b1, b2 = p.pick(BRAND_CHARS), p.pick(BRAND_CHARS)
            tag, word = p.pick(FIRM_WORDS[industry])
            suffix = "股份有限公司" if p.rng.random() < 0.2 else "有限公司"
            name = f"平顶山{b1[1]}{b2[1]}{word}{suffix}"
            if b1 != b2 and name not in names:
                break
        names[name] = True
        eid = unique_id(f"pds-{b1[0]}{b2[0]}-{tag}", p.enterprises)
        body = "91" + p.pick(AREA_CODES) + "MA" + "".join(p.pick(CREDIT_ALPHABET) for _ in range(7))
        record = {"name": name, "credit_code": credit_code(body), "industry": industry,
                  "park": PARKS[industry] if p.rng.random() < 0.85 else "高新技术创业服务中心"}
        if p.rng.random() < 0.5:
            record["description"] = (p.pick(DESCRIPTIONS).format(t=p.pick(TOPICS[industry]), i=industry)
                                     + "。")
        if p.rng.random() < 0.7:
            record["needs"] = p.rng.sample(TOPICS[industry], p.rng.randint(1, 3))
        if p.rng.random() < 0.3:
            record["website"] = f"https://www.{eid.replace('-', '')}.com"
        if p.rng.random() < 0.2:
            record["maintainers"] = [f"{eid}-it"]
        p.records[f"enterprises/{eid}.yml"] = record
        p.enterprises[eid] = industry


def agreement_window(as_of: date) -> tuple[date, date]:
    """Return the range of start dates: 2022..2026, and at most a month past as_of."""
    if as_of < date(2022, 3, 1):
        raise ValueError("--as-of must be 2022-03-01 or later: agreements start in 2022..2026")
    return date(2022, 1, 1), min(date(2026, 12, 31), as_of + timedelta(days=31))


def random_start(p: Program, lo: date, hi: date) -> date:
    day = p.day_between(lo, hi)
    # Most residencies start on the 1st; some on the 29th..31st exercise month-end clamping.
    roll = p.rng.random()
    if roll < 0.7:
        day = day.replace(day=1)
    elif roll < 0.8:
        day = day.replace(day=min(calendar.monthrange(day.year, day.month)[1], p.pick([29, 30, 31])))
    return max(lo, min(day, hi))


def build_agreements(p: Program) -> None:
    lo, hi = agreement_window(p.as_of)
    enterprise_ids = list(p.enterprises)
    # 精准匹配 (第一条): most doctors go to an enterprise whose industry needs their discipline.
    matching: dict = {}
    for eid, industry in p.enterprises.items():
        for discipline in DISCIPLINE_BY_INDUSTRY[industry]:
            matching.setdefault(discipline, []).append(eid)
    terms = []  # (start, doctor, months)
    for did in p.doctors:
        months = p.pick([12, 12, 24])
        second = p.rng.random() < 0.4
        latest = hi - timedelta(days=(400 if second else 0))
        start = random_start(p, lo, max(lo, latest))
        terms.append((start, did, months))
        end = term_end(start, months)
        if second:
            gap_start = end + timedelta(days=1 + p.rng.choice([0, 0, 15, 60, 120]))
            if gap_start <= hi:
                terms.append((gap_start, did, p.pick([12, 12, 24])))
    terms.sort()
    per_year: dict = {}
    for start, _doctor, _months in terms:
        per_year[start.year] = per_year.get(start.year, 0) + 1
    width = max(3, len(str(max(per_year.values()))))
    seq: dict = {}
    filing_seq: dict = {}
    for start, did, months in terms:
        seq[start.year] = seq.get(start.year, 0) + 1
        aid = f"a{start.year}-{seq[start.year]:0{width}d}"
        end = term_end(start, months)
        signed = min(start - timedelta(days=p.rng.randint(3, 45)), p.as_of - timedelta(days=1))
        filed = p.day_between(signed + timedelta(days=1), min(start, p.as_of))
        discipline = p.doctors[did][1]
        enterprise = p.pick(matching[discipline] if discipline in matching and p.rng.random() < 0.8
                            else enterprise_ids)
        p.agreements.append(Agreement(aid, did, enterprise, start, end, signed, filed))
        p.last_start[did] = start  # terms are sorted by start
    for a in sorted(p.agreements, key=lambda a: (a.filed, a.id)):
        filing_seq[a.filed.year] = filing_seq.get(a.filed.year, 0) + 1
        a.filing_number = f"平高科备〔{a.filed.year}〕{filing_seq[a.filed.year]}号"
    for a in p.agreements:
        industry = p.enterprises[a.enterprise]
        a.topic = p.pick(TOPICS[industry])
        record = {"doctor": a.doctor, "enterprise": a.enterprise,
                  "position": p.rng.choices(POLICY["positions"], [5, 3, 2])[0],
                  "start": a.start, "end": a.end, "signed": a.signed,
                  "filing": {"number": a.filing_number, "date": a.filed},
                  "focus": a.topic + p.pick(GOALS), "mode": p.pick(MODES),
                  "coordinator": p.person_name()[0]}
        if p.rng.random() < 0.6:
            record["funding_yuan"] = p.rng.randint(5, 100) * 10000
        p.records[f"agreements/{a.id}.yml"] = record


def work_items(p: Program, a: Agreement, most: int) -> list[dict]:
    return [work_item(p, a, duty) for duty in p.rng.sample(POLICY["duties"], p.rng.randint(1, most))]


def work_item(p: Program, a: Agreement, duty: str) -> dict:
    area = p.pick(DISCIPLINES[p.doctors[a.doctor][1]])
    item = {"duty": duty, "title": p.pick(DUTY_TITLES[duty]).format(t=a.topic, a=area)}
    if p.rng.random() < 0.4:
        item["detail"] = p.pick(DETAILS)
    return item


def outcomes(p: Program, counts: list[int]) -> dict:
    return {k: p.pick(counts) for k in OUTCOME_KEYS if p.rng.random() < 0.5}


def report_record(p: Program, a: Agreement, submitted: date) -> dict:
    progress = p.pick(PROGRESS).format(n=p.pick(CN_NUMBERS))
    summary = p.pick(QUARTER_OPENINGS).format(name=p.doctors[a.doctor][0], t=a.topic) + f"，{progress}。"
    if p.rng.random() < 0.6:
        summary += f"下一步将{p.pick(NEXT_STEPS)}。"
    record = {"submitted": submitted, "summary": summary, "work": work_items(p, a, 3)}
    if p.rng.random() < 0.6:
        record["outcomes"] = outcomes(p, [0, 0, 0, 1, 1, 2]) or {"papers": 0}
    return record


def build_reports(p: Program) -> None:
    for a in p.agreements:
        add_reports(p, a)


def add_reports(p: Program, a: Agreement) -> None:
    """Write every due report of `a`, and some of those not yet due."""
    due_days = timedelta(days=POLICY["report_due_days"])
    final_due = timedelta(days=POLICY["final_report_due_days"])
    for year, q in quarters_overlapping(a.start, a.end):
        first, last = quarter_bounds(year, q)
        due = last + due_days < p.as_of  # 第十三条: otherwise art13.report-missing
        if not due and p.rng.random() > 0.3:
            continue
        # Within the quarter's last days or the grace period after it, never before it began.
        lo = max(first, a.start, last - timedelta(days=10))
        hi = min(last + due_days, p.as_of)
        if lo > hi:
            continue
        period = f"{year}Q{q}"
        p.records[f"reports/{a.id}/{period}.yml"] = report_record(p, a, p.day_between(lo, hi))
        a.quarterly.append((period, due))
    ended = a.end + timedelta(days=1)
    due = a.end + final_due < p.as_of  # 第十五条: otherwise art15.final-report-missing
    if ended <= p.as_of and (due or p.rng.random() < 0.5):
        a.final = p.day_between(ended, min(a.end + final_due, p.as_of))
        p.records[f"reports/{a.id}/final.yml"] = final_record(p, a)


def final_record(p: Program, a: Agreement) -> dict:
    summary = (f"入驻期间围绕{a.topic}开展合作，{p.pick(PROGRESS).format(n=p.pick(CN_NUMBERS))}，"
               f"协助企业{p.pick(NEXT_STEPS)}。")
    record = {"submitted": a.final, "summary": summary}
    if p.rng.random() < 0.5:
        record["work"] = work_items(p, a, 2)
    record["outcomes"] = outcomes(p, [0, 1, 2, 3, 4]) or {"papers": 1}
    return record


def build_evaluations(p: Program) -> None:
    for a in p.agreements:
        p.evaluations += annual_evaluations(p, a)
        if a.final and p.rng.random() < 0.5 and a.final + timedelta(days=7) <= p.as_of:
            when = p.day_between(a.final + timedelta(days=7), min(a.final + timedelta(days=45), p.as_of))
            ev = Evaluation(f"{a.id}-final", a.id, a.doctor, "期满", when,
                            grade=p.rng.choices([EXCELLENT, PASS], [1, 3])[0])
            ev.record = {"agreement": a.id, "kind": "期满", "date": when}
            p.evaluations.append(ev)
    assign_grades(p)
    for ev in p.evaluations:
        finish_evaluation(p, ev)
        p.records[f"evaluations/{ev.id}.yml"] = ev.record


def annual_evaluations(p: Program, a: Agreement) -> list[Evaluation]:
    """Return the ungraded 年度 evaluations of every due residency year, and of some ended ones.

    The round is the year the residency year began, as in the example of records.md.
    """
    due_days = timedelta(days=POLICY["evaluation_due_days"])
    evaluations = []
    for k, (first, last) in enumerate(residency_years(a.start, a.end), start=1):
        due = last + due_days < p.as_of  # 第十六条: otherwise art16.evaluation-missing
        if last >= p.as_of or (not due and p.rng.random() < 0.5):
            continue
        earliest = min(last + timedelta(days=5), p.as_of)
        when = p.day_between(earliest, min(last + due_days, p.as_of))
        ev = Evaluation(f"{a.id}-y{k}", a.id, a.doctor, "年度", when, round=first.year, due=due)
        ev.record = {"agreement": a.id, "kind": "年度", "round": ev.round,
                     "covers": {"from": first, "to": last}, "date": when}
        evaluations.append(ev)
    return evaluations


def excellent_cap(total: int) -> int:
    """Return the most 优秀 a round of `total` may hold, in exact arithmetic (第十六条)."""
    return int(Fraction(str(POLICY["excellent_ratio"])) * total)


def assign_grades(p: Program) -> None:
    """Grade each round: exactly the cap of 优秀 (the boundary), ~4% 不合格, the rest 合格."""
    rounds: dict = {}
    for ev in p.evaluations:
        if ev.kind == "年度":
            rounds.setdefault(ev.round, []).append(ev)
    for year in sorted(rounds):
        members = rounds[year]
        p.rng.shuffle(members)
        cap = excellent_cap(len(members))
        fails = max(1, len(members) // 25) if len(members) >= 8 else 0
        for i, ev in enumerate(members):
            ev.grade = EXCELLENT if i < cap else FAIL if i < cap + fails else PASS


def finish_evaluation(p: Program, ev: Evaluation) -> None:
    record = ev.record
    record["grade"] = ev.grade
    if ev.kind == "期满":
        record["evaluators"] = list(POLICY["final_evaluators"])  # 第十五条
        record["opinion"] = p.pick(FINAL_OPINIONS)
        if ev.grade == EXCELLENT:
            record["actions"] = [{"action": "通报表扬"}]
        return
    record["evaluators"] = (list(POLICY["final_evaluators"]) if p.rng.random() < 0.5
                            else ["科技创新局", "入驻企业"])
    if p.rng.random() < 0.7:
        record["opinion"] = p.pick(OPINIONS[ev.grade])

    def later(days: int) -> date:
        return min(ev.date + timedelta(days=days), p.as_of)

    if ev.grade == EXCELLENT:  # 第十六条: 通报表扬 and 1万元 each
        reward = {"action": "奖励", "amount_yuan": POLICY["excellent_reward_yuan"]}
        if p.rng.random() < 0.5:
            reward = {"action": "奖励", "date": later(p.rng.randint(5, 30)),
                      "amount_yuan": POLICY["excellent_reward_yuan"]}
        record["actions"] = [{"action": "通报表扬"}, reward]
    elif ev.grade == FAIL:
        actions = [{"action": p.pick(["约谈", "通报批评"])}]
        # 通报批评仍无推进的，退出人才库: only when no later agreement starts for this doctor.
        exit_day = ev.date + timedelta(days=14)
        if (actions[0]["action"] == "通报批评" and exit_day <= p.as_of
                and p.last_start[ev.doctor] < ev.date and p.rng.random() < 0.5):
            actions.append({"action": "退出人才库", "date": exit_day})
        elif actions[0]["action"] == "约谈" and p.rng.random() < 0.5:
            actions[0]["date"] = later(p.rng.randint(1, 10))
        record["actions"] = actions


def build_meetings(p: Program, count: int) -> None:
    lo = min(a.start for a in p.agreements)
    used: dict = {}
    for _ in range(count if lo <= p.as_of else 0):
        for _attempt in range(100):
            day = p.day_between(lo, p.as_of)
            active = [a for a in p.agreements if a.start <= day <= a.end]
            if active and day not in used:
                break
        else:
            continue
        used[day] = True
        chosen = p.rng.sample(active, min(len(active), p.rng.randint(1, 5)))
        attendees = [x for x in ATTENDEES if x in ("入驻企业", "入驻博士") or p.rng.random() < 0.8]
        topic = p.pick(TOPICS[p.enterprises[chosen[0].enterprise]])
        record = {"date": day, "agreements": sorted(a.id for a in chosen), "attendees": attendees,
                  "topics": p.pick(MEETING_TOPICS).format(t=topic)}
        if p.rng.random() < 0.7:
            record["resolutions"] = p.pick(MEETING_RESOLUTIONS)
        p.records[f"meetings/m{day.isoformat()}.yml"] = record


# --------------------------------------------------------------------------------------------
# Faults (--faults). FAULTS lists them in injection order as (rule, what, method): the faults
# whose candidates are scarce in a small program come first. Each method changes records no
# other fault touched and calls expect() with every finding the change must cause; a fault
# with no candidate (a tiny program, an unusual --as-of) is skipped and reported as such.

FAULTS = [
    ("art7.term", "a term shortened to 6 months (reports past its new end removed)", "short_term"),
    ("art7.overlap", "a new agreement starting 30 days before the doctor's last one ends",
     "overlap"),
    ("art16.exited-doctor", "a doctor leaves (after a 通报批评), then a later agreement starts",
     "exited_doctor"),
    ("art16.excellent-cap", "合格 turned 优秀 (with rewards) in the biggest round, one past its cap",
     "excess_excellent"),
    ("art16.evaluation-missing", "a due 年度 evaluation deleted (its round stays within the cap)",
     "missing_evaluation"),
    ("art16.reward", "a 奖励 on a 合格 年度 evaluation", "reward_on_pass"),
    ("art16.exit-without-criticism", "a 退出人才库 with no earlier 通报批评",
     "exit_without_criticism"),
    ("data.dates", "an evaluation dated the day after --as-of", "future_evaluation"),
    ("art13.report-period", "a quarterly report submitted before its quarter began", "early_report"),
    ("art13.report-missing", "a due quarterly report deleted", "missing_report"),
    ("art15.final-report-missing", "a due final report deleted (no 期满 evaluation)",
     "missing_final"),
    ("art15.final-needs-report", "the final report of a 期满-evaluated agreement deleted "
     "(also art15.final-report-missing when it was due)", "final_without_report"),
    ("art15.evaluators", "a 期满 evaluation without 高校科研处", "missing_evaluator"),
    ("yaml.syntax", "a meeting whose quoted `topics` is never closed", "syntax_error"),
    ("yaml.duplicate-key", "an enterprise with `name:` twice", "duplicate_key"),
    ("schema.field", "an unknown key `fundng_yuan` in an agreement", "unknown_key"),
    ("schema.field", "an agreement without its required `focus`", "missing_key"),
    ("schema.id", "a university file named `Bad_Name.yml`", "bad_id"),
    ("file.unexpected", "a stray `doctors/notes.txt`", "stray_file"),
    ("ref.missing", "an agreement naming an enterprise that does not exist", "bad_reference"),
    ("art4.degree", "a doctor with degree 硕士", "not_doctorate"),
    ("art5.filing", "a filing dated 3 days before the signing", "filed_before_signing"),
    ("art5.filed-late", "a filing dated 5 days after the residency start", "filed_late"),
    ("art6.industry", "an enterprise in 房地产", "bad_industry"),
    ("art7.position", "the position 技术顾问", "bad_position"),
    ("art21.before-effective", "an agreement signed 2019-12-20", "signed_before_effective"),
    ("data.credit-code", "a credit code with a wrong check character", "bad_credit_code"),
    ("data.dates", "a meeting dated 2026-02-30 (unquoted)", "impossible_date"),
    ("privacy.pii", "a mobile number in a doctor's bio", "phone_in_bio"),
    ("privacy.pii", "an e-mail address in an enterprise description", "email_in_description"),
    ("privacy.pii", "a resident ID number in a meeting's topics", "id_number_in_meeting"),
]


class FaultInjector:
    """Inject FAULTS into a built program, each into records no other fault touches.

    An agreement or evaluation fault takes the agreement and its doctor, so no two faults share
    a doctor (overlaps and exits are per doctor); other faults take their doctor, enterprise or
    meeting.
    """

    def __init__(self, p: Program):
        self.p = p
        self.used: dict = {}  # ids (and meeting paths) already touched
        self.cap_round = None

    def run(self) -> None:
        for rule, what, method in FAULTS:
            try:
                getattr(self, method)()
            except LookupError:
                self.p.skipped.append((rule, what))

    # Choosing what to break

    def free(self, *ids: str) -> bool:
        return not any(i in self.used for i in ids)

    def take(self, *ids: str) -> None:
        for i in ids:
            self.used[i] = True

    def expect(self, rule: str, path: str) -> None:
        self.p.faults.append((rule, path))

    def agreement(self, test) -> Agreement:
        """Return the first untouched agreement of an untouched doctor that passes `test`."""
        for a in self.p.agreements:
            if self.free(a.id, a.doctor) and test(a):
                self.take(a.id, a.doctor)
                return a
        raise LookupError

    def annual(self, test) -> Evaluation:
        """Return the first 年度 evaluation passing `test` whose agreement and doctor are untouched."""
        for ev in self.p.evaluations:
            if ev.kind == "年度" and self.free(ev.agreement, ev.doctor) and test(ev):
                self.take(ev.agreement, ev.doctor)
                return ev
        raise LookupError

    def doctor(self) -> str:
        return self.first_free(self.p.doctors)

    def enterprise(self) -> str:
        return self.first_free(self.p.enterprises)

    def meeting(self) -> str:
        return self.first_free(sorted(k for k in self.p.records if k.startswith("meetings/")))

    def first_free(self, ids) -> str:
        for i in ids:
            if self.free(i):
                self.take(i)
                return i
        raise LookupError

    def rounds(self) -> dict:
        rounds: dict = {}
        for ev in self.p.evaluations:
            if ev.kind == "年度":
                rounds.setdefault(ev.round, []).append(ev)
        return rounds

    def record(self, kind: str, rid: str) -> dict:
        return self.p.records[f"{kind}/{rid}.yml"]

    # Terms

    def short_term(self) -> None:
        """Keep the final report, if any; otherwise the new end must not make one due."""
        p = self.p
        final_due = timedelta(days=POLICY["final_report_due_days"])
        evaluated = {ev.agreement for ev in p.evaluations if ev.kind == "年度"}

        def fits(a: Agreement) -> bool:
            return a.final is not None or term_end(a.start, 6) + final_due >= p.as_of
        try:  # preferably one with no 年度 evaluation, whose covers would outrun the term
            a = self.agreement(lambda a: fits(a) and a.id not in evaluated)
        except LookupError:
            a = self.agreement(fits)
        a.end = term_end(a.start, 6)
        self.record("agreements", a.id)["end"] = a.end
        for period, _ in a.quarterly:
            if quarter_bounds(int(period[:4]), int(period[-1]))[0] > a.end:
                del p.records[f"reports/{a.id}/{period}.yml"]
        self.expect("art7.term", f"agreements/{a.id}.yml")

    def overlap(self) -> None:
        """Add an agreement with every report and evaluation due; it is the later one (第七条)."""
        p = self.p
        exited = {ev.doctor for ev in p.evaluations
                  if any(x["action"] == "退出人才库" for x in ev.record.get("actions", []))}
        last = {}
        for a in p.agreements:
            last[a.doctor] = a  # agreements are sorted by start
        a = self.agreement(lambda a: last[a.doctor] is a and a.doctor not in exited)
        start = a.end - timedelta(days=29)
        signed = min(start - timedelta(days=10), p.as_of - timedelta(days=1))
        filed = p.day_between(signed + timedelta(days=1), min(start, p.as_of))
        new = Agreement(f"a{start.year}-overlap", a.doctor, a.enterprise, start,
                        term_end(start, 12), signed, filed, f"平高科备〔{filed.year}〕补1号", a.topic)
        self.take(new.id)
        record = dict(self.record("agreements", a.id))
        record.update(start=new.start, end=new.end, signed=signed,
                      filing={"number": new.filing_number, "date": filed})
        p.records[f"agreements/{new.id}.yml"] = record
        p.agreements.append(new)
        add_reports(p, new)
        for ev in annual_evaluations(p, new):  # 合格 only: the rounds' caps still hold
            finish_evaluation(p, ev)
            p.records[f"evaluations/{ev.id}.yml"] = ev.record
            p.evaluations.append(ev)
        self.expect("art7.overlap", f"agreements/{new.id}.yml")

    def not_doctorate(self) -> None:
        did = self.doctor()
        self.record("doctors", did)["degree"] = "硕士"
        self.expect("art4.degree", f"doctors/{did}.yml")

    def filed_before_signing(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["filing"]["date"] = a.signed - timedelta(days=3)
        self.expect("art5.filing", f"agreements/{a.id}.yml")

    def filed_late(self) -> None:
        a = self.agreement(lambda a: a.start + timedelta(days=5) <= self.p.as_of)
        self.record("agreements", a.id)["filing"]["date"] = a.start + timedelta(days=5)
        self.expect("art5.filed-late", f"agreements/{a.id}.yml")

    def bad_position(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["position"] = "技术顾问"
        self.expect("art7.position", f"agreements/{a.id}.yml")

    def signed_before_effective(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["signed"] = date(2019, 12, 20)
        self.expect("art21.before-effective", f"agreements/{a.id}.yml")

    # Evaluations

    def excess_excellent(self) -> None:
        """Every round holds exactly its cap of 优秀; push the biggest one past it."""
        rounds = self.rounds()
        if not rounds:
            raise LookupError
        self.cap_round = max(sorted(rounds), key=lambda r: len(rounds[r]))
        members = rounds[self.cap_round]
        excellent = sum(ev.grade == EXCELLENT for ev in members)
        for _ in range(excellent_cap(len(members)) - excellent + 1):
            ev = self.annual(lambda ev: ev.round == self.cap_round and ev.grade == PASS)
            ev.grade = ev.record["grade"] = EXCELLENT
            ev.record.pop("opinion", None)
            ev.record["actions"] = [{"action": "通报表扬"}, {
                "action": "奖励", "amount_yuan": POLICY["excellent_reward_yuan"]}]
        for ev in members:
            if ev.grade == EXCELLENT:
                self.expect("art16.excellent-cap", f"evaluations/{ev.id}.yml")

    def missing_evaluation(self) -> None:
        rounds = self.rounds()

        def keeps_cap(ev: Evaluation) -> bool:
            members = rounds[ev.round]
            excellent = sum(other.grade == EXCELLENT for other in members)
            return ev.grade == EXCELLENT or excellent <= excellent_cap(len(members) - 1)
        ev = self.annual(lambda ev: ev.due and ev.round != self.cap_round and ev.grade != FAIL
                         and keeps_cap(ev))
        del self.p.records[f"evaluations/{ev.id}.yml"]
        self.p.evaluations.remove(ev)
        self.expect("art16.evaluation-missing", f"agreements/{ev.agreement}.yml")

    def reward_on_pass(self) -> None:
        ev = self.annual(lambda ev: ev.grade == PASS)
        ev.record["actions"] = [{"action": "奖励", "amount_yuan": POLICY["excellent_reward_yuan"]}]
        self.expect("art16.reward", f"evaluations/{ev.id}.yml")

    def criticised(self) -> set:
        return {ev.doctor for ev in self.p.evaluations
                if any(x["action"] == "通报批评" for x in ev.record.get("actions", []))}

    def exit_without_criticism(self) -> None:
        """No agreement of the doctor starts after the exit, so art16.exited-doctor stays quiet."""
        criticised, last_start = self.criticised(), self.p.last_start
        ev = self.annual(lambda ev: ev.grade == PASS and ev.doctor not in criticised
                         and last_start[ev.doctor] < ev.date)
        ev.record["actions"] = [{"action": "退出人才库"}]
        self.expect("art16.exit-without-criticism", f"evaluations/{ev.id}.yml")

    def exited_doctor(self) -> None:
        p, criticised, gap = self.p, self.criticised(), timedelta(days=1)
        by_doctor: dict = {}
        for a in p.agreements:
            by_doctor.setdefault(a.doctor, []).append(a)
        ev = self.annual(lambda ev: ev.grade == PASS and ev.doctor not in criticised
                         and ev.date + gap <= p.as_of
                         and any(b.start >= ev.date + gap for b in by_doctor[ev.doctor]))
        ev.grade = ev.record["grade"] = FAIL
        ev.record.pop("opinion", None)
        ev.record["actions"] = [{"action": "通报批评"}, {"action": "退出人才库", "date": ev.date + gap}]
        for b in by_doctor[ev.doctor]:
            if b.start >= ev.date + gap:
                self.expect("art16.exited-doctor", f"agreements/{b.id}.yml")

    def future_evaluation(self) -> None:
        ev = self.annual(lambda ev: ev.grade == PASS)
        ev.record["date"] = self.p.as_of + timedelta(days=1)
        self.expect("data.dates", f"evaluations/{ev.id}.yml")

    # Reports

    def early_report(self) -> None:
        a = self.agreement(lambda a: len(a.quarterly) > 0)
        period = a.quarterly[0][0]
        first = quarter_bounds(int(period[:4]), int(period[-1]))[0]
        self.p.records[f"reports/{a.id}/{period}.yml"]["submitted"] = first - timedelta(days=3)
        self.expect("art13.report-period", f"reports/{a.id}/{period}.yml")

    def missing_report(self) -> None:
        a = self.agreement(lambda a: any(due for _, due in a.quarterly))
        period = [period for period, due in a.quarterly if due][-1]
        del self.p.records[f"reports/{a.id}/{period}.yml"]
        self.expect("art13.report-missing", f"agreements/{a.id}.yml")

    def final_evaluations(self) -> dict:
        return {ev.agreement: ev for ev in self.p.evaluations if ev.kind == "期满"}

    def final_due(self, a: Agreement) -> bool:
        return a.end + timedelta(days=POLICY["final_report_due_days"]) < self.p.as_of

    def missing_final(self) -> None:
        closing = self.final_evaluations()
        a = self.agreement(lambda a: a.final and self.final_due(a) and a.id not in closing)
        del self.p.records[f"reports/{a.id}/final.yml"]
        self.expect("art15.final-report-missing", f"agreements/{a.id}.yml")

    def final_without_report(self) -> None:
        closing = self.final_evaluations()
        a = self.agreement(lambda a: a.id in closing)
        del self.p.records[f"reports/{a.id}/final.yml"]
        self.expect("art15.final-needs-report", f"evaluations/{closing[a.id].id}.yml")
        if self.final_due(a):
            self.expect("art15.final-report-missing", f"agreements/{a.id}.yml")

    def missing_evaluator(self) -> None:
        closing = self.final_evaluations()
        ev = closing[self.agreement(lambda a: a.id in closing).id]
        ev.record["evaluators"] = [e for e in ev.record["evaluators"] if e != "高校科研处"]
        self.expect("art15.evaluators", f"evaluations/{ev.id}.yml")

    # Files, schema and references

    def syntax_error(self) -> None:
        """Nothing refers to a meeting, so an unreadable one cannot cause ref.missing."""
        path = self.meeting()
        text = to_yaml(self.p.records[path])
        self.p.records[path] = text.replace('。"\n', "。\n", 1)  # the string runs to the end
        self.expect("yaml.syntax", path)

    def duplicate_key(self) -> None:
        eid = self.enterprise()
        record = self.record("enterprises", eid)
        self.p.records[f"enterprises/{eid}.yml"] = to_yaml(record) + f"name: {record['name']}二厂\n"
        self.expect("yaml.duplicate-key", f"enterprises/{eid}.yml")

    def unknown_key(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["fundng_yuan"] = 300000
        self.expect("schema.field", f"agreements/{a.id}.yml")

    def missing_key(self) -> None:
        a = self.agreement(lambda a: True)
        del self.record("agreements", a.id)["focus"]
        self.expect("schema.field", f"agreements/{a.id}.yml")

    def bad_id(self) -> None:
        self.p.records["universities/Bad_Name.yml"] = {"name": "命名不规范大学"}
        self.expect("schema.id", "universities/Bad_Name.yml")

    def stray_file(self) -> None:
        self.p.records["doctors/notes.txt"] = "这不是记录文件。\n"
        self.expect("file.unexpected", "doctors/notes.txt")

    def bad_reference(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["enterprise"] = "pds-no-such-firm"
        self.expect("ref.missing", f"agreements/{a.id}.yml")

    # Enterprises, dates and privacy

    def bad_industry(self) -> None:
        eid = self.enterprise()
        self.record("enterprises", eid)["industry"] = "房地产"
        self.expect("art6.industry", f"enterprises/{eid}.yml")

    def bad_credit_code(self) -> None:
        eid = self.enterprise()
        record = self.record("enterprises", eid)
        wrong = CREDIT_ALPHABET[(CREDIT_ALPHABET.index(record["credit_code"][-1]) + 1) % 31]
        record["credit_code"] = record["credit_code"][:-1] + wrong
        self.expect("data.credit-code", f"enterprises/{eid}.yml")

    def impossible_date(self) -> None:
        path = self.meeting()
        self.p.records[path]["date"] = Raw("2026-02-30")
        self.expect("data.dates", path)

    def phone_in_bio(self) -> None:
        did = self.doctor()
        record = self.record("doctors", did)
        record["bio"] = record.get("bio", "长期从事产学研合作。") + "联系电话：138-3751-2046。"
        self.expect("privacy.pii", f"doctors/{did}.yml")

    def email_in_description(self) -> None:
        eid = self.enterprise()
        record = self.record("enterprises", eid)
        record["description"] = record.get("description", "区内骨干企业。") + "合作联系：hr@pds-example.com"
        self.expect("privacy.pii", f"enterprises/{eid}.yml")

    def id_number_in_meeting(self) -> None:
        path = self.meeting()
        self.p.records[path]["topics"] += f"附：博士身份证号{resident_id('41040219850312001')}。"
        self.expect("privacy.pii", path)


def resident_id(body17: str) -> str:
    """Append the GB 11643 check digit (faults only)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights)) % 11]


# --------------------------------------------------------------------------------------------
# Writing


def check_out(out: Path, force: bool) -> None:
    """Refuse a file, or a non-empty folder unless `force`."""
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not force:
        raise FileExistsError(f"{out} is not empty (use --force to replace it)")


def prepare_out(out: Path, force: bool) -> None:
    check_out(out, force)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)


def write_records(out: Path, texts: dict[str, str]) -> None:
    base = str(out)
    for folder in sorted({os.path.dirname(path) for path in texts}):
        os.makedirs(os.path.join(base, folder), exist_ok=True)
    for path, text in texts.items():
        with open(os.path.join(base, path), "wb") as handle:  # plain os: 10⁵ files
            handle.write(text.encode("utf-8"))


def count_kinds(records: dict) -> dict:
    counts = {"policy": 0, "universities": 0, "doctors": 0, "enterprises": 0, "agreements": 0,
              "reports": 0, "evaluations": 0, "meetings": 0}
    for path in records:
        kind = path.split("/")[0].removesuffix(".yml")
        if kind in counts and path.endswith(".yml"):
            counts[kind] += 1
    counts["files"] = len(records)
    return counts


def generate(out: Path, doctors: int, seed: int = 1, as_of: date = date(2026, 11, 29),
             faults: bool = False, force: bool = False) -> dict:
    """Write a records tree into `out`; return counts per kind and the injected faults.

    The result maps each kind (policy, universities, ..., meetings) and "files" to a count,
    "faults" to the (rule id, file) pairs a validator must report and "skipped_faults" to the
    (rule id, description) of faults with no candidate here.

    Refuses a non-empty `out` unless `force`, which deletes it first.
    """
    out = Path(out)
    check_out(out, force)  # before the work, not only after it
    texts, counts = render(doctors, seed, as_of, faults)
    prepare_out(out, force)
    write_records(out, texts)
    return counts


def render(doctors: int, seed: int = 1, as_of: date = date(2026, 11, 29),
           faults: bool = False) -> tuple[dict[str, str], dict]:
    """Return the text of every file (relative path -> text, sorted) and the counts of generate."""
    if doctors < 1:
        raise ValueError("--doctors must be at least 1")
    p = Program(random.Random(seed), as_of)
    p.records["policy.yml"] = POLICY
    build_universities(p, doctors // 100 + 3)
    build_doctors(p, doctors)
    build_enterprises(p, max(1, round(doctors * 0.3)))
    build_agreements(p)
    build_reports(p)
    build_evaluations(p)
    build_meetings(p, 4 + doctors // 200)
    if faults:
        FaultInjector(p).run()
    texts = {path: body if isinstance(body, str) else to_yaml(body)
             for path, body in sorted(p.records.items())}
    counts = count_kinds(p.records)
    counts["faults"] = list(p.faults)
    counts["skipped_faults"] = list(p.skipped)
    return texts, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--doctors", type=int, required=True, help="number of doctors")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 29),
                        help="the date the tree must be clean as of (YYYY-MM-DD)")
    parser.add_argument("--faults", action="store_true", help="inject the documented faults")
    parser.add_argument("--force", action="store_true", help="replace a non-empty --out")
    parser.add_argument("--out", type=Path, required=True, help="the records folder to write")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.out, args.doctors, args.seed, args.as_of, args.faults, args.force)
    except (FileExistsError, ValueError, LookupError) as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    injected, skipped = counts.pop("faults"), counts.pop("skipped_faults")
    print(" ".join(f"{kind}={n}" for kind, n in counts.items()))
    for rule, path in injected:
        print(f"{rule}\t{path}")
    for rule, what in skipped:
        print(f"synth: skipped {rule} ({what}): no record fits", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

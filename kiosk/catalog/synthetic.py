# ruff: noqa: E501 - the word tables read best one theme per line
"""A catalog of N synthetic services, shaped like the real one, for benchmarks.

Names combine a qualifier, a subject and an action the way real service
names do (城乡居民 + 养老保险 + 待遇申领), so the search indexes see the
same character and pinyin distributions as in a province-wide catalog.
"""

from __future__ import annotations

import random
from typing import Any

from kiosk.catalog.model import Catalog

QUALIFIERS = [
    ("", ""), ("个人", "individual"), ("单位", "employer"), ("企业", "company"),
    ("异地", "remote"), ("临时", "temporary"), ("跨省", "cross-province"),
    ("城乡居民", "resident"), ("职工", "employee"), ("农村", "rural"), ("老年人", "senior"),
    ("残疾人", "disabled person"), ("未成年人", "minor"), ("外籍人员", "foreigner"),
]  # fmt: skip
SUBJECTS = [
    ("居民身份证", "ID card"), ("户口", "hukou"), ("护照", "passport"), ("驾驶证", "driving licence"),
    ("机动车", "motor vehicle"), ("社会保险", "social insurance"), ("养老保险", "pension insurance"),
    ("医疗保险", "medical insurance"), ("失业保险", "unemployment insurance"),
    ("工伤保险", "work injury insurance"), ("住房公积金", "housing provident fund"),
    ("最低生活保障", "minimum living allowance"), ("高龄津贴", "old-age allowance"),
    ("残疾人证", "disability certificate"), ("营业执照", "business licence"),
    ("食品经营许可", "food business licence"), ("不动产", "real estate"), ("房屋租赁", "housing lease"),
    ("个人所得税", "income tax"), ("发票", "invoice"), ("结婚", "marriage"), ("收养", "adoption"),
    ("出生医学证明", "birth certificate"), ("预防接种", "vaccination"), ("医师执业", "medical practice"),
    ("药品经营", "drug trade"), ("教师资格", "teacher qualification"), ("学籍", "student status"),
    ("宅基地", "homestead"), ("农机", "farm machinery"), ("耕地保护", "farmland protection"),
    ("渔业捕捞", "fishing"), ("林木采伐", "tree felling"), ("取水", "water abstraction"),
    ("排污", "pollutant discharge"), ("建筑施工", "construction"), ("道路运输", "road transport"),
    ("出租汽车", "taxi"), ("特种设备", "special equipment"), ("计量器具", "measuring instruments"),
    ("广告发布", "advertising"), ("烟草专卖", "tobacco retail"), ("消防安全", "fire safety"),
    ("殡葬", "funeral"), ("慈善组织", "charity"), ("社会团体", "social organisation"),
    ("就业创业", "employment"), ("职业技能", "vocational skills"), ("人才引进", "talent"),
    ("退役军人", "veterans"), ("优抚", "special care"), ("法律援助", "legal aid"), ("公证", "notarisation"),
    ("档案", "archives"), ("文物", "cultural relics"), ("体育场馆", "sports venues"),
    ("旅行社", "travel agency"), ("网吧", "internet cafe"), ("演出", "performance"),
    ("广播电视", "broadcasting"), ("气象", "weather"), ("地震安全", "seismic safety"),
    ("人防工程", "civil air defence"), ("水土保持", "soil conservation"), ("燃气", "gas supply"),
    ("供水", "water supply"), ("电力", "electricity"), ("电动自行车", "e-bike"), ("犬只", "dog"),
]  # fmt: skip
ACTIONS = [
    ("申领", "apply for"), ("补领", "replace"), ("换领", "renew"), ("变更登记", "change of"),
    ("注销", "cancel"), ("查询打印", "print record of"), ("证明开具", "proof of"), ("备案", "file"),
    ("资格认定", "recognition for"), ("许可", "licence for"), ("审批", "approval of"),
    ("补贴申请", "subsidy for"), ("待遇申领", "benefits of"), ("转移接续", "transfer of"),
    ("年度审验", "annual check of"), ("信息修改", "update"), ("延续", "extend"),
    ("首次登记", "first registration of"), ("预约", "book"), ("投诉", "complaint about"),
]  # fmt: skip
DEPARTMENTS = [
    ("gongan", "市公安局", "Public Security Bureau"), ("renshe", "市人社局", "HR and Social Security"),
    ("yibao", "市医保局", "Healthcare Security"), ("gjj", "市公积金中心", "Housing Fund Centre"),
    ("minzheng", "市民政局", "Civil Affairs"), ("canlian", "市残联", "Disabled Persons' Federation"),
    ("shuiwu", "市税务局", "Taxation"), ("budongchan", "市不动产登记中心", "Real Estate"),
    ("shichang", "市市场监管局", "Market Regulation"), ("nongye", "市农业农村局", "Agriculture"),
    ("weijian", "市卫健委", "Health Commission"), ("jiaoyu", "市教育局", "Education"),
]  # fmt: skip
MATERIALS = [
    ("居民身份证", "ID card"), ("居民户口簿", "hukou booklet"), ("营业执照", "business licence"),
    ("申请表", "application form"), ("结婚证", "marriage certificate"), ("劳动合同", "labour contract"),
    ("诊断证明", "diagnosis"), ("不动产权证书", "property certificate"), ("银行卡", "bank card"),
]  # fmt: skip
TYPES = ["license", "payment", "confirmation", "public_service", "other_power"]


def synthetic_catalog(n: int, seed: int = 7, version: int = 1) -> Catalog:
    """N distinct services across twelve departments."""
    rng = random.Random(seed)
    combos = [(q, s, a) for q in QUALIFIERS for s in SUBJECTS for a in ACTIONS]
    rng.shuffle(combos)
    services: list[dict[str, Any]] = []
    for i in range(n):
        (qzh, qen), (szh, sen), (azh, aen) = combos[i % len(combos)]
        suffix_zh = "" if i < len(combos) else f"（{i // len(combos) + 1}）"
        suffix_en = "" if i < len(combos) else f" ({i // len(combos) + 1})"
        dep = DEPARTMENTS[i % len(DEPARTMENTS)]
        mats = rng.sample(MATERIALS, 3)
        online = rng.random() < 0.1
        services.append(
            {
                "code": f"SYN{i:06d}",
                "version": 1,
                "name_zh": f"{qzh}{szh}{azh}{suffix_zh}",
                "name_en": f"{aen} {qen} {sen}".replace("  ", " ").strip().capitalize() + suffix_en,
                "department": dep[0],
                "service_type": rng.choice(TYPES),
                "summary_zh": f"{dep[1]}办理{qzh}{szh}{azh}，符合条件的申请人可在自助终端或窗口提出申请",
                "summary_en": f"{dep[2]}: {aen} {qen} {sen}; apply at the kiosk or a window",
                "materials": [{"name_zh": zh, "name_en": en, "required": True} for zh, en in mats],
                "legal_days": 20,
                "promised_days": rng.choice([0, 1, 3, 5, 10]),
                "channels": ["kiosk", "web", "app"] if online else ["kiosk", "counter"],
                "needs_online": online,
                "where_zh": "市民中心综合窗口",
                "where_en": "Citizen Centre, general windows",
            }
        )
    return Catalog.from_dict(
        {
            "version": version,
            "departments": [{"id": d, "name_zh": z, "name_en": e} for d, z, e in DEPARTMENTS],
            "synonyms": [["医保", "医疗保险"], ["社保", "社会保险"], ["公积金", "住房公积金"]],
            "services": services,
        }
    )

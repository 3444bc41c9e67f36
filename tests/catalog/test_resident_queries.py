"""What residents type into the search box, and the service each must find in the
top 3 (issue 21, item 3): pinyin initials, full pinyin, and the everyday words
for a service (办身份证, 交社保, 取公积金, 上户口), against the real search over
the sample county list. A query that stops finding its service is a resident
who walks to the counter instead."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.catalog.sheet import read_sheet_catalog
from kiosk.catalog.store import CatalogStore
from kiosk.storage import open_storage
from tests.conftest import REPO

QUERIES = [
    # pinyin initials
    ("sfz", "GA0101"),  # 居民身份证换领
    ("hkqy", "GA0205"),  # 户口迁移（迁入）
    ("sbk", "RS0401"),  # 社会保障卡申领
    ("jsz", "JJ0103"),  # 驾驶证审验, the shortest of the driving licence services
    ("jszhz", "JJ0101"),  # 驾驶证换证: the initials of what people call 驾驶证有效期满换证
    ("yyzz", "SC0106"),  # 营业执照自助打印
    ("gtgsh", "SC0101"),  # 个体工商户设立登记
    ("gljt", "MZ0301"),  # 高龄津贴申领
    ("cjrz", "CL0101"),  # 残疾人证新办
    ("jhdj", "MZ0101"),  # 结婚登记
    ("ydjy", "YB0201"),  # 异地就医备案
    ("jzz", "GA0401"),  # 居住证申领
    ("csdj", "GA0201"),  # 出生登记
    ("db", "MZ0201"),  # 低保
    ("lsjz", "MZ0402"),  # 临时救助申请
    ("gjjtq", "GJ0201"),  # 住房公积金提取（租房）
    # full pinyin
    ("shenfenzheng", "GA0101"),
    ("hukouqianyi", "GA0205"),
    ("shebaoka", "RS0401"),
    ("yidijiuyi", "YB0201"),
    ("gaolingjintie", "MZ0301"),
    ("dibao", "MZ0201"),
    ("juzhuzheng", "GA0401"),
    ("jiashizheng", "JJ0101"),
    ("yingyezhizhao", "SC0106"),
    ("nianjian", "JJ0201"),  # 年检
    ("yanglaojin", "RS0302"),  # 养老金
    # what people say
    ("办身份证", "GA0105"),
    ("交社保", "SW0301"),
    ("取公积金", "GJ0201"),
    ("上户口", "GA0201"),
    ("身份证丢了", "GA0102"),
    ("临时身份证", "GA0103"),
    ("迁户口", "GA0205"),
    ("驾照到期", "JJ0101"),
    ("年检", "JJ0201"),
    ("处理违章", "JJ0301"),
    ("老年证", "MZ0303"),
    ("办残疾证", "CL0101"),
    ("两项补贴", "CL0104"),
    ("办营业执照", "SC0101"),
    ("补社保卡", "RS0403"),
    ("社保卡丢了", "RS0402"),
    ("无犯罪证明", "GA0203"),
    ("报销医药费", "YB0203"),
    ("小孩上学", "JY0101"),
    ("养老金", "RS0302"),
    ("结婚预约", "MZ0104"),
    ("讨薪", "RS0602"),
    ("健康证", "WJ0108"),
    ("公租房", "ZJ0101"),
    ("法律援助", "SF0101"),
    ("医保卡余额", "YB0103"),
    ("宝宝医保", "YB0105"),
    ("失业金", "RS0201"),
    ("出生证", "WJ0104"),
    ("宅基地", "NY0102"),
    ("种粮补贴", "NY0101"),
    ("港澳通行证", "GA0304"),
    # English
    ("id card", "GA0101"),
    ("driving licence", "JJ0101"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CatalogStore]:
    storage = open_storage(tmp_path_factory.mktemp("q") / "kiosk.db")
    st = CatalogStore(storage)
    st.import_catalog(read_sheet_catalog(REPO / "assets" / "catalog" / "county.xlsx"))
    yield st
    st.close()
    storage.close()


def test_the_table_is_fifty_real_queries() -> None:
    assert len(QUERIES) >= 50
    assert len({q for q, _ in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize(("typed", "code"), QUERIES)
def test_what_a_resident_types_finds_the_service_in_the_top_three(
    store: CatalogStore, typed: str, code: str
) -> None:
    top = [(h.service.code, h.service.name_zh) for h in store.search(typed, limit=3)]
    assert code in [c for c, _ in top], f"{typed!r} -> {top}"

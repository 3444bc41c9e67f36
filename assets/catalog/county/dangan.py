# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县档案馆: the services of the sample county list (档案法; 民生档案 are free to consult)."""

from base import *  # noqa: F403

W_DA = ("县档案馆查阅大厅（文化路12号）", "County Archives reading room, 12 Culture Road")

SERVICES = [
    svc(
        "DA0101", "民生档案查询申请", "Request a personal record from the archives", "dangan", "公共服务",
        "查询本人婚姻登记、知青、招工、退伍、学籍等民生档案，出具档案证明或复制件；办结后短信通知领取。不收费。",
        "Request your marriage, rusticated youth, employment, discharge or school records; you get a certified copy and a text when it is ready. Free.",
        legal=0, promised=5, via="自助 掌上 窗口", themes="养老、婚育", kw="查档案、档案证明、知青档案、查婚姻档案",
        where=W_DA, materials=[ID_CARD],
        form=person_form(sel("kind", "档案类型", "Record", [("marriage", "婚姻登记档案", "Marriage"), ("youth", "知青档案", "Rusticated youth"), ("job", "招工招干档案", "Employment"), ("army", "退伍安置档案", "Discharge"), ("school", "学籍档案", "School")]), text("years", "大致年份", "Years", max=20), sel("purpose", "用途", "Purpose", [("retire", "办理退休", "Retirement"), ("pension", "养老待遇", "Pension"), ("proof", "其他证明", "Other proof")]), PICKUP),
    ),
    svc(
        "DA0102", "档案查阅预约", "Book a visit to the archives", "dangan", "公共服务",
        "预约到县档案馆查阅大厅查阅开放档案的时间。",
        "Book a time in the archives reading room.",
        via="自助 掌上", themes="养老", kw="档案馆预约",
        form=booking_form(W_DA[0], W_DA[1]),
    ),
    svc(
        "DA0103", "档案寄存（家庭档案）", "Deposit family papers", "dangan", "公共服务",
        "居民可将家谱、老证件等具有保存价值的家庭档案寄存或捐赠给县档案馆。",
        "Residents can deposit or donate family papers of lasting value to the archives.",
        via="窗口", themes="养老", kw="家谱、捐赠档案",
        where=W_DA, materials=[ID_CARD],
        help=guide_only("县档案馆（文化路12号）", "the County Archives, 12 Culture Road", "请先电话预约鉴定；", "call first to arrange an assessment; "),
    ),
]

# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县退役军人事务局: the services of the sample county list (standards set under the
《退役军人保障法》 and by the province, as the guides say)."""

from base import *  # noqa: F403

W_TY = ("县政务服务中心五楼 退役军人服务窗口（81-82号）", "County Service Centre, 5th floor, veterans' windows 81-82")
DISCHARGE = mat("退出现役证明（退伍证、转业证等）", "Discharge papers")

SERVICES = [
    svc(
        "TY0101", "退役军人优待证申领", "Veteran's preferential card", "tuiyi", "公共服务",
        "退役军人和其他优抚对象申领全国统一的优待证，凭证享受交通、游览、医疗等优待。免费。",
        "Veterans and other entitled people get the national preferential card for travel, sights and care. Free.",
        legal=30, promised=15, via="自助 掌上 窗口", themes="退役", kw="优待证、退伍军人优待证",
        where=W_TY, materials=[ID_CARD, DISCHARGE, PHOTO],
        form=person_form(sel("kind", "人员类别", "Group", [("veteran", "退役军人", "Veteran"), ("martyr_family", "烈士遗属", "Martyr's family"), ("other", "其他优抚对象", "Other")]), text("discharge_no", "退出现役证件编号", "Discharge paper number", max=30, required=False), PICKUP),
    ),
    svc(
        "TY0102", "退役军人信息采集", "Veterans' information record", "tuiyi", "公共服务",
        "退役军人采集、更新个人基本信息，用于服务保障和走访慰问。",
        "Veterans record or update their details for support and visits.",
        via="自助 掌上 窗口", themes="退役", kw="退役军人登记、退伍登记",
        where=W_TY, materials=[ID_CARD, DISCHARGE],
        form=person_form(date("enlisted", "入伍时间", "Enlisted", -36500, 0), date("discharged", "退役时间", "Discharged", -36500, 0), sel("status", "现状", "Now", [("work", "在职", "Working"), ("seek", "待就业", "Looking for work"), ("retired", "退休", "Retired")]), live=True),
    ),
    svc(
        "TY0103", "退役士兵报到", "Report in after discharge", "tuiyi", "公共服务",
        "退役士兵自被批准退出现役之日起30日内，持退役证件到安置地退役军人事务部门报到。",
        "Discharged soldiers report to the veterans bureau where they settle within 30 days of discharge.",
        legal=0, promised=0, via="窗口", themes="退役、就业", kw="退伍报到、士兵退役",
        where=W_TY, materials=[ID_CARD, DISCHARGE, mat("介绍信", "Letter of introduction")],
        help=guide_only("退役军人服务窗口（81-82号）", "veterans' windows 81-82", "报到后可在本终端登记信息（退役军人信息采集）；", "after reporting, record your details here; "),
    ),
    svc(
        "TY0104", "优抚对象定期抚恤补助", "Regular allowance for entitled groups", "tuiyi", "行政给付",
        "残疾军人、烈士遗属、在乡复员军人等优抚对象按规定享受定期抚恤补助，标准由国家和省确定。",
        "Disabled soldiers, martyrs' families, demobilised soldiers and others receive the regular allowance at national and provincial rates.",
        legal=30, promised=20, via="窗口", ident="读身份证或手工录入", themes="退役、养老", kw="优抚金、抚恤补助、在乡老复员军人",
        where=W_TY, materials=[ID_CARD, HUKOU, mat("优抚对象身份证明", "Proof of entitlement"), BANK],
        help=guide_only("退役军人服务窗口（81-82号）", "veterans' windows 81-82"),
    ),
    svc(
        "TY0105", "光荣牌悬挂申请", "Honour plaque for a soldier's family", "tuiyi", "公共服务",
        "现役军人家庭、退役军人家庭、烈士遗属家庭等申请悬挂光荣牌，由乡镇（街道）组织送达。",
        "Families of serving soldiers, veterans and martyrs ask for an honour plaque, delivered by the township.",
        via="自助 掌上 窗口", themes="退役", kw="光荣之家、挂光荣牌",
        where=W_TY, materials=[ID_CARD, mat("军人或退役军人身份证明", "Proof of service")],
        form=person_form(sel("kind", "家庭类别", "Family", [("serving", "现役军人家庭", "Serving soldier"), ("veteran", "退役军人家庭", "Veteran"), ("martyr", "烈士遗属家庭", "Martyr's family")]), live=True),
    ),
    svc(
        "TY0106", "参战参试退役人员生活补助认定", "Allowance for veterans of wars and tests", "tuiyi", "行政给付",
        "参战和参加核试验军队退役人员申请认定并享受生活补助，标准由国家确定。",
        "Veterans of wars and nuclear tests apply for recognition and the national allowance.",
        legal=60, promised=30, via="窗口", themes="退役、养老", kw="参战补助、参试补助",
        where=W_TY, materials=[ID_CARD, DISCHARGE, mat("参战或参试证明", "Proof of war or test service")],
        help=guide_only("退役军人服务窗口（81-82号）", "veterans' windows 81-82", "须核查档案，请本人或家属到窗口；", "the records must be checked; "),
    ),
]

SERVICES += [
    svc(
        "TY0107", "退役军人就业创业服务登记", "Job and business help for veterans", "tuiyi", "公共服务",
        "有就业创业意愿的退役军人登记需求，获得岗位推荐、技能培训和创业扶持。",
        "Veterans who want work or their own business register for job offers, training and start-up help.",
        via="自助 掌上 窗口", themes="退役、就业", kw="退伍找工作、退役军人就业",
        where=W_TY, materials=[ID_CARD, DISCHARGE],
        form=person_form(sel("want", "需要的服务", "Help wanted", [("job", "岗位推荐", "Job offers"), ("training", "技能培训", "Training"), ("business", "创业扶持", "Business start-up")], multi=True), text("skills", "技能特长", "Skills", max=100, required=False)),
    ),
]

SERVICES += [
    svc(
        "TY0108", "烈士纪念设施祭扫预约", "Book a visit to the martyrs' memorial", "tuiyi", "公共服务",
        "预约到县烈士陵园祭扫、参观的日期和时段；团体须提前三日预约。免费。",
        "Book a day and time to visit the county martyrs' cemetery; groups book three days ahead. Free.",
        via="自助 掌上", ident="读身份证或手工录入", themes="退役", kw="烈士陵园、扫墓预约、清明祭扫",
        form=[NAME, ID_NUMBER, PHONE, num("people", "人数", "People", 1, 200), date("day", "祭扫日期", "Day", 1, 30), sel("slot", "时段", "Time", [("am", "上午", "Morning"), ("pm", "下午", "Afternoon")]), AGREE],
    ),
]

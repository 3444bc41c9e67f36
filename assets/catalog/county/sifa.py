# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县司法局: the services of the sample county list (法律援助法, 人民调解法)."""

from base import *  # noqa: F403

W_SF = ("县政务服务中心五楼 公共法律服务窗口（83-84号）", "County Service Centre, 5th floor, public legal service windows 83-84")

SERVICES = [
    svc(
        "SF0101", "法律援助申请", "Apply for legal aid", "sifa", "行政给付",
        "经济困难的公民在追索赡养费、劳动报酬、工伤赔偿等事项上需要代理的，申请法律援助；法律援助机构自收到申请之日起7日内决定。",
        "Residents on low income who need a lawyer for maintenance, wages, work injury and similar claims apply; a decision comes within 7 days.",
        legal=7, promised=5, via="自助 掌上 窗口", ident="读身份证或手工录入", themes="就业、养老", kw="免费律师、打官司没钱、法律援助",
        where=W_SF, materials=[ID_CARD, mat("经济困难状况说明表", "Statement of your finances"), mat("与案件有关的材料", "Papers about the case", "复印件")],
        form=person_form(sel("matter", "申请事项", "Matter", [("wage", "追索劳动报酬", "Unpaid wages"), ("injury", "工伤赔偿", "Work injury"), ("support", "赡养费、抚养费", "Maintenance"), ("traffic", "交通事故赔偿", "Traffic accident"), ("other", "其他", "Other")]), text("opponent", "对方当事人", "Other party", max=50), text("facts", "案情简述", "What happened", max=300), live=True),
    ),
    svc(
        "SF0102", "人民调解申请", "Ask for mediation", "sifa", "公共服务",
        "邻里、婚姻家庭、损害赔偿等民间纠纷，当事人申请人民调解委员会调解；调解不收费。",
        "Ask a people's mediation committee to settle a dispute with neighbours, in the family or over damages. Free.",
        via="自助 掌上 窗口", ident="读身份证或手工录入", themes="住房、婚育", kw="调解纠纷、邻居纠纷、吵架调解",
        where=W_SF, materials=[ID_CARD],
        form=person_form(sel("kind", "纠纷类型", "Dispute", [("neighbour", "邻里纠纷", "Neighbours"), ("family", "婚姻家庭纠纷", "Family"), ("damage", "损害赔偿纠纷", "Damages"), ("land", "土地山林纠纷", "Land"), ("other", "其他", "Other")]), text("other_party", "对方姓名", "Other party", max=30), text("facts", "纠纷简述", "What happened", max=300), live=True),
    ),
    svc(
        "SF0103", "公证办理预约", "Book a notary", "sifa", "公共服务",
        "预约到县公证处办理继承、委托、声明、学历等公证的时间；公证费按省定标准收取。",
        "Book a time at the notary office for inheritance, power of attorney, declarations or diplomas; fees follow the province.",
        via="自助 掌上", themes="身后事、住房", kw="公证、办公证、继承公证",
        form=booking_form("县公证处（县政务服务中心五楼）", "the county notary office, 5th floor"),
    ),
    svc(
        "SF0104", "法律咨询", "Legal advice", "sifa", "公共服务",
        "公共法律服务窗口和12348热线免费提供法律咨询。",
        "Free legal advice at the public legal service windows and on the 12348 hotline.",
        via="掌上 窗口", ident="无需", themes="就业、婚育", kw="问律师、法律问题、12348",
        where=W_SF,
        help=guide_only("公共法律服务窗口（83-84号）", "public legal service windows 83-84", "也可拨打12348热线；", "or call 12348; "),
    ),
]

SERVICES += [
    svc(
        "SF0105", "公证书真伪核验", "Check a notarial certificate", "sifa", "公共服务",
        "核验公证书是否由公证机构出具、内容是否一致。不收费。",
        "Check that a notarial certificate was issued by a notary office and matches its record. Free.",
        via="网办 掌上 窗口", ident="无需", themes="身后事", kw="公证书查询、公证书真假",
        where=W_SF,
        help=("本终端可为您显示本指南，扫旁边的二维码可存到手机；请在中国公证协会的公证书查询平台输入公证书编号核验，也可到公共法律服务窗口（83-84号）。", "This kiosk shows this guide, and its QR code keeps it on your phone; check the certificate number on the notaries' association site, or ask at windows 83-84."),
    ),
]

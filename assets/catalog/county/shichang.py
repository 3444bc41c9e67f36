# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县市场监督管理局: the services of the sample county list."""

from base import *  # noqa: F403

W_SHICHANG = ('县政务服务中心四楼 市场监管窗口（71-76号）', 'County Service Centre, 4th floor, market regulation windows 71-76')

SERVICES = [
    svc(
        'SC0101', '个体工商户设立登记', 'Register as an individual business', 'shichang', '行政许可',
        '有经营能力的公民从事工商业经营，申请个体工商户登记并领取营业执照，当场办结',
        'Register an individual business and receive a business licence on the spot',
        legal=15, promised=0, via='自助 网办 掌上 窗口', online=True, themes='开办企业、就业', kw='办营业执照、开店、个体户、business licence', where=W_SHICHANG,
        materials=[
            ID_CARD,
            mat('经营场所使用证明', 'Proof of the right to use the premises', '复印件'),
        ],
        form=[
            NAME,
            ID_NUMBER,
            PHONE,
            {'id': 'shop_name',
             'type': 'text',
             'label_zh': '个体工商户名称',
             'label_en': 'Business name',
             'required': False,
             'max': 40,
             'help_zh': '如：某某市某某区张三小吃店；可不起字号',
             'help_en': 'For example: Zhang San Snack Shop; a trade name is optional'},
            {'id': 'business_scope',
             'type': 'multi_select',
             'label_zh': '经营范围',
             'label_en': 'Business scope',
             'required': True,
             'options': [{'value': 'retail', 'label_zh': '日用百货零售', 'label_en': 'Retail of daily goods'},
                         {'value': 'food', 'label_zh': '餐饮服务', 'label_en': 'Food service'},
                         {'value': 'repair', 'label_zh': '家电维修', 'label_en': 'Appliance repair'},
                         {'value': 'beauty', 'label_zh': '美容美发', 'label_en': 'Hair and beauty'},
                         {'value': 'agri', 'label_zh': '农副产品销售', 'label_en': 'Farm produce'}],
             'min': 1,
             'max': 3},
            {'id': 'shop_address',
             'type': 'address',
             'label_zh': '经营场所',
             'label_en': 'Business premises',
             'required': True,
             'max': 70},
            {'id': 'capital',
             'type': 'number',
             'label_zh': '资金数额（万元）',
             'label_en': 'Capital (10,000 yuan)',
             'required': True,
             'min': 0,
             'max': 1000},
            {'id': 'employees',
             'type': 'number',
             'label_zh': '从业人数',
             'label_en': 'Number of workers',
             'required': True,
             'min': 1,
             'max': 50},
            AGREE,
        ],
    ),
    svc(
        'SC0102', '有限责任公司设立登记', 'Register a limited liability company', 'shichang', '行政许可',
        '设立有限责任公司，一网通办，1个工作日内领取营业执照、刻制印章并申领发票',
        'Set up a limited company online; licence, seal and invoices within one working day',
        legal=15, promised=1, via='网办 掌上 窗口', who='法人', themes='开办企业', kw='开公司、注册公司、营业执照', where=W_SHICHANG,
        materials=[
            mat('公司登记（备案）申请书', 'Company registration application'),
            mat('公司章程', 'Articles of association'),
            mat('股东主体资格证明', "Shareholders' identity documents", '复印件'),
            mat('住所使用证明', 'Proof of the registered address', '复印件'),
        ],
    ),
    svc(
        'SC0103', '营业执照遗失补领', 'Replace a lost business licence', 'shichang', '行政许可',
        '营业执照遗失或损坏的，在国家企业信用信息公示系统公示后申请补领',
        'If a business licence is lost or damaged, publish a notice in the national credit system, then apply for a new one',
        legal=15, promised=1, via='网办 窗口', who='法人、自然人', themes='开办企业', kw='执照丢了', where=W_SHICHANG,
        materials=[
            mat('营业执照补领申请书', 'Application for a replacement licence'),
            mat('法定代表人身份证明', 'ID of the legal representative', '复印件'),
        ],
    ),
    svc(
        'SC0201', '食品经营许可', 'Food business licence', 'shichang', '行政许可',
        '从事食品销售和餐饮服务活动的，应当取得食品经营许可证',
        'Anyone selling food or running a restaurant needs a food business licence',
        legal=20, promised=5, via='网办 掌上 窗口', who='法人、自然人', themes='开办企业', kw='餐饮许可、食品许可证', where=W_SHICHANG,
        materials=[
            mat('营业执照', 'Business licence', '原件及复印件'),
            mat('食品经营许可申请书', 'Application form'),
            mat('经营场所平面图和设备布局图', 'Floor plan and equipment layout'),
            mat('食品安全管理制度', 'Food safety rules'),
        ],
    ),
]

LICENCE_CODE = text("credit_code", "统一社会信用代码", "Unified social credit code", max=18, pattern=r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}", help=("营业执照上的18位代码", "The 18 characters on the licence"))
patch(
    SERVICES,
    helps={
        "SC0102": ("本终端可为您显示本指南，扫旁边的二维码可存到手机；企业开办请在“企业开办一网通办”平台网上办理，1个工作日内办结；需要帮办的到市场监管窗口（71-76号）。", "This kiosk shows this guide, and its QR code keeps it on your phone; start a company online on the one-stop platform, done within a working day; for help go to windows 71-76."),
        "SC0103": guide_only("市场监管窗口（71-76号）", "market regulation windows 71-76", "个体工商户可在本终端打印营业执照（营业执照自助打印）；", "sole traders can print their licence here; "),
        "SC0201": guide_only("市场监管窗口（71-76号）", "market regulation windows 71-76"),
    },
)

SERVICES += [
    svc(
        "SC0104", "个体工商户变更登记", "Change a sole trader's registration", "shichang", "行政许可",
        "个体工商户变更经营者姓名、经营范围、经营场所等登记事项的，申请变更登记；材料齐全的当场办结。不收费。",
        "Change a sole trader's name, business scope or premises; done on the spot with complete papers. Free.",
        legal=3, promised=0, via="自助 网办 掌上 窗口", online=True, who="自然人、法人", themes="开办企业", kw="个体户变更、营业执照变更、改经营范围",
        where=W_SHICHANG, materials=[ID_CARD, mat("营业执照正、副本", "Business licence (both copies)"), mat("新经营场所使用证明", "Proof of the new premises", cond=("变更经营场所的", "If the premises change"))],
        form=person_form(LICENCE_CODE, sel("item", "变更事项", "What changes", [("scope", "经营范围", "Business scope"), ("place", "经营场所", "Premises"), ("name", "名称", "Trade name"), ("form", "组成形式", "Form")], multi=True), text("new_value", "变更后内容", "New details", max=200)),
    ),
    svc(
        "SC0105", "个体工商户注销登记", "Close a sole trader's business", "shichang", "行政许可",
        "个体工商户不再经营的，申请注销登记；未发生债权债务或已清偿完毕的，可适用简易注销。不收费。",
        "Close a sole trader's business; without open debts, the simple procedure applies. Free.",
        legal=3, promised=0, via="自助 网办 掌上 窗口", online=True, themes="开办企业", kw="个体户注销、关店、营业执照注销",
        where=W_SHICHANG, materials=[ID_CARD, mat("营业执照正、副本", "Business licence (both copies)")],
        form=person_form(LICENCE_CODE, sel("kind", "注销方式", "Procedure", [("simple", "简易注销（无债权债务）", "Simple (no debts)"), ("normal", "一般注销", "Ordinary")]), checkbox_field("tax_done", "已结清税款", "Taxes are settled")),
    ),
    svc(
        "SC0106", "营业执照自助打印", "Print your business licence", "shichang", "公共服务",
        "个体工商户和企业核准登记后，凭经营者或法定代表人身份证在自助终端打印营业执照正本、副本。不收费。",
        "Once registered, sole traders and companies print the licence at the kiosk with the owner's ID card. Free.",
        via="自助", online=True, who="自然人、法人", themes="开办企业", kw="打印营业执照、领执照、营业执照",
        materials=[ID_CARD],
        form=[LICENCE_CODE, sel("copy", "打印内容", "What to print", [("both", "正本和副本", "Original and duplicate"), ("dup", "仅副本", "Duplicate only")])],
    ),
    svc(
        "SC0107", "个体工商户年度报告", "Sole trader's annual report", "shichang", "公共服务",
        "个体工商户于每年1月1日至6月30日报送上一年度年度报告；不报的列入经营异常名录。不收费。",
        "Sole traders file last year's report between 1 January and 30 June; those who do not are listed as abnormal. Free.",
        via="网办 掌上", themes="开办企业", kw="年报、个体户年报、营业执照年检",
        help=("本终端可为您显示本指南，扫旁边的二维码可存到手机；年报请在国家企业信用信息公示系统网上填报，不会填的可到市场监管窗口（71-76号）请工作人员帮办。", "This kiosk shows this guide, and its QR code keeps it on your phone; file the report on the national enterprise credit information system, or get help at windows 71-76."),
    ),
    svc(
        "SC0202", "小餐饮、食品小作坊登记", "Register a small eatery or food workshop", "shichang", "行政许可",
        "小餐饮、食品小作坊、食品摊贩按本省食品安全条例登记；条件和期限由省规定，本县承诺10个工作日。",
        "Small eateries, workshops and stalls register under the provincial food safety rules; the county promises 10 working days.",
        legal=20, promised=10, via="网办 窗口", themes="开办企业", kw="小吃店、小饭店登记、开饭馆",
        where=W_SHICHANG, materials=[ID_CARD, mat("经营场所使用证明", "Proof of the premises"), mat("从业人员健康证明", "Staff health certificates")],
        help=guide_only("市场监管窗口（71-76号）", "market regulation windows 71-76", "从业人员健康体检可在本终端预约（健康体检预约）；", "book the staff health checks here; "),
    ),
    svc(
        "SC0203", "消费投诉", "Consumer complaint", "shichang", "其他行政权力",
        "消费者权益受到损害的，向经营者所在地市场监管部门投诉；自收到投诉之日起7个工作日内决定是否受理。",
        "Complain about a business that harmed you as a consumer; whether it is taken up is decided within 7 working days.",
        legal=7, promised=7, via="自助 网办 掌上 窗口", ident="读身份证或手工录入", themes="开办企业", kw="投诉商家、12315、买到假货、退货纠纷",
        where=W_SHICHANG, materials=[ID_CARD, mat("购物凭证、照片等证据", "Receipts, photos or other evidence", "复印件", cond=("有证据的", "If you have them"))],
        form=person_form(text("business", "被投诉经营者名称", "Business", max=50), addr("business_address", "经营者地址", "Business address"), date("when", "消费日期", "Date of purchase", -1095, 0), num("amount", "涉及金额（元）", "Amount (yuan)", 0, 10_000_000), text("what", "投诉内容", "What happened", max=300)),
    ),
]

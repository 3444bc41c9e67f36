# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县税务局: the services of the sample county list."""

from base import *  # noqa: F403

W_SHUIWU = ('县政务服务中心四楼 税务窗口（51-60号）', 'County Service Centre, 4th floor, tax windows 51-60')

SERVICES = [
    svc(
        'SW0101', '个人所得税纳税记录打印', 'Print your individual income tax record', 'shuiwu', '公共服务',
        '打印本人个人所得税纳税记录（完税证明），用于购房、落户、贷款等。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        'Print your income tax payment record for home purchase, residence or loans. Printed on the spot after your ID card is read; needs the government platform online.',
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='住房、就业', kw='完税证明、个税证明、tax record',
        materials=[
            ID_CARD,
        ],
        form=[
            PURPOSE,
            COPIES,
        ],
    ),
    svc(
        'SW0102', '个人所得税综合所得年度汇算', 'Annual individual income tax reconciliation', 'shuiwu', '其他行政权力',
        '每年3月1日至6月30日办理上一年度综合所得年度汇算，多退少补',
        "Between 1 March and 30 June, settle last year's income tax: get a refund or pay the rest",
        legal=0, promised=0, via='网办 掌上 窗口', online=True, themes='就业', kw='个税退税、tax refund', where=W_SHUIWU,
        materials=[
            ID_CARD,
        ],
    ),
    svc(
        'SW0201', '代开增值税普通发票（个人）', 'Issue an ordinary VAT invoice for an individual', 'shuiwu', '其他行政权力',
        '自然人出租房屋、提供劳务等需要开具发票的，申请税务机关代开',
        'Individuals who rent out property or provide services get the tax office to issue the invoice',
        legal=0, promised=0, via='自助 掌上 窗口', online=True, themes='就业、住房', kw='代开发票、invoice', where=W_SHUIWU,
        materials=[
            ID_CARD,
            mat('合同或协议', 'Contract or agreement', '复印件'),
        ],
    ),
    svc(
        'SW0301', '城乡居民社会保险费缴纳', 'Pay resident social insurance contributions', 'shuiwu', '行政征收',
        '城乡居民缴纳基本养老保险费、基本医疗保险费，自助终端可用银行卡或扫码缴费',
        'Residents pay pension and medical insurance contributions; at the kiosk by bank card or QR code',
        legal=0, promised=0, via='自助 网办 掌上 窗口', online=True, themes='就医、养老', kw='交医保、交社保、缴费', where=W_SHUIWU,
        materials=[
            ID_CARD,
        ],
    ),
]

patch(
    SERVICES,
    forms={
        "SW0201": person_form(sel("kind", "业务类型", "Business", [("rent", "个人出租住房", "Renting out a home"), ("sale", "零星销售货物", "Occasional sales"), ("service", "零星提供劳务", "Occasional services")]), text("buyer", "受票方名称", "Buyer", max=50), num("amount", "开票金额（元，含税）", "Amount (yuan, tax included)", 1, 100_000)),
        "SW0301": [NAME, ID_NUMBER, PHONE, sel("scheme", "缴费险种", "Scheme", [("pension", "城乡居民基本养老保险", "Resident pension"), ("medical", "城乡居民基本医疗保险", "Resident medical insurance")]), sel("year", "缴费年度", "Year", [("2027", "2027年度", "2027"), ("2026", "2026年度（补缴）", "2026 (late)")]), AGREE],
    },
    helps={
        "SW0102": ("本终端可为您显示本指南，扫旁边的二维码可存到手机；年度汇算请在手机上用“个人所得税”App办理，需要帮助的可到税务窗口（51-60号）。", "This kiosk shows this guide, and its QR code keeps it on your phone; file the annual return in the individual income tax app, or get help at tax windows 51-60."),
    },
)

SERVICES += [
    svc(
        "SW0103", "税收完税证明开具", "Print a tax payment certificate", "shuiwu", "公共服务",
        "开具本人已缴纳个人所得税、社会保险费等的税收完税证明（文书式）。",
        "Print a certificate of the income tax or social insurance contributions you paid.",
        via="自助 网办 掌上", online=True, themes="就业、住房", kw="完税证明、纳税证明、交税证明",
        materials=[ID_CARD], form=print_form(("house", "购房", "Buying a home"), ("loan", "贷款", "A loan"), ("visa", "签证", "A visa")),
    ),
    svc(
        "SW0104", "个人所得税专项附加扣除填报", "Claim income tax special deductions", "shuiwu", "公共服务",
        "纳税人填报子女教育、赡养老人、住房贷款利息、3岁以下婴幼儿照护等专项附加扣除。",
        "Claim the special deductions: children's education, elderly parents, mortgage interest, children under 3 and others.",
        via="网办 掌上 窗口", themes="就业、婚育", kw="个税扣除、专项附加扣除、赡养老人扣除",
        where=W_SHUIWU,
        help=("本终端可为您显示本指南，扫旁边的二维码可存到手机；请在手机上用“个人所得税”App填报，或到税务窗口（51-60号）由工作人员协助。", "This kiosk shows this guide, and its QR code keeps it on your phone; claim in the individual income tax app, or get help at tax windows 51-60."),
    ),
    svc(
        "SW0401", "契税申报（个人购房）", "Deed tax on a home purchase", "shuiwu", "行政征收",
        "个人购买住房的，在签订合同后、办理不动产登记前申报缴纳契税；税率依《契税法》和省的规定，家庭首套、二套住房面积有减征政策。",
        "Pay the deed tax after signing and before registering the home; rates follow the Deed Tax Law and the province, with reductions for a first or second family home.",
        legal=0, promised=0, via="网办 窗口", themes="住房", kw="买房交税、契税",
        where=W_SHUIWU, materials=[ID_CARD, mat("房屋买卖合同", "Purchase contract"), mat("购房发票", "Invoice")],
        help=guide_only("不动产登记窗口（61-70号）旁的税务专窗", "the tax window beside the real estate windows", "“一窗办理”：可与不动产转移登记同时受理；", "it is done together with the property transfer; "),
    ),
    svc(
        "SW0501", "办税预约", "Book a tax appointment", "shuiwu", "公共服务",
        "预约到税务窗口办理涉税业务的日期和时段。",
        "Book a time at the tax windows.",
        via="自助 网办 掌上", themes="开办企业", kw="税务预约、预约报税",
        form=booking_form("县政务服务中心四楼税务窗口（51-60号）", "tax windows 51-60"),
    ),
]

SERVICES += [
    svc(
        "SW0105", "社会保险费缴费证明打印", "Print your social insurance payments to the tax office", "shuiwu", "公共服务",
        "打印本人向税务部门缴纳城乡居民养老保险、医疗保险费的缴费记录。",
        "Print what you paid the tax office for resident pension and medical insurance.",
        via="自助 网办 掌上", online=True, themes="养老、就医", kw="交社保记录、医保缴费凭证、社保缴费证明",
        materials=[ID_CARD], form=print_form(("self", "本人查询", "My own record"), ("claim", "报销或补缴", "A claim or late payment")),
    ),
]

SERVICES += [
    svc(
        "SW0106", "个人所得税App注册码申请", "Registration code for the income tax app", "shuiwu", "公共服务",
        "无法通过人脸识别注册“个人所得税”App的，本人持身份证到税务窗口或自助终端获取注册码。不收费。",
        "If the face check fails when you register for the income tax app, get a registration code at a tax window or kiosk. Free.",
        via="自助 窗口", online=True, themes="就业", kw="个税密码忘了、个税注册、个税App",
        where=W_SHUIWU, materials=[ID_CARD],
        form=[NAME, ID_NUMBER, PHONE, sel("send", "获取方式", "How", [("print", "当场打印", "Print it now"), ("sms", "短信发送到手机", "Text it to my phone")]), AGREE],
    ),
]

# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县农业农村局: the services of the sample county list."""

from base import *  # noqa: F403

W_NONGYE = ('各乡镇（街道）便民服务中心 农业服务窗口', 'Agriculture window of your township service centre')

SERVICES = [
    svc(
        'NY0101', '耕地地力保护补贴申报', 'Claim the farmland fertility protection subsidy', 'nongye', '行政给付',
        '承包耕地的农户按实际种植面积申报耕地地力保护补贴，补贴资金打入一卡通',
        'Farming households claim a subsidy by the area they actually plant; money is paid to their subsidy card',
        legal=30, promised=20, via='自助 掌上 窗口', ident='读身份证或手工录入', themes='农业生产', kw='种粮补贴、地力补贴、farm subsidy', where=W_NONGYE,
        materials=[
            ID_CARD,
            mat('土地承包经营权证', 'Land contract certificate'),
            mat('惠农补贴一卡通', 'Farm subsidy bank card'),
        ],
        form=[
            NAME,
            ID_NUMBER,
            ADDRESS,
            PHONE,
            {'id': 'village',
             'type': 'text',
             'label_zh': '所在村（社区）',
             'label_en': 'Village',
             'required': True,
             'max': 30},
            {'id': 'area_mu',
             'type': 'number',
             'label_zh': '种植面积（亩）',
             'label_en': 'Planted area (mu)',
             'required': True,
             'min': 0.1,
             'max': 2000,
             'help_zh': '1亩约666.7平方米',
             'help_en': '1 mu is about 666.7 square metres'},
            {'id': 'crops',
             'type': 'multi_select',
             'label_zh': '种植作物',
             'label_en': 'Crops',
             'required': True,
             'options': [{'value': 'wheat', 'label_zh': '小麦', 'label_en': 'Wheat'},
                         {'value': 'rice', 'label_zh': '水稻', 'label_en': 'Rice'},
                         {'value': 'corn', 'label_zh': '玉米', 'label_en': 'Maize'},
                         {'value': 'soy', 'label_zh': '大豆', 'label_en': 'Soybean'},
                         {'value': 'other', 'label_zh': '其他', 'label_en': 'Other'}]},
            {'id': 'subsidy_card',
             'type': 'text',
             'label_zh': '一卡通账号',
             'label_en': 'Subsidy card number',
             'required': True,
             'pattern': '\\d{16,19}'},
            AGREE,
        ],
    ),
    svc(
        'NY0102', '农村宅基地和建房申请', 'Apply for a rural homestead and house-building permit', 'nongye', '行政许可',
        '农村村民申请宅基地建设住房，经村组讨论公示后报乡镇审批',
        'Villagers apply for a plot to build a house; the village discusses and publishes it, then the township approves',
        legal=20, promised=20, via='窗口', themes='住房、农业生产', kw='盖房、宅基地', where=W_NONGYE,
        materials=[
            ID_CARD,
            HUKOU,
            mat('农村宅基地和建房（规划许可）申请表', 'Homestead and building application form'),
            mat('建房设计图或通用图', 'House design drawings'),
        ],
    ),
    svc(
        'NY0103', '农机购置与应用补贴申请', 'Subsidy for buying farm machinery', 'nongye', '行政给付',
        '购买补贴目录内农业机械的农户和农业生产经营组织，申请购置补贴',
        'Farmers and farm businesses that buy listed machinery claim a purchase subsidy',
        legal=30, promised=25, via='掌上 窗口', who='自然人、法人', themes='农业生产', kw='农机补贴、拖拉机', where=W_NONGYE,
        materials=[
            ID_CARD,
            mat('购机发票', 'Purchase invoice'),
            mat('人机合影照片', 'Photo of the owner with the machine'),
        ],
    ),
    svc(
        'NY0104', '动物防疫条件合格证核发', 'Animal epidemic prevention certificate', 'nongye', '行政许可',
        '兴办畜禽养殖场、屠宰加工场所等，须取得动物防疫条件合格证',
        'Livestock farms and slaughterhouses need an animal epidemic prevention certificate',
        legal=20, promised=15, via='网办 窗口', who='法人、自然人', themes='农业生产、开办企业', kw='养殖场', where=W_NONGYE,
        materials=[
            mat('申请表', 'Application form'),
            mat('场所地理位置图和平面布局图', 'Site map and layout'),
            mat('防疫管理制度', 'Epidemic prevention rules'),
        ],
    ),
]

patch(
    SERVICES,
    helps={
        "NY0102": guide_only("所在乡镇（街道）便民服务中心 农业服务窗口", "the agriculture window of your township centre", "宅基地申请须先经村民小组讨论、村委会审查；", "first your village group discusses it and the village committee checks it; "),
        "NY0103": guide_only("所在乡镇（街道）便民服务中心 农业服务窗口", "the agriculture window of your township centre", "补贴机具目录和额度由省公布；", "the province lists the machines and amounts; "),
        "NY0104": guide_only("县农业农村局 行政审批窗口", "the agriculture bureau's licensing window"),
    },
)

SERVICES += [
    svc(
        "NY0105", "惠农补贴发放查询打印", "Print your farm subsidy payments", "nongye", "公共服务",
        "查询打印通过惠民惠农财政补贴资金“一卡通”发放到本人账户的耕地地力保护补贴等补贴明细。",
        "Print the farm subsidies paid into your account through the one-card system.",
        via="自助 网办 掌上", online=True, themes="农业生产", kw="补贴到账、种粮补贴查询、一卡通查询",
        materials=[ID_CARD], form=print_form(("self", "本人查询", "My own record"), ("loan", "贷款", "A loan")),
    ),
    svc(
        "NY0106", "农村土地承包经营权流转备案", "Register a farmland lease", "nongye", "公共服务",
        "承包农户出租（转包）、入股承包地经营权的，流转合同报乡镇（街道）备案。不收费。",
        "Farmers who lease out or pool their contracted land register the contract with the township. Free.",
        via="自助 窗口", themes="农业生产", kw="土地流转、租地备案、承包地出租",
        where=W_NONGYE, materials=[ID_CARD, mat("土地经营权流转合同", "Lease contract"), mat("农村土地承包经营权证", "Land contract certificate", "复印件")],
        form=person_form(text("tenant", "受让方姓名或名称", "Tenant", max=50), num("mu", "流转面积（亩）", "Area (mu)", 0.1, 10_000), num("years", "流转期限（年）", "Years", 1, 30), sel("way", "流转方式", "How", [("lease", "出租（转包）", "Lease"), ("share", "入股", "Shares"), ("other", "其他", "Other")])),
    ),
    svc(
        "NY0107", "农村土地承包经营权证变更补发", "Change or replace a land contract certificate", "nongye", "行政确认",
        "承包地因分户、婚嫁、证书遗失等变更或补发承包经营权证。不收费。",
        "Change or replace a land contract certificate after a household split, marriage or loss. Free.",
        legal=20, promised=10, via="窗口", themes="农业生产", kw="土地证丢了、承包证补办",
        where=W_NONGYE, materials=[ID_CARD, HUKOU, mat("原承包经营权证", "The old certificate", cond=("变更的", "For a change"))],
        help=guide_only("所在乡镇（街道）便民服务中心 农业服务窗口", "the agriculture window of your township centre", "须经村集体经济组织确认；", "the village collective must confirm it; "),
    ),
    svc(
        "NY0108", "拖拉机和联合收割机登记", "Register a tractor or combine harvester", "nongye", "行政许可",
        "拖拉机、联合收割机投入使用前申请注册登记，领取号牌和行驶证；受理后2个工作日内办结。",
        "Register a tractor or harvester before use and get its plate; done within 2 working days.",
        legal=2, promised=2, via="窗口", themes="农业生产", kw="拖拉机上牌、收割机上牌",
        where=("县农机监理站（农业农村局院内）", "County farm machinery office (agriculture bureau compound)"),
        materials=[ID_CARD, mat("来历证明（购机发票）", "Purchase invoice"), mat("出厂合格证明", "Certificate of conformity")],
        fees=[fee("号牌、行驶证工本费", "Plate and certificate fees", 0, "本省已免收", "Waived in this province")],
        help=guide_only("县农机监理站", "the county farm machinery office", "机具须到场查验；", "the machine must be brought for checking; "),
    ),
    svc(
        "NY0109", "农技服务预约", "Book a farm adviser", "nongye", "公共服务",
        "预约县乡农技人员上门或到田间指导病虫害防治、测土配方施肥等。免费。",
        "Book a farm adviser for pests, soil testing or fertiliser advice in your fields. Free.",
        via="自助 掌上", themes="农业生产", kw="病虫害、农技员、庄稼生病",
        form=[NAME, ID_NUMBER, PHONE, sel("topic", "需要指导的内容", "Topic", [("pest", "病虫害防治", "Pests and diseases"), ("soil", "测土配方施肥", "Soil and fertiliser"), ("seed", "品种选择", "Seeds"), ("animal", "畜禽养殖", "Livestock")]), addr("field", "田块或养殖场位置", "Where"), date("day", "希望日期", "Preferred day", 1, 30), AGREE],
    ),
    svc(
        "NY0110", "畜禽养殖场备案", "Register a livestock farm", "nongye", "公共服务",
        "达到省规定规模的畜禽养殖场、养殖小区向县农业农村部门备案。不收费。",
        "Livestock farms above the provincial size register with the county. Free.",
        legal=15, promised=10, via="窗口", who="自然人、法人", themes="农业生产", kw="养猪场备案、养殖场登记",
        where=("县农业农村局 行政审批窗口", "Agriculture bureau licensing window"),
        materials=[ID_CARD, mat("养殖场备案表", "Registration form"), mat("用地证明", "Proof of land use")],
        help=guide_only("县农业农村局 行政审批窗口", "the agriculture bureau's licensing window"),
    ),
]

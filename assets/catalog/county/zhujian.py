# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县住房和城乡建设局: the services of the sample county list (housing-assistance
conditions and amounts are set by the county, as the guides say)."""

from base import *  # noqa: F403

W_ZJ = ("县政务服务中心三楼 住建窗口（49-50号）", "County Service Centre, 3rd floor, housing windows 49-50")

SERVICES = [
    svc(
        "ZJ0101", "公共租赁住房申请", "Apply for public rental housing", "zhujian", "行政给付",
        "本县城镇住房困难家庭、新就业无房职工和外来务工人员申请公共租赁住房；收入、住房标准由县人民政府公布。",
        "Families short of housing, new workers with no home and migrant workers apply for public rental housing; the county sets the income and housing limits.",
        legal=30, promised=20, via="自助 掌上 窗口", ident="读身份证或手工录入", themes="住房", kw="公租房、廉租房、申请公租房",
        where=W_ZJ, materials=[ID_CARD, HUKOU, mat("家庭收入证明", "Household income"), mat("住房情况说明", "Statement on your housing")],
        form=person_form(sel("group", "申请人类别", "Group", [("local", "本县城镇住房困难家庭", "Local family short of housing"), ("newjob", "新就业无房职工", "New worker with no home"), ("migrant", "外来务工人员", "Migrant worker")]), num("people", "家庭人口", "People in the family", 1, 20), num("income", "家庭年收入（元）", "Household income a year (yuan)", 0, 10_000_000), num("area", "现住房人均面积（平方米）", "Current floor area per person (m²)", 0, 500), live=True),
    ),
    svc(
        "ZJ0102", "公共租赁住房资格年审", "Annual review of public rental housing", "zhujian", "行政确认",
        "承租公共租赁住房的家庭每年申报收入、住房变化，复核保障资格。",
        "Tenants of public rental housing report income and housing changes each year to keep their place.",
        legal=30, promised=20, via="自助 掌上 窗口", themes="住房", kw="公租房年审、廉租房年审",
        where=W_ZJ, materials=[ID_CARD],
        form=person_form(num("people", "家庭人口", "People in the family", 1, 20), num("income", "家庭年收入（元）", "Household income a year (yuan)", 0, 10_000_000), sel("change", "住房有无变化", "Any housing change", [("none", "无", "None"), ("bought", "已购房", "Bought a home")]), live=True),
    ),
    svc(
        "ZJ0103", "住房租赁合同登记备案", "Register a rental contract", "zhujian", "公共服务",
        "出租人与承租人签订住房租赁合同后30日内办理登记备案，可用于居住证申领、子女入学等。不收费。",
        "Register a home rental contract within 30 days of signing, for a residence permit or school places. Free.",
        legal=3, promised=0, via="自助 网办 掌上 窗口", themes="住房、上学", kw="租房备案、租房合同备案、租房证明",
        where=W_ZJ, materials=[ID_CARD, mat("住房租赁合同", "Rental contract"), mat("出租房屋权属证明", "Owner's property certificate", "复印件")],
        form=person_form(addr("house", "租赁房屋地址", "Rented home"), text("landlord", "出租人姓名", "Landlord", max=30), idno("landlord_id", "出租人公民身份号码", "Landlord's ID number"), date("start", "租赁起始日期", "Lease start", -30, 30), num("months", "租期（月）", "Months", 1, 240), num("rent", "月租金（元）", "Rent a month (yuan)", 1, 100_000)),
    ),
    svc(
        "ZJ0104", "农村危房改造补助申请", "Grant for rebuilding an unsafe rural house", "zhujian", "行政给付",
        "低保户、特困人员、低保边缘家庭等农村低收入群体的危房，经鉴定后申请改造补助；补助标准由省、县确定。",
        "Low-income rural families living in an unsafe house apply after an inspection; the province and county set the grant.",
        legal=30, promised=20, via="窗口", ident="读身份证或手工录入", themes="住房、农业生产", kw="危房改造、房子要塌了",
        where=("所在乡镇（街道）便民服务中心", "Your township service centre"),
        materials=[ID_CARD, HUKOU, mat("低保证、特困证等身份证明", "Low-income certificate")],
        help=guide_only("所在乡镇（街道）便民服务中心", "your township service centre", "先由村委会初审并组织房屋鉴定；", "the village committee checks first and arranges the inspection; "),
    ),
    svc(
        "ZJ0105", "住宅专项维修资金使用查询", "Print your housing maintenance fund", "zhujian", "公共服务",
        "查询打印本人房屋交存的住宅专项维修资金余额和使用记录。",
        "Print the balance and use of the maintenance fund paid for your home.",
        via="自助 网办", online=True, themes="住房", kw="维修基金、房屋维修资金",
        materials=[ID_CARD], form=print_form(("self", "本人查询", "My own record"), ("sale", "房屋出售", "Selling the home")),
    ),
]

SERVICES += [
    svc(
        "ZJ0106", "商品房网签备案信息查询打印", "Print the registration of a new-home contract", "zhujian", "公共服务",
        "购房人查询打印商品房买卖合同网签备案信息，用于贷款、落户、子女入学等。",
        "Buyers print the online registration of their new-home contract, for a loan, registration or school places.",
        via="自助 网办", online=True, themes="住房、上学", kw="网签备案、购房合同备案、买房备案查询",
        materials=[ID_CARD], form=print_form(("loan", "贷款", "A loan"), ("hukou", "落户", "Registration"), ("school", "子女入学", "School place")),
    ),
]

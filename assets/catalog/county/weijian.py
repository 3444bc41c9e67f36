# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县卫生健康委员会: the services of the sample county list."""

from base import *  # noqa: F403

W_WEIJIAN = ('县政务服务中心二楼 卫健窗口（36-38号）', 'County Service Centre, 2nd floor, health windows 36-38')

SERVICES = [
    svc(
        'WJ0101', '出生医学证明补发', 'Reissue a medical birth certificate', 'weijian', '公共服务',
        '出生医学证明遗失的，由出生医院所在地签发机构补发',
        'If a medical birth certificate is lost, the issuing office where the child was born reissues it',
        legal=30, promised=20, via='窗口', themes='出生', kw='出生证丢了、出生证', where=W_WEIJIAN,
        materials=[
            mat('父母双方居民身份证', "Both parents' ID cards"),
            mat('遗失声明', 'Declaration of loss'),
            mat('出生住院病历', 'Hospital birth records', '复印件'),
        ],
    ),
    svc(
        'WJ0102', '生育登记', 'Register a birth plan (family planning registration)', 'weijian', '公共服务',
        '生育第一、二、三个子女的家庭，可在孕前或孕期办理生育登记，享受孕产期保健服务',
        'Families register before or during pregnancy for the first, second or third child to receive maternity care',
        legal=0, promised=0, via='自助 网办 掌上 窗口', online=True, themes='婚育、出生', kw='准生证、生育服务证、怀孕登记', where=W_WEIJIAN,
        materials=[
            mat('夫妻双方居民身份证', "Both spouses' ID cards"),
            mat('结婚证', 'Marriage certificate'),
        ],
        form=[
            NAME,
            ID_NUMBER,
            PHONE,
            LIVE,
            {'id': 'spouse_name',
             'type': 'text',
             'label_zh': '配偶姓名',
             'label_en': "Spouse's name",
             'required': True,
             'max': 30},
            {'id': 'spouse_id',
             'type': 'id_number',
             'label_zh': '配偶身份号码',
             'label_en': "Spouse's ID number",
             'required': True},
            {'id': 'marriage_date',
             'type': 'date',
             'label_zh': '结婚登记日期',
             'label_en': 'Date of marriage',
             'required': True,
             'max': 0},
            {'id': 'child_order',
             'type': 'select',
             'label_zh': '本次生育孩次',
             'label_en': 'Which child',
             'required': True,
             'options': [{'value': '1', 'label_zh': '第一个', 'label_en': 'First'},
                         {'value': '2', 'label_zh': '第二个', 'label_en': 'Second'},
                         {'value': '3', 'label_zh': '第三个', 'label_en': 'Third'}]},
            {'id': 'due_date',
             'type': 'date',
             'label_zh': '预产期',
             'label_en': 'Expected due date',
             'required': False,
             'min': 0,
             'max': 300},
            AGREE,
        ],
    ),
    svc(
        'WJ0103', '计划生育家庭特别扶助金申请', 'Special support for family-planning families', 'weijian', '行政给付',
        '独生子女死亡或伤残、未再生育或收养子女的夫妻，年满49周岁起可申请特别扶助金',
        'Couples aged 49+ whose only child died or is disabled, with no further children, can apply for special support',
        legal=30, promised=20, via='自助 网办 掌上 窗口', ident='读身份证或手工录入', themes='养老、婚育', kw='失独、独生子女', where=W_WEIJIAN,
        materials=[
            ID_CARD,
            HUKOU,
            mat('独生子女父母光荣证', "Only-child parents' certificate"),
            mat('本人银行卡或社会保障卡（金融账户）', 'Your bank card or social security card (bank account)', cond=('待遇需发放到银行账户时', 'When money is paid into an account')),
        ],
    ),
    svc(
        'WJ0201', '居民电子健康档案打印', 'Print your electronic health record', 'weijian', '公共服务',
        '打印本人电子健康档案摘要及近期体检、预防接种记录。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        'Print a summary of your health record with recent check-ups and vaccinations. Printed on the spot after your ID card is read; needs the government platform online.',
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='就医、上学', kw='健康档案、体检报告、疫苗接种记录',
        materials=[
            ID_CARD,
        ],
        form=[
            PURPOSE,
            COPIES,
        ],
    ),
]

patch(
    SERVICES,
    forms={
        "WJ0103": person_form(sel("kind", "家庭类别", "Family", [("lost", "独生子女死亡家庭", "Only child died"), ("disabled", "独生子女伤残（三级以上）家庭", "Only child disabled (grade 3 or worse)")]), sel("age", "年龄", "Age", [("49", "女方年满49周岁", "The mother is 49 or older", 49)]), bank=True),
    },
    helps={
        "WJ0101": guide_only("原签发的助产机构或县妇幼保健院", "the hospital that issued it or the county maternal and child health hospital", "", ""),
    },
)

SERVICES += [
    svc(
        "WJ0104", "出生医学证明首次签发", "First birth medical certificate", "weijian", "公共服务",
        "在助产机构出生的新生儿，由出生的医院签发《出生医学证明》，用于办理出生登记（上户口）。不收费。",
        "The hospital where a baby is born issues the birth medical certificate, needed to register the birth. Free.",
        legal=0, promised=0, via="窗口", themes="出生", kw="出生证、出生证明、办出生证",
        where=("孩子出生的助产机构（医院）出生医学证明签发窗口", "The birth certificate desk of the hospital where the baby was born"),
        materials=[mat("父母双方居民身份证", "Both parents' ID cards"), mat("新生儿出院记录", "Discharge record")],
        help=guide_only("孩子出生的医院", "the hospital where the baby was born", "领证后可在本终端办理出生登记（上户口）和新生儿参保；", "then register the birth and enrol the baby in medical insurance here; "),
    ),
    svc(
        "WJ0105", "预防接种证补办", "Replace a vaccination booklet", "weijian", "公共服务",
        "儿童预防接种证遗失的，到接种单位查询接种记录后补办；入托、入学时须查验。不收费。",
        "Replace a lost vaccination booklet at the vaccination clinic from its records; it is checked at nursery and school entry. Free.",
        via="窗口", themes="出生、上学", kw="疫苗本丢了、打疫苗本子、接种证",
        where=("所在乡镇卫生院或社区卫生服务中心 预防接种门诊", "The vaccination clinic of your township health centre"),
        materials=[mat("儿童户口簿或出生医学证明", "Child's household register or birth certificate")],
        help=guide_only("所在乡镇卫生院预防接种门诊", "your township health centre's vaccination clinic"),
    ),
    svc(
        "WJ0106", "家庭医生签约", "Sign up with a family doctor", "weijian", "公共服务",
        "居民与乡镇卫生院、社区卫生服务中心的家庭医生团队签约，享受健康管理、慢病随访等服务；基本服务包免费。",
        "Sign up with a family doctor team at your township health centre for health checks and follow-up; the basic package is free.",
        via="自助 掌上 窗口", ident="读身份证或手工录入", themes="就医、养老", kw="签家庭医生、家庭医生",
        where=("所在乡镇卫生院或社区卫生服务中心", "Your township or community health centre"), materials=[ID_CARD],
        form=person_form(sel("centre", "签约机构", "Health centre", [("town", "城关镇卫生院", "Chengguan health centre"), ("east", "东关社区卫生服务中心", "East Gate community centre"), ("river", "河口乡卫生院", "Hekou health centre")]), sel("group", "重点人群", "Group", [("none", "一般人群", "General"), ("elderly", "65岁以上老年人", "65 or older", 65), ("chronic", "高血压、糖尿病患者", "High blood pressure or diabetes"), ("pregnant", "孕产妇", "Pregnant")]), live=True),
    ),
    svc(
        "WJ0107", "农村部分计划生育家庭奖励扶助", "Reward for rural family-planning families", "weijian", "行政给付",
        "农村只有一个子女或两个女孩的计划生育家庭，夫妻年满60周岁后按年领取奖励扶助金，标准由国家和省确定。",
        "Rural parents with one child or two daughters under the old policy receive a yearly reward from 60; national and provincial rates.",
        legal=30, promised=20, via="窗口", ident="读身份证或手工录入", themes="养老、婚育", kw="计生奖励、独生子女奖励",
        where=("所在乡镇（街道）便民服务中心 卫健窗口", "The health window of your township centre"),
        materials=[ID_CARD, HUKOU, mat("结婚证", "Marriage certificate"), BANK],
        help=guide_only("所在乡镇（街道）便民服务中心", "your township service centre", "每年由村（居）委会张榜公示；", "each year the village posts the list; "),
    ),
    svc(
        "WJ0108", "从业人员健康体检预约", "Book a health check for food workers", "weijian", "公共服务",
        "食品、公共场所从业人员预约健康体检，合格后发放健康证明。体检费按省定标准。",
        "Food and public-place workers book the health check for their health certificate; the fee follows the province.",
        via="自助 掌上", themes="就业、开办企业", kw="办健康证、健康证、体检预约",
        form=booking_form("县疾病预防控制中心体检科（城南路6号）", "County CDC health check unit, 6 South Road"),
    ),
    svc(
        "WJ0109", "献血者用血费用返还", "Blood costs back for donors", "weijian", "行政给付",
        "无偿献血者及其配偶、直系亲属临床用血后，按规定返还用血费用；本省已实现医院直接减免的不必另行申请。",
        "Blood donors and their close family get back the cost of blood they used; where hospitals deduct it directly, no claim is needed.",
        legal=20, promised=10, via="窗口", themes="就医", kw="献血报销、用血报销",
        where=("县中心血站（人民路88号）", "County blood centre, 88 People's Road"),
        materials=[mat("献血者居民身份证", "Donor's ID card"), mat("用血发票和用血清单", "Blood bill and list"), mat("亲属关系证明", "Proof of relation", cond=("亲属用血的", "If a relative used it"))],
        help=guide_only("县中心血站（人民路88号）", "the county blood centre, 88 People's Road"),
    ),
]

SERVICES += [
    svc(
        "WJ0110", "孕产妇建档（母子健康手册）", "Register a pregnancy (mother and child health booklet)", "weijian", "公共服务",
        "怀孕13周前到乡镇卫生院或社区卫生服务中心建立孕产妇保健档案，领取《母子健康手册》，享受免费的孕期检查和产后访视等基本公共卫生服务。",
        "Before week 13 of pregnancy, register at the township health centre for the mother and child booklet and free check-ups and a home visit after birth.",
        via="掌上 窗口", themes="出生、婚育", kw="怀孕建档、建小卡、母子手册",
        where=("所在乡镇卫生院或社区卫生服务中心 妇幼保健门诊", "The maternal care clinic of your township health centre"),
        materials=[ID_CARD, mat("结婚证", "Marriage certificate", cond=("已婚的", "If married"))],
        help=guide_only("所在乡镇卫生院妇幼保健门诊", "your township health centre's maternal care clinic", "可在本终端签约家庭医生；", "you can sign up with a family doctor here; "),
    ),
]

# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县公安局: the services of the sample county list."""

from base import *  # noqa: F403

W_GONGAN = ('县政务服务中心一楼 公安综合窗口（1-6号）', 'County Service Centre, 1st floor, police windows 1-6')

SERVICES = [
    svc(
        'GA0101', '居民身份证换领', 'Renew a resident ID card', 'gongan', '行政确认',
        '居民身份证有效期满或即将期满（3个月内），以及证件损坏、登记项目变更的，申请换领新证',
        'Get a new ID card when yours expires within 3 months, is damaged, or its details changed',
        legal=60, promised=15, via='自助 掌上 窗口', themes='出行', kw='身份证到期、ID card expired、sfz', where=W_GONGAN,
        materials=[
            ID_CARD,
            HUKOU,
            PHOTO,
            mat('户籍变更证明', 'Proof of the change in registration', cond=('登记项目变更的', 'If your registered details changed')),
        ],
        fees=[
            fee('居民身份证工本费', 'ID card production fee', 20, '发改价格〔2003〕2322号', 'NDRC pricing notice 2003/2322'),
        ],
        form=[
            NAME,
            ID_NUMBER,
            SEX,
            NATION,
            BIRTH,
            ADDRESS,
            {'id': 'reason',
             'type': 'select',
             'label_zh': '换领原因',
             'label_en': 'Reason',
             'required': True,
             'options': [{'value': 'expired', 'label_zh': '有效期满', 'label_en': 'Expired or expiring'},
                         {'value': 'damaged', 'label_zh': '证件损坏', 'label_en': 'Damaged'},
                         {'value': 'changed', 'label_zh': '登记项目变更', 'label_en': 'Details changed'}]},
            PICKUP,
            PHONE,
            AGREE,
        ],
    ),
    svc(
        'GA0102', '居民身份证补领', 'Replace a lost resident ID card', 'gongan', '行政确认',
        '居民身份证丢失或被盗的，申请补领新证；原证件自申报之日起作废',
        'Apply for a new ID card if yours was lost or stolen; the old card is void from the day you report it',
        legal=60, promised=15, via='自助 掌上 窗口', ident='读身份证或手工录入', themes='出行', kw='身份证丢了、lost ID card', where=W_GONGAN,
        materials=[
            HUKOU,
            PHOTO,
        ],
        fees=[
            fee('居民身份证工本费', 'ID card production fee', 20, '发改价格〔2003〕2322号', 'NDRC pricing notice 2003/2322'),
        ],
        form=[
            NAME,
            ID_NUMBER,
            SEX,
            BIRTH,
            ADDRESS,
            {'id': 'lost_date',
             'type': 'date',
             'label_zh': '丢失日期',
             'label_en': 'Date lost',
             'required': True,
             'max': 0},
            {'id': 'lost_place',
             'type': 'text',
             'label_zh': '丢失地点',
             'label_en': 'Where it was lost',
             'required': False,
             'max': 50},
            PICKUP,
            PHONE,
            AGREE,
        ],
    ),
    svc(
        'GA0103', '临时居民身份证申领', 'Apply for a temporary resident ID card', 'gongan', '行政确认',
        '在申领、换领、补领居民身份证期间急需使用的，可申领有效期三个月的临时居民身份证',
        'While your new ID card is being made, get a temporary card valid for three months',
        legal=3, promised=0, via='窗口', themes='出行', kw='临时身份证', where=W_GONGAN,
        materials=[
            HUKOU,
            PHOTO,
            mat('居民身份证受理回执', 'Receipt for the ID card application'),
        ],
        fees=[
            fee('临时居民身份证工本费', 'Temporary ID card fee', 10),
        ],
    ),
    svc(
        'GA0104', '居民身份证异地受理', 'Apply for an ID card away from your registered residence', 'gongan', '行政确认',
        '在户籍所在地以外的城市申请换领、补领居民身份证（跨省通办）',
        'Renew or replace your ID card in a city other than where your hukou is registered (inter-provincial service)',
        legal=60, promised=30, via='窗口', ident='读身份证或手工录入', themes='出行、就业', kw='跨省通办、异地办证', where=W_GONGAN,
        materials=[
            ID_CARD,
            PHOTO,
        ],
        fees=[
            fee('居民身份证工本费', 'ID card production fee', 20),
        ],
    ),
    svc(
        'GA0201', '出生登记', 'Birth registration (hukou)', 'gongan', '行政确认',
        '为新生儿申报户口，登记在父亲或母亲户内',
        "Register a newborn's hukou in the father's or mother's household",
        legal=10, promised=1, via='掌上 窗口', themes='出生、婚育', kw='新生儿落户、上户口、报户口', where=W_GONGAN,
        materials=[
            mat('出生医学证明', 'Medical birth certificate'),
            HUKOU,
            mat('结婚证', 'Marriage certificate'),
            mat('父母双方居民身份证', "Both parents' ID cards"),
        ],
    ),
    svc(
        'GA0202', '户籍证明打印', 'Print a household registration certificate', 'gongan', '公共服务',
        '开具本人户籍信息证明，用于入学、就业、办理社保等。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        'A certificate of your household registration for school, jobs or social insurance. Printed on the spot after your ID card is read; needs the government platform online.',
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='上学、就业', kw='户口证明',
        materials=[
            ID_CARD,
        ],
        form=[
            PURPOSE,
            COPIES,
        ],
    ),
    svc(
        'GA0203', '无犯罪记录证明打印', 'Print a certificate of no criminal record', 'gongan', '公共服务',
        '为本人开具无犯罪记录证明，用于就业、出国等。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        'A certificate that you have no criminal record, for employment or going abroad. Printed on the spot after your ID card is read; needs the government platform online.',
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='就业', kw='无犯罪证明、police clearance',
        materials=[
            ID_CARD,
        ],
        form=[
            PURPOSE,
            COPIES,
        ],
    ),
    svc(
        'GA0204', '死亡人员户口注销', 'Cancel the hukou of a deceased person', 'gongan', '行政确认',
        '公民死亡后，由其亲属或监护人办理户口注销',
        'Relatives cancel the household registration of a person who has died',
        legal=5, promised=0, via='窗口', ident='读身份证或手工录入', themes='身后事', kw='销户', where=W_GONGAN,
        materials=[
            mat('死亡医学证明或火化证明', 'Medical death certificate or cremation certificate'),
            HUKOU,
            mat('逝者居民身份证', 'ID card of the deceased', cond=('证件尚在的', 'If it is still available')),
            mat('申报人居民身份证', "Applicant's ID card"),
        ],
    ),
    svc(
        'GA0301', '往来港澳通行证签注', 'Endorsement for the Hong Kong and Macao travel permit', 'gongan', '行政许可',
        '为已持有往来港澳通行证的居民办理旅游签注，可在自助终端即时办理',
        'Get a tourist endorsement on your Hong Kong and Macao travel permit, done on the spot at the kiosk',
        legal=7, promised=0, via='自助 掌上 窗口', online=True, themes='出行', kw='港澳签注、去香港', where=W_GONGAN,
        materials=[
            ID_CARD,
            mat('往来港澳通行证（电子）', 'Hong Kong and Macao travel permit (electronic)'),
        ],
        fees=[
            fee('签注费（每次）', 'Endorsement fee (per trip)', 15),
        ],
    ),
    svc(
        'GA0302', '普通护照签发', 'Apply for an ordinary passport', 'gongan', '行政许可',
        '中国公民因前往外国定居、探亲、学习、就业、旅行等申请普通护照',
        'Chinese citizens apply for a passport to travel, study, work or live abroad',
        legal=15, promised=7, via='掌上 窗口', themes='出行', kw='出国、办护照', where=W_GONGAN,
        materials=[
            ID_CARD,
            PHOTO,
            mat('原护照', 'Previous passport', cond=('持有旧护照的', 'If you have an old passport')),
        ],
        fees=[
            fee('护照工本费', 'Passport fee', 120, '发改价格〔2019〕914号', 'NDRC pricing notice 2019/914'),
        ],
    ),
    svc(
        'GA0401', '居住证申领', 'Apply for a residence permit', 'gongan', '行政确认',
        '离开常住户口所在地，到本县居住半年以上的，可申领居住证，享受本地公共服务',
        'If you have lived here for six months away from your hukou, apply for a residence permit to use local public services',
        legal=15, promised=10, via='自助 掌上 窗口', themes='就业、上学、住房', where=W_GONGAN,
        materials=[
            ID_CARD,
            PHOTO,
            mat('居住证明（租房合同或房产证明）', 'Proof of residence (lease or property papers)', '原件及复印件'),
            mat('就业或就读证明', 'Proof of work or study', cond=('以就业或就读申领的', 'If you apply on the basis of work or study')),
        ],
    ),
]

W_CRJ = ("县政务服务中心一楼 出入境窗口（7-8号）", "County Service Centre, 1st floor, exit-entry windows 7-8")
NO_LIMIT = "（户口登记条例未规定办结时限，本县承诺时限见下）"
NO_LIMIT_EN = " (the law sets no time limit; the county's promise is below)"
HUKOU_ALL = mat(
    "迁入地户主的居民户口簿", "Household register of the household you join",
    cond=("投靠亲属落户的", "If you join a relative's household"),
)
MOVE_KINDS = [
    ("spouse", "夫妻投靠", "Joining a spouse"),
    ("child_to_parent", "子女投靠父母", "A child joining a parent"),
    ("parent_to_child", "父母投靠子女", "A parent joining a child"),
    ("house", "购房（合法稳定住所）落户", "Own home in the county"),
    ("job", "就业落户", "Work in the county"),
    ("graduate", "大中专毕业生落户", "Graduate returning"),
    ("other", "其他", "Other"),
]

patch(
    SERVICES,
    forms={
        "GA0201": [
            text("child_name", "新生儿姓名", "Baby's name", max=20),
            sel("child_sex", "新生儿性别", "Baby's sex", [("1", "男", "Male"), ("2", "女", "Female")]),
            date("child_birth", "出生日期", "Date of birth", -365, 0),
            text("birth_cert_no", "出生医学证明编号", "Birth medical certificate number", max=12,
                 pattern=r"[A-Z]\d{9}", help=("证明右上角的字母加9位数字", "The letter and 9 digits at its top right")),
            sel("parent_role", "申报人与新生儿关系", "You are the baby's", [("father", "父亲", "Father"), ("mother", "母亲", "Mother"), ("guardian", "其他监护人", "Other guardian")]),
            NAME, ID_NUMBER, ADDRESS, PHONE, AGREE,
        ],
        "GA0301": [
            sel("kind", "签注种类", "Endorsement", [("group", "团队旅游（L）", "Group tour (L)"), ("individual", "个人旅游（G）", "Individual tour (G)"), ("family", "探亲（T）", "Family visit (T)"), ("business", "商务（S）", "Business (S)")]),
            sel("region", "前往地", "To", [("hk", "香港", "Hong Kong"), ("mo", "澳门", "Macao")]),
            sel("times", "签注次数", "Entries", [("1", "一次有效（三个月）", "One entry (3 months)"), ("2", "二次有效（三个月）", "Two entries (3 months)")]),
            PHONE, AGREE,
        ],
        "GA0401": [
            NAME, ID_NUMBER, PHONE, LIVE,
            sel("reason", "居住事由", "Reason for living here", [("job", "合法稳定就业", "Stable employment"), ("home", "合法稳定住所", "Stable home"), ("study", "连续就读", "Continuous study")]),
            date("since", "来本县居住起始日期", "Living here since", -36500, -180, help=("须已居住满半年", "You must have lived here at least six months")),
            text("employer", "工作单位或就读学校", "Employer or school", max=50, required=False),
            AGREE,
        ],
    },
    helps={
        "GA0103": guide_only("公安综合窗口（1-6号）", "police windows 1-6", "先在本终端申请换领或补领居民身份证，凭受理回执当场办理临时证；", "first apply here for the new ID card, then take its receipt to the window for the temporary card; "),
        "GA0104": guide_only("公安综合窗口（1-6号）", "police windows 1-6", "外省户籍居民须本人现场采集指纹和照片；", "residents registered in another province must come in person for fingerprints and a photo; "),
        "GA0204": guide_only("公安综合窗口（1-6号）或户籍地派出所", "police windows 1-6 or your local police station", "可由亲属代办，无需预约；", "a relative may do it for you, no booking needed; "),
        "GA0302": guide_only("出入境窗口（7-8号）", "exit-entry windows 7-8", "可在本终端预约出入境证件办理时间（出入境证件办理预约）；", "you can book a time here (book an exit-entry appointment); "),
    },
)

SERVICES += [
    svc(
        "GA0105", "居民身份证首次申领", "First resident ID card", "gongan", "行政确认",
        "年满十六周岁的居民应当申领居民身份证；未满十六周岁的，可由监护人代为申领。",
        "Residents aged 16 must apply for an ID card; a guardian may apply for a younger child.",
        legal=60, promised=15, via="自助 窗口", themes="出行、上学", kw="办身份证、第一次办身份证、小孩办身份证、sfz",
        where=W_GONGAN,
        materials=[HUKOU, PHOTO, mat("监护人居民身份证", "Guardian's ID card", cond=("未满十六周岁的", "If under 16"))],
        fees=[fee("居民身份证工本费", "ID card production fee", 20, "发改价格〔2003〕2322号", "NDRC pricing notice 2003/2322")],
        form=[NAME, ID_NUMBER, SEX, NATION, BIRTH, ADDRESS,
              sel("applicant", "申请人", "Who applies", [("self", "本人（已满16周岁）", "Myself (16 or older)"), ("guardian", "监护人代未满16周岁子女申领", "A guardian for a child under 16")]),
              PICKUP, PHONE, AGREE],
    ),
    svc(
        "GA0205", "户口迁移（迁入）", "Move your household registration here", "gongan", "行政确认",
        "投靠亲属、在本县购房或就业、毕业回乡等符合落户条件的，申请将户口迁入本县；跨省迁移实行“一站式”办理，迁入地直接受理。" + NO_LIMIT,
        "If you qualify (joining family, a home or job in the county, graduates returning), move your registration here; moves between provinces are handled in one stop at the new place." + NO_LIMIT_EN,
        legal=0, promised=5, via="自助 掌上 窗口", themes="迁居、住房、婚育", kw="户口迁入登记、户口迁入、迁户口、落户、投靠落户、上户口、hkqy",
        where=W_GONGAN,
        materials=[ID_CARD, HUKOU, HUKOU_ALL,
                   mat("结婚证", "Marriage certificate", cond=("夫妻投靠的", "If joining a spouse")),
                   mat("亲属关系证明（出生医学证明等）", "Proof of the family relation (birth certificate etc.)", cond=("父母子女投靠的", "If a parent or child joins")),
                   mat("不动产权证书", "Property certificate", cond=("购房落户的", "If you own a home here")),
                   mat("劳动合同及社会保险缴纳证明", "Work contract and social insurance record", cond=("就业落户的", "If you work here")),
                   mat("毕业证书", "Graduation certificate", cond=("大中专毕业生落户的", "For graduates"))],
        form=[NAME, ID_NUMBER, PHONE,
              sel("kind", "迁入类型", "Reason", MOVE_KINDS),
              addr("from_address", "现户籍地址（迁出地）", "Current registered address"),
              addr("to_address", "迁入地址", "New address here"),
              num("people", "一同迁移人数（含本人）", "People moving (you included)", 1, 10),
              text("host_name", "迁入地户主姓名", "Head of the household you join", required=False),
              AGREE],
    ),
    svc(
        "GA0206", "户口迁移（迁出）", "Move your household registration away", "gongan", "行政确认",
        "户口迁往外地的办理迁出。省内迁移及跨省“一站式”迁移可直接在迁入地申请，无需先回本县办理迁出；迁往不实行“一站式”的地区，凭迁入地准予迁入证明办理。" + NO_LIMIT,
        "Moving your registration away. Within the province and for one-stop moves between provinces, apply at the new place; otherwise bring its approval here." + NO_LIMIT_EN,
        legal=0, promised=3, via="自助 窗口", themes="迁居", kw="户口迁出登记、迁出户口、迁户口、hkqy",
        where=W_GONGAN,
        materials=[ID_CARD, HUKOU, mat("准予迁入证明（准迁证）", "Approval of the new place", cond=("迁入地不实行“一站式”迁移的", "If the new place does not do one-stop moves"))],
        form=[NAME, ID_NUMBER, PHONE,
              addr("to_address", "迁往地址", "Where you move to"),
              sel("reason", "迁出原因", "Reason", [("family", "投靠亲属", "Joining family"), ("house", "购房", "Bought a home"), ("job", "工作", "Work"), ("study", "升学", "Study"), ("other", "其他", "Other")]),
              text("permit_no", "准迁证编号", "Approval number", max=20, required=False, help=("迁入地已开具准迁证的填写", "If the new place issued an approval")),
              num("people", "一同迁出人数（含本人）", "People moving (you included)", 1, 10),
              AGREE],
    ),
    svc(
        "GA0207", "户口簿补领换领", "Replace a household register", "gongan", "行政确认",
        "户口簿遗失、损坏或户主变更的，由户主或家庭成员申请补领、换领。本县不收取户口簿工本费。",
        "Replace a lost or damaged hukou booklet, or after the head of household changes. The county charges no fee.",
        legal=0, promised=5, via="窗口", themes="迁居", kw="户口本丢了、补户口本、户口本",
        where=W_GONGAN, materials=[ID_CARD, mat("原户口簿", "The old booklet", cond=("损坏换领的", "If it is damaged"))],
        help=guide_only("公安综合窗口（1-6号）", "police windows 1-6", "户主或同户成员均可办理；", "the head or any member of the household may come; "),
    ),
    svc(
        "GA0208", "户籍登记项目变更更正", "Correct your registered details", "gongan", "行政确认",
        "姓名、出生日期、民族等户籍登记项目有误或需变更的，凭有关证明申请更正或变更。",
        "Correct or change your registered name, date of birth, ethnic group and other details, with proof.",
        legal=0, promised=10, via="窗口", themes="迁居", kw="改名字、改生日、户口信息错了",
        where=W_GONGAN,
        materials=[ID_CARD, HUKOU, mat("变更更正依据（出生医学证明、档案记载等）", "Proof of the right details (birth certificate, records)", "原件及复印件")],
        help=guide_only("公安综合窗口（1-6号）", "police windows 1-6", "变更须核查原始档案，请本人到场；", "the records must be checked, so come in person; "),
    ),
    svc(
        "GA0303", "往来台湾通行证签注", "Taiwan travel permit endorsement", "gongan", "行政许可",
        "持电子往来台湾通行证的，可在自助签注机办理团队旅游、个人旅游签注，当场打印签注凭条。",
        "Holders of the electronic Taiwan travel permit get group or individual tour endorsements at the kiosk, printed on the spot.",
        legal=7, promised=0, via="自助 掌上 窗口", online=True, themes="出行", kw="台湾签注、去台湾",
        where=W_CRJ, materials=[ID_CARD, mat("电子往来台湾通行证", "Electronic Taiwan travel permit")],
        fees=[fee("签注费（每次）", "Endorsement fee (per trip)", 15, "发改价格〔2019〕914号", "NDRC pricing notice 2019/914")],
        form=[sel("kind", "签注种类", "Endorsement", [("group", "团队旅游（L）", "Group tour (L)"), ("individual", "个人旅游（G）", "Individual tour (G)")]),
              sel("times", "签注次数", "Entries", [("1", "一次有效（六个月）", "One entry (6 months)")]), PHONE, AGREE],
    ),
    svc(
        "GA0304", "往来港澳通行证申领", "First Hong Kong and Macao travel permit", "gongan", "行政许可",
        "内地居民首次申领或换发、补发电子往来港澳通行证，须本人到出入境窗口采集指纹和照片。",
        "Apply for, renew or replace the electronic Hong Kong and Macao travel permit; fingerprints and a photo are taken at the window.",
        legal=30, promised=7, via="掌上 窗口", themes="出行", kw="港澳通行证、去香港、去澳门",
        where=W_CRJ, materials=[ID_CARD, PHOTO],
        fees=[fee("往来港澳通行证工本费", "Permit fee", 60, "发改价格〔2019〕914号", "NDRC pricing notice 2019/914")],
        help=guide_only("出入境窗口（7-8号）", "exit-entry windows 7-8", "可在本终端预约办理时间（出入境证件办理预约），领证后回本终端办理签注；", "book a time here (book an exit-entry appointment) and come back here for endorsements; "),
    ),
    svc(
        "GA0305", "出入境证件办理预约", "Book an exit-entry appointment", "gongan", "公共服务",
        "预约到出入境窗口办理护照、往来港澳台通行证的时间，预约成功后短信通知。",
        "Book a time at the exit-entry windows for a passport or travel permit; a text message confirms it.",
        via="自助 掌上", themes="出行", kw="护照预约、办护照、港澳通行证预约",
        form=booking_form("县政务服务中心一楼出入境窗口（7-8号）", "exit-entry windows 7-8"),
    ),
    svc(
        "GA0402", "居住证签注", "Annual endorsement of a residence permit", "gongan", "行政确认",
        "居住证每年签注一次；在居住地连续居住的，应在居住每满一年之日前一个月内办理签注。签注不收费。",
        "A residence permit is endorsed once a year, within the month before each full year of residence. Free.",
        legal=0, promised=0, via="自助 掌上 窗口", online=True, themes="迁居、住房", kw="居住证续签、居住证年审",
        where=W_GONGAN, materials=[ID_CARD, mat("居住证", "Residence permit")],
        form=[NAME, ID_NUMBER, PHONE, LIVE,
              sel("reason", "继续居住事由", "Reason for staying", [("job", "合法稳定就业", "Stable employment"), ("home", "合法稳定住所", "Stable home"), ("study", "连续就读", "Continuous study")]),
              AGREE],
    ),
    svc(
        "GA0601", "户籍业务办理预约", "Book a household registration appointment", "gongan", "公共服务",
        "预约到公安综合窗口办理户口迁移、变更更正、户口簿补换等业务的时间。",
        "Book a time at the police windows for moves, corrections or a new hukou booklet.",
        via="自助 掌上", themes="迁居", kw="户口预约、派出所预约",
        form=booking_form("县政务服务中心一楼公安综合窗口（1-6号）", "police windows 1-6"),
    ),
]

SERVICES += [
    svc(
        "GA0701", "养犬登记", "Register a dog", "gongan", "行政许可",
        "县城规划区内养犬的，办理养犬登记并为犬只注射狂犬疫苗；登记办法和费用由本县养犬管理规定确定，本县首次登记不收费。",
        "Dog owners in the county town register their dog and have it vaccinated against rabies; the county's dog rules apply and the first registration is free.",
        legal=10, promised=5, via="掌上 窗口", themes="住房", kw="狗证、办狗证、养狗登记",
        where=("县公安局治安大队 养犬登记窗口（城北大道18号）", "Dog registration window, public order brigade, 18 North Avenue"),
        materials=[ID_CARD, mat("犬只狂犬病免疫证明", "Rabies vaccination record"), mat("犬只照片", "Photo of the dog")],
        help=guide_only("养犬登记窗口（城北大道18号）", "the dog registration window, 18 North Avenue", "可用手机扫码在“掌上办”提交；", "you can also apply on the phone app; "),
    ),
    svc(
        "GA0702", "出入境记录查询", "Your exit-entry record", "gongan", "公共服务",
        "查询本人出入境记录并出具证明，用于留学、签证、工作等。不收费。",
        "Get a certified record of your exits and entries, for study, visas or work. Free.",
        legal=0, promised=0, via="掌上 窗口", themes="出行", kw="出入境记录、出国记录证明",
        where=W_CRJ, materials=[ID_CARD],
        help=guide_only("出入境窗口（7-8号）", "exit-entry windows 7-8", "也可在“移民局”App上申请电子记录；", "or get an electronic record in the immigration app; "),
    ),
]

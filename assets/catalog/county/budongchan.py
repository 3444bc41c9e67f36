# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县不动产登记中心: the services of the sample county list."""

from base import *  # noqa: F403

W_BUDONGCHAN = ('县政务服务中心三楼 不动产登记窗口（61-70号）', 'County Service Centre, 3rd floor, real estate windows 61-70')

SERVICES = [
    svc(
        'BDC0101', '不动产登记信息查询证明打印', 'Print a real estate registration record (home ownership proof)', 'budongchan', '公共服务',
        '打印本人名下不动产登记信息（有房或无房证明）。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        'Print the real estate registered in your name (proof of owning or not owning a home). Printed on the spot after your ID card is read; needs the government platform online.',
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='住房、上学', kw='无房证明、有房证明、房产证明、property record',
        materials=[
            ID_CARD,
        ],
        form=[
            PURPOSE,
            COPIES,
        ],
    ),
    svc(
        'BDC0102', '存量房转移登记', 'Transfer registration of a second-hand home', 'budongchan', '行政确认',
        '二手房买卖后，买卖双方共同申请不动产转移登记，与税款缴纳一窗办理',
        'After selling a home, buyer and seller register the transfer together; taxes are paid at the same window',
        legal=30, promised=5, via='掌上 窗口', themes='住房', kw='过户、二手房过户、房产证', where=W_BUDONGCHAN,
        materials=[
            ID_CARD,
            mat('不动产权证书', 'Real estate title certificate'),
            mat('存量房买卖合同', 'Sale contract'),
            mat('完税凭证', 'Tax payment receipt'),
        ],
        fees=[
            fee('不动产登记费（住宅）', 'Registration fee (residential)', 80, '发改价格规〔2016〕2559号', 'NDRC pricing rule 2016/2559'),
            fee('证书工本费（第二本起每本）', 'Certificate fee (from the second copy)', 10),
        ],
    ),
    svc(
        'BDC0103', '不动产抵押登记', 'Mortgage registration', 'budongchan', '行政确认',
        '以不动产设定抵押的，抵押人和抵押权人共同申请抵押登记',
        'The owner and the lender register a mortgage on a property together',
        legal=30, promised=3, via='窗口', who='自然人、法人', themes='住房', kw='房屋抵押', where=W_BUDONGCHAN,
        materials=[
            ID_CARD,
            mat('不动产权证书', 'Real estate title certificate'),
            mat('抵押合同及主债权合同', 'Mortgage and loan contracts'),
        ],
        fees=[
            fee('不动产登记费（住宅）', 'Registration fee (residential)', 80),
        ],
    ),
    svc(
        'BDC0104', '不动产权证书遗失补发', 'Reissue a lost real estate certificate', 'budongchan', '行政确认',
        '不动产权证书遗失、灭失的，权利人申请补发，须在门户网站公告15个工作日',
        'If your property certificate is lost, apply for a new one; a notice is published for 15 working days',
        legal=30, promised=20, via='自助 网办 掌上 窗口', themes='住房', kw='房产证丢了、补办房产证', where=W_BUDONGCHAN,
        materials=[
            ID_CARD,
            mat('遗失声明', 'Declaration of loss'),
        ],
        fees=[
            fee('证书工本费', 'Certificate fee', 10),
        ],
    ),
]

REG_FEE = fee("不动产登记费（住宅）", "Registration fee (residential)", 80, "发改价格规〔2016〕2559号", "NDRC pricing rule 2016/2559")
PROPERTY = mat("不动产权证书", "Property certificate")
patch(
    SERVICES,
    forms={
        "BDC0104": person_form(text("cert_no", "不动产权证书号", "Certificate number", max=40), addr("location", "不动产坐落", "Property address"), sel("reason", "申请原因", "Reason", [("lost", "遗失", "Lost"), ("damaged", "损坏", "Damaged")])),
    },
    helps={
        "BDC0102": guide_only("不动产登记窗口（61-70号）", "real estate windows 61-70", "可在本终端预约办理时间（不动产登记预约），或打印不动产登记信息查询结果；", "book a time here or print a property record here; "),
        "BDC0103": guide_only("不动产登记窗口（61-70号）", "real estate windows 61-70", "可在本终端预约办理时间（不动产登记预约）；", "book a time here; "),
    },
)

SERVICES += [
    svc(
        "BDC0105", "不动产登记预约", "Book a real estate registration", "budongchan", "公共服务",
        "预约到不动产登记窗口办理转移、抵押、变更等登记的日期和时段。",
        "Book a time at the real estate windows for a transfer, mortgage or change.",
        via="自助 网办 掌上", themes="住房", kw="房产证预约、过户预约、办房产证",
        form=booking_form("县政务服务中心三楼不动产登记窗口（61-70号）", "real estate windows 61-70"),
    ),
    svc(
        "BDC0106", "不动产继承转移登记", "Register an inherited property", "budongchan", "行政确认",
        "因继承、受遗赠取得不动产的，继承人申请转移登记；一般登记5个工作日内办结。",
        "Heirs register a property they inherit; usually done within 5 working days.",
        legal=30, promised=5, via="窗口", themes="身后事、住房", kw="房子继承、遗产过户、继承房产",
        where=W_BUDONGCHAN, materials=[ID_CARD, PROPERTY, mat("被继承人死亡证明", "Death certificate"), mat("亲属关系证明", "Proof of relation"), mat("继承公证书或全体继承人到场申请", "Notarised inheritance, or all heirs present")],
        fees=[REG_FEE],
        help=guide_only("不动产登记窗口（61-70号）", "real estate windows 61-70", "全部继承人或其代理人须到场；", "all heirs or their agents must come; "),
    ),
    svc(
        "BDC0107", "不动产抵押注销登记", "Cancel a mortgage registration", "budongchan", "行政确认",
        "贷款还清后，抵押权人与抵押人申请注销抵押登记；银行已接入的可由银行线上申请。不收费。",
        "When a loan is repaid, cancel the mortgage registration; connected banks apply online. Free.",
        legal=30, promised=1, via="网办 窗口", themes="住房", kw="解押、房贷还清、注销抵押",
        where=W_BUDONGCHAN, materials=[ID_CARD, mat("不动产登记证明（抵押）", "Mortgage registration certificate"), mat("抵押权人注销申请", "The lender's request")],
        help=guide_only("不动产登记窗口（61-70号）", "real estate windows 61-70", "可先在本终端打印公积金贷款结清证明；", "print the housing fund settlement here first; "),
    ),
    svc(
        "BDC0108", "农村宅基地使用权及房屋所有权首次登记", "First registration of a rural homestead and house", "budongchan", "行政确认",
        "经批准使用宅基地建房的农村村民，申请宅基地使用权及房屋所有权首次登记（农房确权）。",
        "Villagers who built on an approved homestead register the land use right and the house.",
        legal=30, promised=10, via="窗口", themes="住房、农业生产", kw="农房确权、宅基地证、农村房产证",
        where=("所在乡镇（街道）便民服务中心 不动产登记代办点", "The real estate desk of your township service centre"),
        materials=[ID_CARD, HUKOU, mat("宅基地批准文件", "Homestead approval"), mat("房屋竣工或现状证明", "Proof the house is built")],
        help=guide_only("所在乡镇（街道）便民服务中心", "your township service centre", "住宅类宅基地首次登记本县不收登记费；", "no registration fee for a rural home; "),
    ),
]

SERVICES += [
    svc(
        "BDC0109", "不动产变更登记（权利人信息变化）", "Update a property record (owner's details)", "budongchan", "行政确认",
        "权利人姓名、身份证号码变更或房屋坐落名称变化的，申请变更登记。不收登记费。",
        "Update a property record when the owner's name or ID number, or the address name, changes. No registration fee.",
        legal=30, promised=3, via="窗口", themes="住房", kw="房产证改名字、房产证信息变更",
        where=W_BUDONGCHAN, materials=[ID_CARD, PROPERTY, mat("变更证明（户籍证明等）", "Proof of the change (registration certificate etc.)")],
        help=guide_only("不动产登记窗口（61-70号）", "real estate windows 61-70", "变更证明可在本终端打印（户籍证明打印）；", "print the registration certificate here; "),
    ),
    svc(
        "BDC0110", "不动产登记资料查询（利害关系人）", "Property record for an interested party", "budongchan", "公共服务",
        "因买卖、继承、诉讼等与不动产有利害关系的，持证明材料查询不动产登记结果。",
        "Buyers, heirs or parties to a lawsuit with proof of their interest can see a property's registration.",
        legal=5, promised=1, via="窗口", themes="住房", kw="查别人的房子、查房产",
        where=W_BUDONGCHAN, materials=[ID_CARD, mat("利害关系证明材料（买卖合同、起诉书等）", "Proof of your interest (contract, lawsuit)")],
        help=guide_only("不动产登记窗口（61-70号）", "real estate windows 61-70", "查询本人名下不动产可在本终端打印（不动产登记信息查询证明打印）；", "your own properties can be printed here; "),
    ),
]

# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县公安局交通管理大队: the services of the sample county list.

Time limits follow 《机动车驾驶证申领和使用规定》 and 《机动车登记规定》 (公安部令第162号、
第164号); the card fees (工本费) are set by the province, so the guide says so.
"""

from base import *  # noqa: F403

W_JJ = ("县政务服务中心一楼 交警车驾管窗口（9-10号）", "County Service Centre, 1st floor, traffic police windows 9-10")
LICENCE = mat("机动车驾驶证", "Driving licence")
HEALTH = mat(
    "县级或部队团级以上医疗机构出具的驾驶人身体条件证明", "Medical certificate for drivers from a county-level hospital",
    notes=("可在本县指定医院体检，结果联网上传，无需纸质证明", "Take it at a designated hospital; the result is uploaded, no paper needed"),
)
CARD_FEE = fee("驾驶证工本费", "Licence card fee", 10, "按省价格主管部门核定的标准（本县标准），部分省份已免收", "Set by the province (the county's figure); some provinces charge nothing")
LICENCE_NO = text("licence_no", "驾驶证档案编号", "Licence file number", max=12, pattern=r"\d{12}", help=("驾驶证副页上的12位数字", "The 12 digits on the licence's second page"))
PLATE = text("plate", "号牌号码", "Number plate", max=8, pattern="[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}", help=("如：示A12345", "For example 示A12345"))
STATIONS = [("north", "县城北机动车检测站", "North inspection station"), ("east", "东关机动车检测站", "East Gate inspection station")]

SERVICES = [
    svc(
        "JJ0101", "驾驶证有效期满换证", "Renew a driving licence", "jiaojing", "行政许可",
        "机动车驾驶证有效期满前九十日内申请换证；换证后原证作废。",
        "Renew your driving licence within 90 days before it expires; the old one becomes void.",
        legal=1, promised=0, via="自助 掌上 窗口", online=True, themes="驾车", kw="驾照到期、换驾照、驾驶证到期、驾驶证换证",
        where=W_JJ, materials=[ID_CARD, LICENCE, HEALTH, PHOTO], fees=[CARD_FEE],
        form=[NAME, ID_NUMBER, LICENCE_NO, sel("reason", "换证原因", "Reason", [("expiring", "有效期满", "Expiring"), ("damaged", "证件损毁", "Damaged"), ("changed", "信息变化", "Details changed")]), PICKUP, PHONE, AGREE],
    ),
    svc(
        "JJ0102", "驾驶证遗失补证", "Replace a lost driving licence", "jiaojing", "行政许可",
        "机动车驾驶证遗失的，向驾驶证核发地或者驾驶人居住地车辆管理所申请补领；原证自补领之日起作废。",
        "Replace a lost driving licence at the issuing office or where you live; the old one becomes void.",
        legal=1, promised=0, via="自助 掌上 窗口", online=True, themes="驾车", kw="驾照丢了、补驾照、驾驶证丢了",
        where=W_JJ, materials=[ID_CARD, PHOTO], fees=[CARD_FEE],
        form=[NAME, ID_NUMBER, LICENCE_NO, PICKUP, PHONE, AGREE],
    ),
    svc(
        "JJ0103", "驾驶证审验", "Driving licence review (审验)", "jiaojing", "行政确认",
        "大中型客货车等驾驶人每年审验；其他驾驶人记分周期内有记分或违法未处理的，须参加审验教育。审验不收费。",
        "Bus and truck drivers are reviewed every year; other drivers with points or unsettled offences attend review training. Free.",
        legal=1, promised=0, via="自助 掌上 窗口", online=True, themes="驾车", kw="驾照年审、审验教育、驾驶证年审",
        where=W_JJ, materials=[ID_CARD, LICENCE, mat("驾驶人身体条件证明", "Driver's medical certificate", cond=("大中型客货车驾驶人年龄超过60周岁等须提交的", "If required, such as bus or truck drivers over 60"))],
        form=[NAME, ID_NUMBER, LICENCE_NO, sel("kind", "审验类型", "Type", [("annual", "年度审验（大中型客货车）", "Annual review (bus, truck)"), ("points", "记分周期审验教育", "Review training after points")]), checkbox_field("studied", "已完成网上审验教育学习", "I finished the online review course"), PHONE, AGREE],
    ),
    svc(
        "JJ0104", "驾驶人联系方式变更", "Change a driver's contact details", "jiaojing", "公共服务",
        "驾驶人的手机号码、联系地址变更的，在三十日内办理备案。不收费。",
        "Register a new phone number or address within 30 days. Free.",
        via="自助 网办 掌上 窗口", online=True, themes="驾车", kw="驾照换手机号、改手机号",
        where=W_JJ, materials=[ID_CARD],
        form=[NAME, ID_NUMBER, LICENCE_NO, PHONE, addr("contact_address", "联系地址", "Contact address"), AGREE],
    ),
    svc(
        "JJ0105", "驾驶证记分和违法记录打印", "Print your licence points and offence record", "jiaojing", "公共服务",
        "打印本人驾驶证状态、记分周期内的累积记分和交通违法记录，用于求职等。",
        "Print your licence status, points and traffic offences, for a job application and the like.",
        via="自助 网办 掌上", online=True, themes="驾车、就业", kw="驾照扣分查询、查扣分、无违章证明",
        materials=[ID_CARD], form=print_form(("job", "求职（驾驶岗位）", "Driving job"), ("self", "本人查询", "My own record")),
    ),
    svc(
        "JJ0201", "机动车检验预约（年检预约）", "Book a vehicle inspection", "jiaojing", "公共服务",
        "预约到检测站上线检验的日期和时段。检验费由检验机构按省定标准收取；非营运小微型载客汽车（面包车除外）十年内免上线检验，第六年、第十年申领检验标志即可。",
        "Book a day and time at an inspection station. The station charges its fee under provincial rules; private cars (not vans) need no test for ten years, only the sticker in years 6 and 10.",
        via="自助 网办 掌上", themes="驾车", kw="年检、车检、验车、车辆年审、njyy",
        form=[NAME, ID_NUMBER, PHONE, PLATE, sel("station", "检测站", "Station", STATIONS), date("day", "预约日期", "Day", 1, 30), sel("slot", "预约时段", "Time", [("am", "上午", "Morning"), ("pm", "下午", "Afternoon")]), AGREE],
    ),
    svc(
        "JJ0202", "机动车检验标志核发（免检车辆）", "Inspection sticker for exempt cars", "jiaojing", "行政确认",
        "六年内免检及第六年、第十年的非营运小微型载客汽车，交通违法和事故处理完毕、有交强险的，直接申领电子检验标志。",
        "Exempt private cars with no open offences or accidents and valid compulsory insurance get the electronic sticker directly.",
        legal=1, promised=0, via="自助 网办 掌上 窗口", online=True, themes="驾车", kw="免检、领年检标、电子年检标志",
        where=W_JJ, materials=[mat("机动车行驶证", "Vehicle registration certificate"), mat("交强险凭证", "Compulsory insurance", "电子证照")],
        form=[NAME, ID_NUMBER, PLATE, PHONE, AGREE],
    ),
    svc(
        "JJ0301", "交通违法处理（电子监控）", "Settle a camera-recorded traffic offence", "jiaojing", "行政处罚",
        "对电子监控记录的本人驾驶机动车交通违法行为确认处理；罚款依照《道路交通安全法》，处理后通过手机或银行缴纳。",
        "Accept a camera-recorded offence you committed; the fine follows the Road Traffic Safety Law and is paid by phone or at a bank.",
        legal=1, promised=0, via="自助 网办 掌上 窗口", online=True, themes="驾车", kw="处理违章、违章处理、罚单、电子眼",
        where=W_JJ, materials=[ID_CARD, LICENCE],
        form=[NAME, ID_NUMBER, LICENCE_NO, PLATE, text("record_no", "违法记录编号", "Offence record number", max=20, help=("短信通知或交管12123上的编号", "From the text message or the 12123 app")), PHONE, AGREE],
    ),
    svc(
        "JJ0401", "机动车注册登记", "Register a new vehicle", "jiaojing", "行政许可",
        "新车上牌：车辆购置税完税、交强险投保后，车主本人或代理人将车辆送检验区查验后登记。",
        "Number plates for a new car after the purchase tax and compulsory insurance; the car is checked on site.",
        legal=2, promised=1, via="掌上 窗口", themes="驾车", kw="新车上牌、上牌照",
        where=W_JJ, materials=[ID_CARD, mat("购车发票", "Purchase invoice"), mat("机动车整车出厂合格证明", "Certificate of conformity"), mat("交强险凭证", "Compulsory insurance", "电子证照")],
        fees=[fee("号牌、行驶证、登记证书工本费", "Plate and certificate fees", 125, "按省价格主管部门核定的标准（本县标准）", "Set by the province (the county's figure)")],
        help=guide_only("交警车驾管窗口（9-10号）", "traffic police windows 9-10", "车辆须开到现场查验；", "the car must be brought for checking; "),
    ),
    svc(
        "JJ0402", "机动车转移登记（过户）", "Transfer a vehicle to a new owner", "jiaojing", "行政许可",
        "二手车买卖、赠与的，现机动车所有人在交付之日起三十日内申请转移登记。",
        "The new owner of a used car registers the transfer within 30 days of delivery.",
        legal=1, promised=1, via="窗口", themes="驾车", kw="车辆过户、二手车过户",
        where=W_JJ, materials=[ID_CARD, mat("机动车登记证书", "Vehicle registration book"), mat("二手车销售统一发票", "Used-car sales invoice"), mat("机动车行驶证", "Vehicle registration certificate")],
        help=guide_only("交警车驾管窗口（9-10号）", "traffic police windows 9-10", "买卖双方带车到场；", "buyer and seller come with the car; "),
    ),
    svc(
        "JJ0501", "电动自行车登记上牌", "Register an e-bike", "jiaojing", "行政确认",
        "符合国家标准的电动自行车登记并领取号牌；登记办法和是否收费由省、县规定，本县免费。",
        "Register an e-bike that meets the national standard and get its plate; the rules are provincial and the county charges nothing.",
        legal=0, promised=0, via="掌上 窗口", themes="出行", kw="电瓶车上牌、电动车上牌",
        where=("县公安局交通管理大队 电动自行车登记点（城北大道18号）", "E-bike registration point, 18 North Avenue"),
        materials=[ID_CARD, mat("购车发票", "Purchase invoice"), mat("产品合格证", "Certificate of conformity")],
        help=guide_only("电动自行车登记点（城北大道18号）", "the e-bike registration point, 18 North Avenue", "请把车骑到登记点查验；", "ride the bike there to be checked; "),
    ),
]

SERVICES += [
    svc(
        "JJ0403", "机动车号牌、行驶证补领换领", "Replace a number plate or registration card", "jiaojing", "行政许可",
        "机动车号牌、行驶证灭失、丢失或者损毁的，机动车所有人申请补领、换领；车管所审查后当日补发行驶证，号牌在15日内补发。",
        "Replace a lost or damaged plate or registration card; the card comes the same day, the plate within 15 days.",
        legal=15, promised=1, via="掌上 窗口", themes="驾车", kw="车牌丢了、行驶证丢了、补车牌",
        where=W_JJ, materials=[ID_CARD, mat("机动车行驶证", "Registration card", cond=("换领的", "For a replacement"))],
        fees=[fee("号牌或行驶证工本费", "Plate or card fee", 10, "按省价格主管部门核定的标准（本县标准）", "Set by the province (the county's figure)")],
        help=guide_only("交警车驾管窗口（9-10号）", "traffic police windows 9-10", "也可在交管12123 App申请邮寄；", "or apply in the 12123 app and have it posted; "),
    ),
    svc(
        "JJ0404", "驾驶人考试预约", "Book a driving test", "jiaojing", "公共服务",
        "学员通过交管12123 App或驾校预约科目一至科目四考试；考试费按省定标准。",
        "Learners book tests 1 to 4 in the 12123 app or through the driving school; fees follow the province.",
        via="网办 掌上", themes="驾车", kw="考驾照、约考、科目二预约",
        help=("本终端可为您显示本指南，扫旁边的二维码可存到手机；考试请在手机上用交管12123 App预约，需要帮助的到交警车驾管窗口（9-10号）。", "This kiosk shows this guide, and its QR code keeps it on your phone; book the test in the 12123 app on your phone, or ask at traffic police windows 9-10."),
    ),
]

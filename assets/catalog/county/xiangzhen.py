# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""乡镇（街道）便民服务中心: what the township centres take in (the county's own
division of work; the deciding office is named in each guide)."""

from base import *  # noqa: F403

W_XZ = ("所在乡镇（街道）便民服务中心 综合窗口", "The general window of your township service centre")

SERVICES = [
    svc(
        "XZ0101", "乡村建设规划许可", "Rural building planning permit", "xiangzhen", "行政许可",
        "在乡、村庄规划区内建住宅的村民，经宅基地批准后向乡镇人民政府申请乡村建设规划许可证；审批期限由省规定。",
        "Villagers building a home in a village plan area apply to the township for the planning permit after the homestead approval; the province sets the time limit.",
        legal=20, promised=15, via="窗口", themes="住房、农业生产", kw="农村建房、盖房子审批、建房许可",
        where=W_XZ, materials=[ID_CARD, HUKOU, mat("宅基地批准书", "Homestead approval"), mat("建房设计图或通用图", "House plans")],
        help=guide_only("所在乡镇（街道）便民服务中心", "your township service centre", "宅基地和建房申请与规划许可“一表申请”；", "one form covers the homestead and the permit; "),
    ),
    svc(
        "XZ0102", "帮办代办预约", "Book help from a township agent", "xiangzhen", "公共服务",
        "老年人、残疾人等行动不便的居民预约乡镇（街道）帮办代办员上门或陪同办理政务服务事项。免费。",
        "Older and disabled residents book a township agent to come to them or go with them. Free.",
        via="自助 掌上", ident="读身份证或手工录入", themes="养老、残疾人服务", kw="上门办理、代办、帮我办、老人办事",
        form=[NAME, ID_NUMBER, PHONE, text("matter", "要办的事项", "What you need to do", max=50), sel("way", "方式", "How", [("home", "上门办理", "Come to my home"), ("go", "陪同到窗口", "Go with me")]), addr("where", "上门地址", "Address", required=False), date("day", "希望日期", "Preferred day", 1, 14), AGREE],
    ),
    svc(
        "XZ0103", "农村公益性岗位申请", "Apply for a village public-service job", "xiangzhen", "公共服务",
        "农村就业困难人员申请保洁、护林、养老服务等乡村公益性岗位；岗位和补贴标准由县确定。",
        "Rural job seekers in difficulty apply for village jobs in cleaning, forest watching or elderly care; the county sets the jobs and pay.",
        via="自助 窗口", themes="就业、农业生产", kw="公益岗、村里的工作、护林员",
        where=W_XZ, materials=[ID_CARD, HUKOU],
        form=person_form(sel("job", "意向岗位", "Job", [("clean", "村庄保洁", "Village cleaning"), ("forest", "护林护路", "Forest and road watch"), ("care", "养老服务", "Elderly care"), ("any", "均可", "Any")]), sel("group", "人员类别", "Group", [("hard", "就业困难人员", "Hard-to-employ"), ("dibao", "低保家庭成员", "Low-income family"), ("disabled", "残疾人", "Disabled")]), live=True),
    ),
    svc(
        "XZ0104", "城乡居民参保缴费代办", "Resident insurance payment help", "xiangzhen", "公共服务",
        "乡镇（街道）便民服务中心代为办理城乡居民养老保险、医疗保险参保登记和缴费咨询；缴费由税务部门征收。",
        "The township centre helps with enrolling in and paying for resident pension and medical insurance; the tax office collects.",
        via="窗口", themes="养老、就医", kw="交社保、交医保、交养老保险、新农合",
        where=W_XZ, materials=[ID_CARD, HUKOU],
        help=guide_only("所在乡镇（街道）便民服务中心", "your township service centre", "也可在本终端直接办理城乡居民社会保险费缴纳；", "you can also pay the resident insurance here; "),
    ),
    svc(
        "XZ0105", "村（居）民务工就业登记", "Job seeker registration in the village", "xiangzhen", "公共服务",
        "外出务工或返乡的村（居）民登记务工意向和技能，乡镇推荐岗位和培训。",
        "Villagers leaving for work or coming back record their skills and wishes; the township suggests jobs and training.",
        via="自助 掌上 窗口", themes="就业", kw="返乡就业、外出打工登记、找活干",
        where=W_XZ, materials=[ID_CARD],
        form=person_form(sel("status", "现状", "Now", [("back", "返乡", "Back home"), ("out", "外出务工", "Working away"), ("seek", "在家待业", "At home looking")]), text("skills", "技能特长", "Skills", max=100, required=False), live=True),
    ),
]

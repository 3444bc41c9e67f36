# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县教育局: the services of the sample county list."""

from base import *  # noqa: F403

W_JIAOYU = ('县政务服务中心三楼 教育窗口（47-48号）', 'County Service Centre, 3rd floor, education windows 47-48')

SERVICES = [
    svc(
        'JY0101', '义务教育阶段入学登记', 'Enrolment registration for compulsory education', 'jiaoyu', '公共服务',
        '适龄儿童小学一年级、初中一年级入学信息登记，随迁子女一并办理',
        'Register a child for the first year of primary or junior middle school, children of migrant workers included',
        legal=20, promised=15, via='自助 网办 掌上 窗口', online=True, themes='上学', kw='小学报名、幼升小、小升初、小孩上学、孩子上学、school enrolment', where=W_JIAOYU,
        materials=[
            HUKOU,
            mat('房产证明或租赁证明', 'Property or lease papers', '复印件'),
            mat('居住证', 'Residence permit', cond=('随迁子女的', 'For children of migrant workers')),
        ],
        form=[
            {'id': 'child_name',
             'type': 'text',
             'label_zh': '儿童姓名',
             'label_en': "Child's name",
             'required': True,
             'max': 30},
            {'id': 'child_id',
             'type': 'id_number',
             'label_zh': '儿童身份号码',
             'label_en': "Child's ID number",
             'required': True},
            {'id': 'child_birth',
             'type': 'date',
             'label_zh': '儿童出生日期',
             'label_en': "Child's date of birth",
             'required': True,
             'min': -6000,
             'max': -1800},
            {'id': 'grade',
             'type': 'select',
             'label_zh': '报名学段',
             'label_en': 'Entering',
             'required': True,
             'options': [{'value': 'primary', 'label_zh': '小学一年级', 'label_en': 'Primary year 1'},
                         {'value': 'junior', 'label_zh': '初中一年级', 'label_en': 'Junior middle year 1'}]},
            {'id': 'guardian_name',
             'type': 'text',
             'label_zh': '监护人姓名',
             'label_en': "Guardian's name",
             'required': True,
             'prefill': 'name',
             'max': 30},
            {'id': 'guardian_id',
             'type': 'id_number',
             'label_zh': '监护人身份号码',
             'label_en': "Guardian's ID number",
             'required': True,
             'prefill': 'id_number'},
            PHONE,
            LIVE,
            {'id': 'hukou_type',
             'type': 'select',
             'label_zh': '户籍类型',
             'label_en': 'Hukou',
             'required': True,
             'options': [{'value': 'local', 'label_zh': '本区户籍', 'label_en': 'Local'},
                         {'value': 'migrant', 'label_zh': '随迁子女', 'label_en': 'Child of migrant workers'}]},
            AGREE,
        ],
    ),
    svc(
        'JY0102', '家庭经济困难学生认定', 'Recognition of students from families in financial need', 'jiaoyu', '行政确认',
        '家庭经济困难学生经认定后享受国家助学金、免学费等资助',
        'Students from families in need are recognised for grants and tuition waivers',
        legal=20, promised=15, via='自助 网办 掌上 窗口', themes='上学', kw='助学金、学生资助', where=W_JIAOYU,
        materials=[
            ID_CARD,
            HUKOU,
            mat('家庭经济困难学生认定申请表', 'Application form'),
            mat('低保证或特困证', 'Minimum allowance or extreme poverty certificate', cond=('享受低保或特困供养的', 'If the family receives them')),
        ],
    ),
    svc(
        'JY0201', '学籍证明打印', 'Print a student status certificate', 'jiaoyu', '公共服务',
        '打印中小学生学籍证明，用于转学、升学等。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        "Print a pupil's student status certificate for changing or entering schools. Printed on the spot after your ID card is read; needs the government platform online.",
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='上学', kw='转学证明、学籍',
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
        "JY0102": person_form(text("student", "学生姓名", "Student", max=30), text("school", "就读学校", "School", max=50), sel("stage", "学段", "Stage", [("pre", "学前教育", "Pre-school"), ("primary", "小学", "Primary"), ("junior", "初中", "Junior secondary"), ("senior", "高中", "Senior secondary")]), sel("reason", "困难情形", "Situation", [("dibao", "低保家庭", "Low-income family"), ("disabled", "残疾学生或残疾人子女", "Disability"), ("orphan", "孤儿或事实无人抚养儿童", "Orphan"), ("other", "其他困难", "Other")])),
    },
)

SERVICES += [
    svc(
        "JY0103", "义务教育阶段转学申请", "Transfer schools (compulsory education)", "jiaoyu", "公共服务",
        "因户籍迁移、家庭搬迁等原因需转学的义务教育阶段学生，由监护人申请，转入学校按学位情况安排。",
        "Guardians of pupils who move apply for a transfer; the new school places them as places allow.",
        legal=15, promised=10, via="自助 掌上 窗口", themes="上学、迁居", kw="转学、孩子转学",
        where=W_JIAOYU, materials=[ID_CARD, mat("学生户口簿", "Pupil's household register"), mat("住房证明或居住证", "Proof of housing or residence permit")],
        form=person_form(text("student", "学生姓名", "Pupil", max=30), idno("student_id", "学生公民身份号码", "Pupil's ID number"), text("from_school", "原就读学校", "Current school", max=50), sel("grade", "年级", "Grade", [(str(i), f"{i}年级", f"Grade {i}") for i in range(1, 10)]), sel("reason", "转学原因", "Reason", [("move", "家庭搬迁", "Moving home"), ("hukou", "户籍迁移", "Registration moved"), ("work", "父母工作调动", "Parents' new job")]), live=True),
    ),
    svc(
        "JY0104", "随迁子女入学资格审核", "School places for migrant workers' children", "jiaoyu", "行政确认",
        "在本县居住并持居住证的外来务工人员子女申请义务教育入学，审核居住证、就业或住所情况后统筹安排学位。",
        "Children of migrant workers with a residence permit apply for a school place; the county checks the permit, job or home.",
        legal=20, promised=15, via="自助 掌上 窗口", themes="上学", kw="外地孩子上学、随迁子女、孩子上学",
        where=W_JIAOYU, materials=[ID_CARD, mat("居住证", "Residence permit"), mat("学生户口簿", "Pupil's household register"), mat("就业或住所证明", "Proof of job or home")],
        form=person_form(text("student", "学生姓名", "Pupil", max=30), idno("student_id", "学生公民身份号码", "Pupil's ID number"), sel("stage", "入学学段", "Entering", [("primary", "小学一年级", "Primary, grade 1"), ("junior", "初中一年级", "Junior secondary, grade 1"), ("transfer", "插班", "Another grade")]), text("permit_no", "居住证号码", "Residence permit number", max=30), live=True),
    ),
    svc(
        "JY0105", "学前教育资助申请", "Pre-school fee assistance", "jiaoyu", "行政给付",
        "家庭经济困难儿童、孤儿和残疾儿童接受普惠性学前教育的，申请减免保育教育费；标准由省确定。",
        "Children from poor families, orphans and disabled children in pre-school get fees reduced; the province sets the amounts.",
        legal=30, promised=20, via="窗口", themes="上学、出生", kw="幼儿园补助、幼儿园资助",
        where=("孩子就读的幼儿园", "Your child's kindergarten"), materials=[mat("儿童户口簿", "Child's household register"), mat("家庭经济困难证明材料", "Proof of hardship")],
        help=guide_only("孩子就读的幼儿园", "your child's kindergarten", "也可先在本终端申请家庭经济困难学生认定；", "you can first apply here for recognition as a student in need; "),
    ),
    svc(
        "JY0106", "教师资格认定", "Teacher qualification recognition", "jiaoyu", "行政许可",
        "取得教师资格考试合格证明或免试认定条件的，在规定时间内网上申请认定幼儿园、小学、初中教师资格。",
        "With a pass in the teacher exam (or exemption), apply online in the set period for a kindergarten, primary or junior secondary qualification.",
        legal=30, promised=30, via="网办 窗口", themes="就业", kw="教师资格证、认定教资",
        where=W_JIAOYU, materials=[ID_CARD, mat("学历证书", "Degree certificate"), mat("体检合格证明", "Medical certificate")],
        help=("本终端可为您显示本指南，扫旁边的二维码可存到手机；请在“中国教师资格网”网上申请，现场确认时到教育窗口（47-48号）。", "This kiosk shows this guide, and its QR code keeps it on your phone; apply on the national teacher qualification site and confirm in person at education windows 47-48."),
    ),
    svc(
        "JY0107", "普通高中国家助学金申请", "National grant for senior secondary students", "jiaoyu", "行政给付",
        "家庭经济困难的普通高中在校学生申请国家助学金，平均资助标准由国家确定，具体档次由省确定。",
        "Senior secondary students in need apply for the national grant; the state sets the average, the province the levels.",
        legal=30, promised=20, via="窗口", themes="上学", kw="高中助学金、助学金",
        where=("学生就读的高中学生资助办公室", "The student aid office of the school"), materials=[mat("学生居民身份证", "Student's ID card"), mat("家庭经济困难证明材料", "Proof of hardship")],
        help=guide_only("就读高中的学生资助办公室", "the school's student aid office"),
    ),
]

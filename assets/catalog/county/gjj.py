# ruff: noqa: E501, F403, F405 - one service reads best as one block, in the words of base
"""县住房公积金管理中心: the services of the sample county list."""

from base import *  # noqa: F403

W_GJJ = ('县政务服务中心三楼 公积金窗口（41-46号）', 'County Service Centre, 3rd floor, housing fund windows 41-46')

SERVICES = [
    svc(
        'GJ0101', '住房公积金缴存证明打印', 'Print a housing provident fund contribution certificate', 'gjj', '公共服务',
        '打印本人住房公积金缴存证明，用于贷款、购房资格审核等。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        'Print proof of your housing fund contributions for loans and home-purchase checks. Printed on the spot after your ID card is read; needs the government platform online.',
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='住房', kw='公积金证明、housing fund proof',
        materials=[
            ID_CARD,
        ],
        form=[
            PURPOSE,
            COPIES,
        ],
    ),
    svc(
        'GJ0102', '住房公积金个人账户明细打印', 'Print your housing provident fund statement', 'gjj', '公共服务',
        '打印本人住房公积金账户缴存、提取明细。在自助终端读取身份证后即时打印，需连接政务服务平台。',
        'Print the deposits and withdrawals of your housing fund account. Printed on the spot after your ID card is read; needs the government platform online.',
        legal=0, promised=0, via='自助 网办 掌上', online=True, themes='住房', kw='公积金明细、公积金余额',
        materials=[
            ID_CARD,
        ],
        form=[
            PURPOSE,
            COPIES,
        ],
    ),
    svc(
        'GJ0201', '住房公积金提取（租房）', 'Withdraw from the housing provident fund to pay rent', 'gjj', '行政给付',
        '本人及配偶在本县无自有住房且租赁住房的，可按月或按年提取住房公积金支付房租',
        'If you and your spouse own no home here and rent one, withdraw from the fund monthly or yearly for the rent',
        legal=3, promised=0, via='自助 网办 掌上 窗口', online=True, themes='住房、就业', kw='租房提取、提公积金、取公积金、rent', where=W_GJJ,
        materials=[
            ID_CARD,
            mat('无房证明', 'Proof of owning no home', notes=('可在自助终端打印', 'Can be printed at the kiosk')),
            mat('房屋租赁合同', 'Lease', cond=('租住商品住房的', 'For a private rental')),
        ],
        form=[
            NAME,
            ID_NUMBER,
            PHONE,
            {'id': 'marital',
             'type': 'select',
             'label_zh': '婚姻状况',
             'label_en': 'Marital status',
             'required': True,
             'options': [{'value': 'single', 'label_zh': '未婚', 'label_en': 'Single'},
                         {'value': 'married', 'label_zh': '已婚', 'label_en': 'Married'},
                         {'value': 'divorced', 'label_zh': '离异', 'label_en': 'Divorced'},
                         {'value': 'widowed', 'label_zh': '丧偶', 'label_en': 'Widowed'}]},
            {'id': 'rent_address',
             'type': 'address',
             'label_zh': '租赁房屋地址',
             'label_en': 'Address of the rented home',
             'required': True,
             'max': 70},
            {'id': 'monthly_rent',
             'type': 'number',
             'label_zh': '月租金（元）',
             'label_en': 'Monthly rent (yuan)',
             'required': True,
             'min': 1,
             'max': 50000},
            {'id': 'frequency',
             'type': 'select',
             'label_zh': '提取方式',
             'label_en': 'How often',
             'required': True,
             'options': [{'value': 'monthly', 'label_zh': '按月提取', 'label_en': 'Monthly'},
                         {'value': 'yearly', 'label_zh': '按年提取', 'label_en': 'Yearly'}]},
            {'id': 'bank_account',
             'type': 'text',
             'label_zh': '收款银行账号',
             'label_en': 'Bank account number',
             'required': True,
             'pattern': '\\d{12,19}',
             'help_zh': '本人名下一类银行账户或社保卡金融账户',
             'help_en': 'A bank account in your name, or your social security card account'},
            AGREE,
        ],
    ),
    svc(
        'GJ0202', '住房公积金提取（购房）', 'Withdraw from the housing provident fund to buy a home', 'gjj', '行政给付',
        '购买自住住房的，可提取本人及配偶住房公积金',
        "Withdraw your and your spouse's housing fund to buy a home to live in",
        legal=5, promised=3, via='自助 网办 掌上 窗口', themes='住房', kw='买房提取', where=W_GJJ,
        materials=[
            ID_CARD,
            mat('购房合同及发票', 'Purchase contract and invoice', '原件及复印件'),
            mat('结婚证', 'Marriage certificate', cond=('提取配偶公积金的', "To withdraw your spouse's fund")),
        ],
    ),
    svc(
        'GJ0203', '住房公积金提取（离退休）', 'Withdraw the housing provident fund on retirement', 'gjj', '行政给付',
        '职工办理离退休手续后，可一次性提取住房公积金账户余额并销户',
        'After retiring, withdraw the whole balance and close the account',
        legal=3, promised=0, via='自助 网办 掌上 窗口', online=True, themes='养老', kw='退休提取、销户提取', where=W_GJJ,
        materials=[
            ID_CARD,
            mat('退休证明', 'Proof of retirement'),
            mat('本人银行卡或社会保障卡（金融账户）', 'Your bank card or social security card (bank account)', cond=('待遇需发放到银行账户时', 'When money is paid into an account')),
        ],
    ),
    svc(
        'GJ0301', '住房公积金个人住房贷款申请', 'Apply for a housing provident fund mortgage', 'gjj', '公共服务',
        '连续足额缴存住房公积金满6个月的职工，购买自住住房可申请公积金贷款',
        'Workers with six months of full contributions can apply for a housing fund loan to buy a home',
        legal=15, promised=10, via='窗口', themes='住房、婚育', kw='公积金贷款、房贷', where=W_GJJ,
        materials=[
            mat('居民身份证', 'Resident ID card', '原件及复印件'),
            HUKOU,
            mat('结婚证', 'Marriage certificate', cond=('已婚的', 'If married')),
            mat('购房合同', 'Purchase contract', '原件及复印件'),
            mat('收入证明', 'Proof of income'),
        ],
    ),
]

GJJ_ACCOUNT = text("account_no", "公积金个人账号", "Provident fund account", max=20, required=False, help=("不知道可以不填", "Leave it empty if you do not know it"))
patch(
    SERVICES,
    forms={
        "GJ0202": person_form(addr("house", "所购住房地址", "Address of the home"), num("price", "购房总价（元）", "Price (yuan)", 1, 100_000_000), num("amount", "提取金额（元）", "Amount to withdraw (yuan)", 1, 10_000_000), bank=True),
        "GJ0203": person_form(date("retired", "退休日期", "Date of retirement", -36500, 0), bank=True),
    },
    helps={
        "GJ0301": guide_only("公积金窗口（41-46号）", "housing fund windows 41-46", "可在本终端预约贷款面谈时间（住房公积金贷款预约）；", "book an interview here (book a housing fund loan interview); "),
    },
)

SERVICES += [
    svc(
        "GJ0103", "住房公积金贷款证明打印", "Print your housing fund loan statement", "gjj", "公共服务",
        "打印住房公积金贷款的贷款余额、还款记录或结清证明。",
        "Print your housing fund loan balance, repayments or proof of settlement.",
        via="自助 网办 掌上", online=True, themes="住房", kw="公积金贷款结清证明、公积金证明",
        materials=[ID_CARD], form=print_form(("settle", "贷款结清证明", "Loan settled"), ("balance", "贷款余额", "Loan balance"), ("repay", "还款明细", "Repayments")),
    ),
    svc(
        "GJ0204", "住房公积金提取（偿还住房贷款）", "Withdraw to repay a home loan", "gjj", "行政给付",
        "偿还本人及配偶购房贷款本息的，可以提取住房公积金；管理中心自受理之日起3日内作出准予提取或不准提取的决定。",
        "Withdraw to repay your or your spouse's home loan; the centre decides within 3 days.",
        legal=3, promised=1, via="自助 网办 掌上 窗口", online=True, themes="住房", kw="取公积金还房贷、公积金还贷、提取公积金",
        where=W_GJJ, materials=[ID_CARD, mat("借款合同及还款明细", "Loan contract and repayment record", "复印件", notes=("公积金贷款无需提交", "Not needed for a housing fund loan"))],
        form=person_form(sel("loan", "贷款类型", "Loan", [("gjj", "公积金贷款", "Housing fund loan"), ("bank", "商业银行贷款", "Bank loan")]), num("amount", "提取金额（元）", "Amount (yuan)", 1, 10_000_000), bank=True),
    ),
    svc(
        "GJ0205", "住房公积金提取（离职）", "Withdraw after leaving a job", "gjj", "行政给付",
        "与单位终止劳动关系、账户封存满规定期限且未再就业的，按本县规定提取；封存期限和条件由本地管理委员会确定。",
        "After a job ends and the account has been dormant for the local period with no new job, withdraw under the county's rules.",
        legal=3, promised=1, via="自助 掌上 窗口", online=True, themes="就业、住房", kw="离职取公积金、辞职提公积金、取公积金",
        where=W_GJJ, materials=[ID_CARD, mat("解除劳动关系证明", "Proof the job ended", "复印件")],
        form=person_form(GJJ_ACCOUNT, date("left", "离职日期", "Last day at work", -3650, -180, help=("封存满半年后可申请", "After six months dormant")), bank=True),
    ),
    svc(
        "GJ0206", "住房公积金提取（重大疾病）", "Withdraw for a serious illness", "gjj", "行政给付",
        "本人、配偶及直系亲属患重大疾病造成家庭生活严重困难的，提取住房公积金；病种和额度由本地规定。",
        "Withdraw when a serious illness in the family causes real hardship; the local rules set the illnesses and amounts.",
        legal=3, promised=3, via="窗口", themes="就医、住房", kw="大病取公积金",
        where=W_GJJ, materials=[ID_CARD, mat("二级以上医院诊断证明及费用票据", "Diagnosis and bills from a grade-2 hospital or above")],
        help=guide_only("公积金窗口（41-46号）", "housing fund windows 41-46", "须核验医疗票据原件；", "the original bills must be checked; "),
    ),
    svc(
        "GJ0302", "住房公积金贷款预约", "Book a housing fund loan interview", "gjj", "公共服务",
        "预约到公积金窗口面谈贷款的时间，可提前了解可贷额度。",
        "Book a time to discuss a housing fund loan at the windows.",
        via="自助 掌上", themes="住房", kw="公积金贷款、公积金买房",
        form=booking_form("县政务服务中心三楼公积金窗口（41-46号）", "housing fund windows 41-46"),
    ),
    svc(
        "GJ0303", "住房公积金贷款提前还款", "Repay a housing fund loan early", "gjj", "公共服务",
        "申请部分或全部提前偿还住房公积金贷款，可用公积金账户余额冲还。",
        "Repay part or all of a housing fund loan early, also from your fund balance.",
        via="自助 网办 掌上 窗口", online=True, themes="住房", kw="提前还贷、公积金还清",
        where=W_GJJ, materials=[ID_CARD],
        form=person_form(sel("kind", "还款方式", "How", [("part", "部分提前还款", "Part"), ("all", "全部结清", "All")]), num("amount", "还款金额（元）", "Amount (yuan)", 1, 10_000_000), sel("source", "资金来源", "Paid from", [("account", "公积金账户余额", "Fund balance"), ("bank", "银行卡", "Bank card")])),
    ),
    svc(
        "GJ0401", "灵活就业人员住房公积金缴存登记", "Join the housing fund as a self-employed person", "gjj", "公共服务",
        "个体工商户、灵活就业人员自愿缴存住房公积金，缴存比例和基数按本地规定。",
        "The self-employed may pay into the housing fund; local rules set the rate and base.",
        via="自助 网办 掌上 窗口", themes="住房、就业", kw="自己交公积金、个人缴公积金",
        where=W_GJJ, materials=[ID_CARD],
        form=person_form(num("base", "月缴存基数（元）", "Monthly base (yuan)", 1000, 50_000), bank=True, live=True),
    ),
    svc(
        "GJ0402", "住房公积金异地转移接续", "Transfer your housing fund from another city", "gjj", "公共服务",
        "在外地缴存后回本县工作的，在本县开户后申请将原账户余额转入，全国住房公积金转移接续平台办理。",
        "Back to work in the county after paying in elsewhere: open an account here and ask for the old balance to follow.",
        legal=15, promised=5, via="自助 网办 掌上 窗口", online=True, themes="住房、就业", kw="公积金转移、公积金转回来",
        where=W_GJJ, materials=[ID_CARD],
        form=person_form(text("from_city", "原缴存城市", "City you paid in", max=20), text("from_centre", "原公积金中心", "Old fund centre", max=50, required=False)),
    ),
]

"""Support matching: facts firms declare for policy measures, the digital-transition service
catalog (solutions and providers), the resource catalog and bank loan products.

Every column also accepts the bilingual header that ``xinzhi template`` writes (Chinese label,
a space, the English name: ``方案编号 solution_id``). Cross-column rules (a price range that
rises, questionnaire items that exist, known stages and kinds) live in
:mod:`xinzhi.support.checks` and run on import through ``row_checks``.
"""

from __future__ import annotations

from dataclasses import replace

from xinzhi.schema.base import Column, TableSpec, col
from xinzhi.schema.delivery import bilingual_header
from xinzhi.support.checks import (
    check_declarations,
    check_loan_products,
    check_providers,
    check_resources,
    check_solutions,
)


def _both(*columns: Column) -> tuple[Column, ...]:
    """Columns that also accept the template's bilingual header."""
    return tuple(replace(c, aliases=(*c.aliases, bilingual_header(c))) for c in columns)


SUPPORT_DECLARATION = TableSpec(
    name="support_declaration",
    label_zh="企业政策申报信息",
    description="Facts a firm declares (or a bureau collects) for policy measures that the enterprise-year "
                "table does not hold: tax status, declared shares, list membership, titles' years. One row "
                "per firm and data year; every column but the key is optional, and a missing value never "
                "makes a firm eligible.",
    domain="support",
    key=("credit_code", "year"),
    columns=_both(
        col("credit_code", "str", "统一社会信用代码", required=True, checks=("credit_code",)),
        col("year", "int", "数据年度", required=True, checks=("year",)),
        col("taxable_income", "float", "应纳税所得额", "annual taxable income (企业所得税)", quantity="money"),
        col("tax_on_accounts", "bool", "查账征收", "corporate income tax levied on actual accounts (not 核定征收)"),
        col("restricted_industry", "bool", "国家限制和禁止行业", "the firm works in a restricted or prohibited industry"),
        col("st_staff", "float", "科技人员数", "staff doing R&D and related innovation (科技人员)", quantity="people",
            nonnegative=True),
        col("hitech_revenue_share", "float", "高新技术产品（服务）收入占比",
            "high-tech product or service revenue as a share of total revenue", quantity="ratio", checks=("fraction",)),
        col("tech_field", "bool", "属于国家重点支持的高新技术领域", "core technology in the state-supported high-tech fields"),
        col("ip_class1", "float", "Ⅰ类知识产权数", "valid class-I IP linked to main products (inventions ...)",
            quantity="count", nonnegative=True),
        col("ip_class2", "float", "Ⅱ类知识产权数", "valid class-II IP (utility models, designs, software ...)",
            quantity="count", nonnegative=True),
        col("total_cost", "float", "成本费用支出总额", quantity="money", nonnegative=True),
        col("vat_general", "bool", "增值税一般纳税人"),
        col("mfg_sales_share", "float", "制造业销售额占比", "manufacturing sales over all sales, both without VAT",
            quantity="ratio", checks=("fraction",)),
        col("input_vat", "float", "可抵扣进项税额", "deductible input VAT of the year", quantity="money", nonnegative=True),
        col("other_vat_credit", "bool", "已选择其他加计抵减政策", "the firm takes another VAT credit (集成电路, 工业母机)"),
        col("first_set_product", "bool", "首台（套）目录产品", "makes equipment listed in the 首台（套） guidance catalog"),
        col("first_set_insured", "float", "首台（套）投保金额", "insured value of the first units sold", quantity="money",
            nonnegative=True),
        col("first_set_premium", "float", "首台（套）保费", "premium actually paid for the year", quantity="money",
            nonnegative=True),
        col("credit_blacklisted", "bool", "列入严重失信主体名单", "on a list of seriously dishonest entities"),
        col("giant_since", "int", "国家级专精特新小巨人认定年份", "year first recognised", checks=("year",)),
        col("champion_since", "int", "制造业单项冠军认定年份", "year first recognised", checks=("year",)),
        col("zjtx_since", "int", "省级专精特新认定（复核）年份", "year recognised or last re-confirmed", checks=("year",)),
        col("digital_spend", "float", "数字化改造投入", "planned or actual spend on a digital retrofit", quantity="money",
            nonnegative=True),
        col("diagnosis_fee", "float", "数字化诊断合同金额", quantity="money", nonnegative=True),
        col("pilot_funded", "bool", "已获数字化转型试点资金", "already funded by the digital-transformation pilot"),
        col("first_loan", "bool", "首次银行贷款", "has never borrowed from a bank (首贷户)"),
    ),
    row_checks=(check_declarations,),
)

DIGITAL_SOLUTION = TableSpec(
    name="digital_solution",
    label_zh="数字化转型解决方案",
    description="Digital-transition solutions (小快轻准): the questionnaire items they improve, scene, industries, "
                "price band and deployment time.",
    domain="support",
    key=("solution_id",),
    columns=_both(
        col("solution_id", "str", "方案编号", required=True),
        col("name", "str", "方案名称", required=True),
        col("provider_id", "str", "服务商编号", required=True),
        col("scene", "str", "应用场景", "e.g. 设备联网, 数据采集, 生产管控", required=True),
        col("items", "str", "对应评测题目", "';'-separated item ids of the digital-maturity questionnaire it improves",
            required=True),
        col("industries", "str", "适用行业", "';'-separated GB/T 4754 code prefixes (empty: every industry)"),
        col("price_low", "float", "价格下限", quantity="money", nonnegative=True, required=True),
        col("price_high", "float", "价格上限", quantity="money", nonnegative=True, required=True),
        col("deploy_months", "float", "部署周期（月）", "months from contract to use", nonnegative=True, required=True),
        col("tags", "str", "小快轻准标签", "';'-separated: 小型化, 快速化, 轻量化, 精准化, 云化 ..."),
        col("cases", "float", "应用案例数", quantity="count", nonnegative=True),
        col("description", "str", "方案简介"),
    ),
    row_checks=(check_solutions,),
)

DIGITAL_PROVIDER = TableSpec(
    name="digital_provider",
    label_zh="数字化转型服务商",
    description="Providers of digital-transition solutions: where they are, their qualifications and references.",
    domain="support",
    key=("provider_id",),
    columns=_both(
        col("provider_id", "str", "服务商编号", required=True),
        col("name", "str", "服务商名称", required=True),
        col("region_code", "str", "所在地区代码", required=True, checks=("region",)),
        col("qualifications", "str", "资质", "';'-separated, e.g. 中小企业数字化转型试点城市服务商"),
        col("references", "str", "典型案例", "reference customers or projects"),
        col("firms_served", "float", "服务企业数", quantity="count", nonnegative=True),
        col("contact", "str", "联系方式"),
    ),
    row_checks=(check_providers,),
)

SUPPORT_RESOURCE = TableSpec(
    name="support_resource",
    label_zh="要素资源目录",
    description="Resources matched to a firm's stage: incubators, accelerators, pilot and testing platforms, parks "
                "and land, venture, industrial and private-equity funds (ticket sizes in 万元).",
    domain="support",
    key=("resource_id",),
    columns=_both(
        col("resource_id", "str", "资源编号", required=True),
        col("name", "str", "资源名称", required=True),
        col("kind", "str", "资源类型", "incubator, accelerator, pilot_platform, testing_platform, park, "
            "industrial_land, rd_land, venture_fund, industrial_fund or pe_fund", required=True),
        col("region_code", "str", "所在地区代码", "the region it serves (and all regions below)", required=True,
            checks=("region",)),
        col("stages", "str", "适用阶段", "';'-separated: seed (0→1), growth (1→10), scale (10→100)", required=True),
        col("industries", "str", "适用行业", "';'-separated GB/T 4754 code prefixes (empty: every industry)"),
        col("ticket_min", "float", "单笔投资下限", "funds: smallest ticket", quantity="money", nonnegative=True),
        col("ticket_max", "float", "单笔投资上限", "funds: largest ticket", quantity="money", nonnegative=True),
        col("area_mu", "float", "可供面积", "land or floor space on offer", quantity="area", nonnegative=True),
        col("operator", "str", "运营主体"),
        col("conditions", "str", "入驻（投资）条件"),
        col("contact", "str", "联系方式"),
    ),
    row_checks=(check_resources,),
)

LOAN_PRODUCT = TableSpec(
    name="loan_product",
    label_zh="银行信贷产品",
    description="Bank loan products for 银企对接: who they lend to (firms in difficulty, firms with a project "
                "about to start), amounts in 万元, the annual rate and the conditions a borrower must meet.",
    domain="support",
    key=("product_id",),
    columns=_both(
        col("product_id", "str", "产品编号", required=True),
        col("bank", "str", "银行", required=True),
        col("name", "str", "产品名称", required=True),
        col("purpose", "str", "贷款用途", "working_capital (流动资金) or project (项目/技改)", required=True),
        col("policy_tool", "str", "政策工具", "e.g. 科技创新和技术改造再贷款, 普惠小微贷款"),
        col("region_code", "str", "服务地区代码", "empty: every region", checks=("region",)),
        col("amount_min", "float", "额度下限", quantity="money", nonnegative=True),
        col("amount_max", "float", "额度上限", quantity="money", nonnegative=True, required=True),
        col("rate", "float", "年利率", "annual rate, e.g. 3.2%", quantity="ratio", checks=("fraction",)),
        col("term_months", "float", "期限（月）", nonnegative=True),
        col("size_classes", "str", "企业规模", "';'-separated: large, medium, small, micro (empty: any)"),
        col("industries", "str", "适用行业", "';'-separated GB/T 4754 code prefixes (empty: any)"),
        col("stages", "str", "适用阶段", "';'-separated: seed, growth, scale (empty: any)"),
        col("requires_tags", "str", "企业资质要求", "';'-separated titles, any one suffices (empty: none)"),
        col("max_debt_ratio", "float", "资产负债率上限", quantity="ratio", checks=("fraction",)),
        col("min_years", "float", "成立年限下限", "years since establishment", nonnegative=True),
        col("for_difficulty", "bool", "纾困贷款", "lends to firms short of liquidity"),
        col("for_projects", "bool", "项目贷款", "lends to firms with a project about to start"),
        col("collateral", "str", "担保方式"),
    ),
    row_checks=(check_loan_products,),
)

TABLES = (SUPPORT_DECLARATION, DIGITAL_SOLUTION, DIGITAL_PROVIDER, SUPPORT_RESOURCE, LOAN_PRODUCT)

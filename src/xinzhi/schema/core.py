"""Core tables: regions, industries, taxonomies, region × industry × year facts, enterprises,
enterprise × year facts and parks."""

from __future__ import annotations

from xinzhi.schema.base import TableSpec, col

REGION = TableSpec(
    name="region",
    label_zh="行政区划与功能区",
    description=(
        "Regions: GB/T 2260 provinces, cities and counties (6-digit codes, e.g. 510000, 510100, "
        "510104) and user-defined areas (parks, development zones) under a parent region."
    ),
    key=("code",),
    reference=True,
    columns=(
        col("code", "str", "区划代码", "GB/T 2260 6-digit code, or a user code for parks and zones",
            aliases=("区划代码", "代码", "region_code", "adcode"), required=True),
        col("name", "str", "名称", "Chinese name", aliases=("名称", "区划名称"), required=True),
        col("name_en", "str", "英文名称", "English or pinyin name", aliases=("英文名称", "pinyin")),
        col("level", "str", "层级", "province, city, county, park or zone",
            aliases=("层级", "级别"), required=True),
        col("parent_code", "str", "上级代码", "code of the parent region (empty for provinces)",
            aliases=("上级代码", "parent")),
    ),
)

INDUSTRY = TableSpec(
    name="industry",
    label_zh="国民经济行业分类",
    description="GB/T 4754-2017 industries at all four levels (section A, division 01, group 011, class 0111).",
    key=("code",),
    reference=True,
    columns=(
        col("code", "str", "行业代码", "code as printed in the standard", aliases=("行业代码",), required=True),
        col("name", "str", "行业名称", "Chinese name", aliases=("行业名称", "name_zh"), required=True),
        col("level", "int", "层级", "1 section, 2 division, 3 group, 4 class", required=True),
        col("parent_code", "str", "上级代码", "code of the parent industry"),
        col("section", "str", "门类", "section letter A..T", required=True),
    ),
)

TAXONOMY = TableSpec(
    name="taxonomy",
    label_zh="产业分类体系",
    description=(
        "User taxonomies (strategic emerging industries, future industries, a province's own "
        "industrial system) and their categories, mapped many-to-many onto GB/T 4754 codes."
    ),
    key=("taxonomy", "category", "industry_code"),
    columns=(
        col("taxonomy", "str", "分类体系", "taxonomy id, e.g. sei-2018", required=True),
        col("category", "str", "类别代码", "category code within the taxonomy", required=True),
        col("category_name", "str", "类别名称", "category name", aliases=("类别名称",)),
        col("industry_code", "str", "行业代码", "mapped GB/T 4754 code (any level)",
            aliases=("行业代码",), required=True, checks=("industry",)),
    ),
)

REGION_INDUSTRY_YEAR = TableSpec(
    name="region_industry_year",
    label_zh="地区行业年度数据",
    description="Region × industry × year statistics; money in 万元.",
    key=("region_code", "industry_code", "year"),
    columns=(
        col("region_code", "str", "区划代码", aliases=("区划代码", "地区代码", "region"), required=True, checks=("region",)),
        col("industry_code", "str", "行业代码", aliases=("行业代码", "industry"), required=True, checks=("industry",)),
        col("year", "int", "年份", aliases=("年份", "年度"), required=True, checks=("year",)),
        col("output", "float", "工业总产值", "gross output", quantity="money", aliases=("总产值", "产值", "工业总产值", "gross_output"), nonnegative=True),
        col("value_added", "float", "增加值", quantity="money", aliases=("增加值", "工业增加值"), nonnegative=True),
        col("revenue", "float", "营业收入", quantity="money", aliases=("营业收入", "营收"), nonnegative=True),
        col("employment", "float", "从业人员", quantity="people", aliases=("从业人员", "从业人数", "就业人数", "employees"), nonnegative=True),
        col("enterprises", "float", "企业数", quantity="count", aliases=("企业数", "企业个数", "单位数", "firms"), nonnegative=True),
        col("investment", "float", "固定资产投资", quantity="money", aliases=("固定资产投资", "投资"), nonnegative=True),
        col("exports", "float", "出口额", quantity="money", aliases=("出口额", "出口交货值", "出口"), nonnegative=True),
    ),
)

ENTERPRISE = TableSpec(
    name="enterprise",
    label_zh="企业名录",
    description="Enterprises keyed by the 18-character unified social credit code (GB 32100-2015).",
    key=("credit_code",),
    columns=(
        col("credit_code", "str", "统一社会信用代码", aliases=("统一社会信用代码", "信用代码", "uscc"), required=True, checks=("credit_code",)),
        col("name", "str", "企业名称", aliases=("企业名称", "名称", "company"), required=True),
        col("region_code", "str", "所在县（市、区）代码", "county (or city) code", aliases=("区划代码", "所在地区代码", "region"), required=True, checks=("region",)),
        col("park_code", "str", "所在园区代码", "park code, empty if outside parks", aliases=("园区代码", "所在园区", "park")),
        col("industry_code", "str", "行业代码", "GB/T 4754 class (4 digits) or coarser", aliases=("行业代码", "所属行业代码", "industry"), required=True, checks=("industry",)),
        col("size_class", "str", "企业规模", "large, medium, small or micro (统计上大中小微型企业划分办法)", aliases=("企业规模", "规模")),
        col("above_scale", "bool", "是否规上", "above designated size (规模以上)", aliases=("是否规上", "规上企业", "规上")),
        col("established_year", "int", "成立年份", aliases=("成立年份", "成立年度"), checks=("year",)),
        col("tags", "str", "标签", "semicolon-separated tags, e.g. 高新技术企业;专精特新", aliases=("标签", "企业标签")),
    ),
)

ENTERPRISE_YEAR = TableSpec(
    name="enterprise_year",
    label_zh="企业年度数据",
    description="Enterprise × year facts; money in 万元, land in 亩, energy in tce, electricity in 万千瓦时.",
    key=("credit_code", "year"),
    columns=(
        col("credit_code", "str", "统一社会信用代码", aliases=("统一社会信用代码", "信用代码", "uscc"), required=True, checks=("credit_code",)),
        col("year", "int", "年份", aliases=("年份", "年度"), required=True, checks=("year",)),
        col("land_mu", "float", "用地面积", "land used, owned or leased", quantity="area", aliases=("用地面积", "用地", "占地面积", "land", "land_area"), nonnegative=True),
        col("land_leased", "bool", "是否租赁厂房", "premises are leased", aliases=("是否租赁厂房", "租赁")),
        col("tax", "float", "实缴税收", "taxes actually paid", quantity="money", aliases=("税收", "实缴税收", "实缴税金", "税收实际贡献"), nonnegative=True),
        col("value_added", "float", "工业增加值", quantity="money", aliases=("增加值", "工业增加值"), nonnegative=True),
        col("output", "float", "工业总产值", quantity="money", aliases=("工业总产值", "总产值", "产值")),
        col("revenue", "float", "营业收入", quantity="money", aliases=("营业收入", "销售收入"), nonnegative=True),
        col("main_revenue", "float", "主营业务收入", quantity="money", aliases=("主营业务收入", "主营收入"), nonnegative=True),
        col("energy_tce", "float", "综合能耗", quantity="energy", aliases=("综合能耗", "能耗", "energy"), nonnegative=True),
        col("electricity", "float", "用电量", quantity="electricity", aliases=("用电量", "电耗"), nonnegative=True),
        col("emissions", "float", "主要污染物排放当量", "pollutant emission equivalents", quantity="mass", aliases=("排放量", "污染物排放当量", "排放"), nonnegative=True),
        col("rd_spending", "float", "研发经费支出", quantity="money", aliases=("研发经费", "研发费用", "研发经费支出", "r&d"), nonnegative=True),
        col("rd_staff", "float", "研发人员", quantity="people", aliases=("研发人员",), nonnegative=True),
        col("employees", "float", "从业人员", quantity="people", aliases=("从业人员", "职工人数", "员工人数"), nonnegative=True),
        col("invention_patents", "float", "发明专利", "valid invention patents", quantity="count", aliases=("发明专利", "有效发明专利"), nonnegative=True),
        col("ip_count", "float", "知识产权数", "all intellectual property items", quantity="count", aliases=("知识产权", "知识产权数"), nonnegative=True),
        col("total_assets", "float", "资产总额", "total assets at year end", quantity="money", aliases=("资产总额", "资产合计", "总资产", "assets"), nonnegative=True),
        col("debt_ratio", "float", "资产负债率", quantity="ratio", aliases=("资产负债率",), nonnegative=True),
        col("net_profit", "float", "净利润", quantity="money", aliases=("净利润", "利润")),
        col("equity_financing", "float", "股权融资", quantity="money", aliases=("股权融资", "新增股权融资"), nonnegative=True),
        col("exports", "float", "出口额", quantity="money", aliases=("出口额", "出口交货值"), nonnegative=True),
        col("safety_incident", "bool", "重大安全环保事故", "a major safety or environmental accident this year", aliases=("重大安全事故", "安全环保事故")),
    ),
)

PARK = TableSpec(
    name="park",
    label_zh="产业园区",
    description="Industrial parks and development zones; each also appears in the region table (level park or zone).",
    key=("code",),
    columns=(
        col("code", "str", "园区代码", aliases=("园区代码",), required=True),
        col("name", "str", "园区名称", aliases=("园区名称",), required=True),
        col("region_code", "str", "所在地区代码", "the region the park belongs to", aliases=("所在地区代码", "区划代码"), required=True, checks=("region",)),
        col("park_level", "str", "园区级别", "national, provincial or other", aliases=("园区级别", "级别")),
        col("park_type", "str", "园区类型", "e.g. economic-technological development zone, high-tech zone", aliases=("园区类型",)),
        col("planned_area_mu", "float", "规划面积", quantity="area", aliases=("规划面积",), nonnegative=True),
        col("leading_industries", "str", "主导产业", "semicolon-separated", aliases=("主导产业",)),
    ),
)

TABLES = (REGION, INDUSTRY, TAXONOMY, REGION_INDUSTRY_YEAR, ENTERPRISE, ENTERPRISE_YEAR, PARK)

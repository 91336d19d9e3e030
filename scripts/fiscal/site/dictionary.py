"""The data dictionary, generated from ``datapackage.json``: never copied by hand, so it
cannot drift from the schema the CSVs are validated against.
"""

from __future__ import annotations

from fiscal.site.data import SitePackage
from fiscal.site.downloads import Files
from fiscal.site.markup import Column, Page, block, href, html_table, link, md_text, text, text_cell
from fiscal.site.paths import DICTIONARY
from fiscal.vocabulary import value_name

TYPES = {
    "string": "文本",
    "integer": "整数",
    "number": "数值",
    "boolean": "布尔",
    "date": "日期",
}


def constraints_text(resource: str, field: dict) -> str:
    """A field's constraints in words: required, unique, allowed values (with the
    vocabulary's Chinese name of each), pattern, range."""
    rules = field.get("constraints", {})
    words = []
    if rules.get("required"):
        words.append("必填")
    if rules.get("unique"):
        words.append("唯一")
    if "enum" in rules:
        values = []
        for value in map(str, rules["enum"]):
            name = value_name(resource, field["name"], value)
            values.append(f"{value}（{name}）" if name else value)
        words.append("取值：" + "、".join(values))
    if "pattern" in rules:
        words.append(f"格式：{rules['pattern']}")
    if "minimum" in rules or "maximum" in rules:
        words.append(f"范围：{rules.get('minimum', '')}–{rules.get('maximum', '')}")
    return "；".join(words)


def _keys(schema: dict) -> str:
    parts = []
    key = schema.get("primaryKey")
    if key:
        parts.append("主键：" + ", ".join([key] if isinstance(key, str) else key))
    for foreign in schema.get("foreignKeys", []):
        fields = foreign["fields"]
        target = foreign["reference"]
        parts.append(
            f"外键：{', '.join([fields] if isinstance(fields, str) else fields)} → "
            f"{target['resource'] or '本表'}.{target['fields']}"
        )
    return "；".join(parts)


def dictionary_page(package: SitePackage, files: Files) -> Page:
    descriptor = package.descriptor
    licences = "、".join(
        item.get("title", item.get("name", "")) for item in descriptor.get("licenses", [])
    )
    parts = [
        block(
            "<h1>数据字典</h1>",
            f"<p>{text(descriptor.get('title', ''))}，版本 {text(descriptor.get('version', ''))}，"
            f"许可：{text(licences)}。</p>",
            f"<p>{text(descriptor.get('description', ''))}</p>",
            "<p>本页由 datapackage.json 自动生成。金额一律为万元、精确小数；"
            "空白表示原文未列示。</p>",
        )
    ]
    columns = [
        Column("字段"),
        Column("标题"),
        Column("类型"),
        Column("单位"),
        Column("约束"),
        Column("说明"),
    ]
    for resource in descriptor["resources"]:
        name = resource["name"]
        schema = resource["schema"]
        csv, xlsx = files.resources[name]
        rows = [
            [
                f"<td><code>{text(field['name'])}</code></td>",
                text_cell(field.get("title", "")),
                text_cell(TYPES.get(field["type"], field["type"])),
                text_cell(field.get("unit", "")),
                text_cell(constraints_text(name, field)),
                text_cell(field.get("description", "")),
            ]
            for field in schema["fields"]
        ]
        parts += [
            f"## {md_text(resource.get('title', name))} {{#{name}}}\n",
            block(
                f"<p><code>{text(name)}</code> · {text(resource['path'])} · "
                f"{len(package.frame(name)):,} 行 · {link(href(DICTIONARY, csv), 'CSV')}"
                + (f" · {link(href(DICTIONARY, xlsx), 'Excel')}" if xlsx else "")
                + "</p>",
                f"<p>{text(resource.get('description', ''))}</p>",
                f"<p>{text(_keys(schema))}</p>",
                html_table(columns, rows, table_id=f"fields-{name}"),
            ),
        ]
    return Page(DICTIONARY, "数据字典", "".join(parts))

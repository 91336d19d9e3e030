"""The data dictionary, generated from ``datapackage.json``: never copied by hand, so it
cannot drift from the schema the CSVs are validated against.
"""

from __future__ import annotations

from fiscal.schema import CATALOGUE
from fiscal.site.analysis import TABLE_STATUS, view_fields
from fiscal.site.analysis import TYPE_NAMES as TYPES
from fiscal.site.data import SitePackage
from fiscal.site.downloads import Files
from fiscal.site.markup import Column, Page, block, href, html_table, link, md_text, text, text_cell
from fiscal.site.paths import DICTIONARY
from fiscal.vocabulary import value_name


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


def _added(package: SitePackage, resource: dict) -> list[dict]:
    """The fields a resource's download has beyond the package's, in the download's order."""
    own = {field["name"] for field in resource["schema"]["fields"]}
    return [f for f in view_fields(package, resource["name"]) if f["name"] not in own]


def _added_constraints(field: dict) -> str:
    """An added field's constraints, its values named as where they come from: the table
    status as ``report_tables.status``, the context as the catalogue's."""
    if field["name"] == TABLE_STATUS:
        return constraints_text("report_tables", {**field, "name": "status"})
    return constraints_text(CATALOGUE, field)


def _download_columns(package: SitePackage, files: Files, columns: list[Column]) -> str:
    """The columns the per-resource downloads add, each once, with the downloads that have
    it: what ``analysis.py`` joins from the catalogue and the flags it sets."""
    fields: dict[str, dict] = {}
    where: dict[str, list[str]] = {}
    for resource in package.descriptor["resources"]:
        for field in _added(package, resource):
            fields.setdefault(field["name"], field)
            where.setdefault(field["name"], []).append(resource["name"])
    rows = [
        [
            f"<td><code>{text(name)}</code></td>",
            text_cell(field.get("title", "")),
            text_cell(TYPES.get(field["type"], field["type"])),
            text_cell(field.get("unit", "")),
            text_cell(_added_constraints(field)),
            text_cell(field.get("description", "")),
            text_cell("、".join(where[name])),
        ]
        for name, field in fields.items()
    ]
    return "".join(
        [
            "## 下载文件的附加列 {#download-columns}\n",
            block(
                "<p>逐表下载（CSV、Excel 与 SQLite 的 <code>&lt;表名&gt;_view</code> 视图）"
                "是数据包的便于分析的视图：在各表原有字段之前附上所属报告的背景（取自来源文件目录），"
                "并为注明无数据的表各加一行。数据包本身不含这些列。每个 Excel 工作簿的“数据字典”页"
                f"与 {link(href(DICTIONARY, files.dictionary), 'data-dictionary.csv')} "
                "列出每个下载列的中文名。</p>",
                html_table([*columns, Column("所在下载")], rows, table_id="fields-download"),
            ),
        ]
    )


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
        added = _added(package, resource)
        note = (
            "<p>下载文件另有以下列，置于各行最前："
            + "、".join(f"<code>{text(field['name'])}</code>" for field in added)
            + f"（见{link('#download-columns', '下载文件的附加列')}）。</p>"
            if added
            else ""
        )
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
                note,
            ),
        ]
    parts.append(_download_columns(package, files, columns))
    return Page(DICTIONARY, "数据字典", "".join(parts))

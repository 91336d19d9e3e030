"""The SQL page: ad-hoc questions of the published SQLite database, answered in the browser.

The site is static, with no server to send a query to, so the page brings SQLite with it
(sql.js: SQLite compiled to WebAssembly, vendored from npm and served from the site's own
assets) and opens the very database the downloads offer. ``site/assets/query.js`` does the
work; this module writes the page it works on: the box, the buttons, the example queries
and the list of tables, all from the descriptor the database was written from.

The example queries are written against the tables as ``downloads.py`` types them (amounts
REAL, levels INTEGER, a blank cell NULL) and pick the rows the site's own pages use, so the
answer a reader gets is the one the comparison pages show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscal.site.data import SitePackage
from fiscal.site.dictionary import TYPES
from fiscal.site.downloads import Files
from fiscal.site.figures import SPENDING_TABLE
from fiscal.site.markup import Page, block, href, link, safe_json, text
from fiscal.site.paths import DICTIONARY, DOWNLOADS_PAGE, QUALITY, QUERY_PAGE
from fiscal.vocabulary import PHASES, RULES, SCOPES, Word

#: The page's script; the page loads it itself, so no other page pays for the engine.
QUERY_SCRIPT = "assets/query.js"
#: The comparison pages' reports: extracted, and not replaced by a corrected version.
_CURRENT = "r.status = 'ok' AND s.superseded_by IS NULL"
#: A report's name, scope and replacement: the same on each of its catalogue rows.
_CATALOGUE = "(SELECT DISTINCT report_id, publisher, scope, superseded_by FROM sources) AS s"


@dataclass(frozen=True)
class Example:
    """An example query: a button that puts its SQL in the box and runs it."""

    key: str
    label: str
    sql: str


def sql_string(value: str) -> str:
    """A SQL string literal (quotes doubled), for the vocabulary's words in a query."""
    return "'" + value.replace("'", "''") + "'"


def chinese_names(column: str, words: dict[str, Word]) -> str:
    """A CASE expression showing the Chinese name of each stored id (an unknown id as is)."""
    cases = " ".join(f"WHEN {sql_string(w.key)} THEN {sql_string(w.cn)}" for w in words.values())
    return f"CASE {column} {cases} ELSE {column} END"


def chinese_title(title: str) -> str:
    """The Chinese half of a descriptor title ("Fiscal year / 年度" → "年度"): the page
    is for readers of Chinese, and the dictionary gives both."""
    return title.split(" / ")[-1]


def chinese_unit(unit: str) -> str:
    """A descriptor unit without its English gloss ("万元 (10,000 CNY) or %" → "万元或 %")."""
    return re.sub(r"\s*\([^)]*\)", "", unit).replace(" or ", "或 ")


def _three_public() -> Example:
    sql = f"""-- “三公”经费合计（万元）：每个部门每份报告一行；预算文件只有预算数。
-- 逐单位列示的表（深圳）取其第一行，即部门本身的合计
SELECT s.publisher AS 部门,
       t.fiscal_year AS 年度,
       {chinese_names("t.phase", PHASES)} AS 类别,
       {chinese_names("s.scope", SCOPES)} AS 口径,
       t.budget AS 预算数,
       t.actual AS 决算数,
       t.report_id AS 报告编号
FROM three_public AS t
JOIN reports AS r ON r.report_id = t.report_id
JOIN {_CATALOGUE} ON s.report_id = t.report_id
WHERE t.item = 'total' AND {_CURRENT}
  AND t."row" = (SELECT MIN(u."row") FROM three_public AS u
                 WHERE u.report_id = t.report_id AND u.item = 'total')
ORDER BY 部门, 年度, 类别;"""
    return Example("three-public", "“三公”经费（按部门）", sql)


#: The rows every spending figure of the site comes from (figures.spending_rows): the
#: all-funds spending table's function classes (类). A table printed unit by unit prints
#: a class once per unit, so a report's class is the sum of its rows, as the site sums it.
_SPENDING_CLASSES = f"f.\"table\" = {sql_string(SPENDING_TABLE)} AND f.fund = 'all' AND f.level = 1"


def _sum(column: str) -> str:
    """An exact-looking sum: amounts are REAL, and ROUND drops the float's last-digit noise
    (the package's amounts have at most six decimals)."""
    return f"ROUND(SUM({column}), 6)"


def _energy_by_year() -> Example:
    sql = f"""-- 211 节能环保支出（万元），按年度：全部资金支出表的类级科目之和
SELECT f.fiscal_year AS 年度,
       {chinese_names("f.phase", PHASES)} AS 类别,
       COUNT(DISTINCT f.report_id) AS 报告数,
       {_sum("f.total")} AS 支出合计,
       {_sum("f.basic_expenditure")} AS 基本支出,
       {_sum("f.project_expenditure")} AS 项目支出
FROM function_spending AS f
JOIN reports AS r ON r.report_id = f.report_id
JOIN {_CATALOGUE} ON s.report_id = f.report_id
WHERE f.function_code = '211' AND {_SPENDING_CLASSES} AND {_CURRENT}
GROUP BY f.fiscal_year, f.phase
ORDER BY 年度, 类别;"""
    return Example("energy-by-year", "211 节能环保（按年度）", sql)


def _energy_by_department() -> Example:
    sql = f"""-- 211 节能环保支出（万元），每份报告一行，按年度、金额从大到小；
-- 分单位印出的支出表每个单位印一行 211，“所印行数”即相加的行数
SELECT f.fiscal_year AS 年度,
       {chinese_names("f.phase", PHASES)} AS 类别,
       s.publisher AS 部门,
       {chinese_names("s.scope", SCOPES)} AS 口径,
       {_sum("f.total")} AS 支出合计,
       {_sum("f.basic_expenditure")} AS 基本支出,
       {_sum("f.project_expenditure")} AS 项目支出,
       COUNT(*) AS 所印行数,
       f.report_id AS 报告编号
FROM function_spending AS f
JOIN reports AS r ON r.report_id = f.report_id
JOIN {_CATALOGUE} ON s.report_id = f.report_id
WHERE f.function_code = '211' AND {_SPENDING_CLASSES} AND {_CURRENT}
GROUP BY f.report_id
ORDER BY 年度, 支出合计 DESC;"""
    return Example("energy-by-department", "211 节能环保（按部门）", sql)


def _findings_by_rule(package: SitePackage) -> Example:
    """Findings per rule, named in Chinese: the rules found, as a table of their own."""
    found = [rule for rule in RULES if rule in set(package.frame("findings")["rule"])]
    names = ",\n".join(f"  ({sql_string(r)}, {sql_string(RULES[r].name_cn)})" for r in found)
    named = f"WITH rule_names(rule, name) AS (VALUES\n{names})\n" if found else ""
    name = "n.name" if found else "NULL"
    join = "LEFT JOIN rule_names AS n ON n.rule = f.rule\n" if found else ""
    sql = f"""-- 各校验规则的发现数与涉及的报告数
{named}SELECT f.rule AS 规则,
       {name} AS 规则名称,
       COUNT(*) AS 发现数,
       COUNT(DISTINCT f.report_id) AS 报告数
FROM findings AS f
{join}GROUP BY f.rule
ORDER BY 发现数 DESC, 规则;"""
    return Example("findings-by-rule", "校验发现（按规则）", sql)


def examples(package: SitePackage) -> list[Example]:
    """The page's example queries, the first shown in the box when the page opens."""
    return [
        _three_public(),
        _energy_by_year(),
        _energy_by_department(),
        _findings_by_rule(package),
    ]


def tables_list(package: SitePackage) -> str:
    """Each table of the database with its columns: names to type, titles to read them by."""
    items = []
    for resource in package.descriptor["resources"]:
        name = resource["name"]
        fields = "".join(
            f"<li><code>{text(field['name'])}</code> {text(chinese_title(field.get('title', '')))}"
            f'<span class="fiscal-query-type">{text(TYPES.get(field["type"], field["type"]))}'
            f"{'，' + text(chinese_unit(field['unit'])) if field.get('unit') else ''}</span></li>"
            for field in resource["schema"]["fields"]
        )
        about = link(href(QUERY_PAGE, f"{DICTIONARY}#{name}"), "字段说明")
        items.append(
            f"<details><summary><code>{text(name)}</code> "
            f"{text(chinese_title(resource.get('title', name)))} · "
            f"{len(package.frame(name)):,} 行</summary>"
            f'<ul class="fiscal-query-columns">{fields}</ul><p>{about}</p></details>'
        )
    return "".join(items)


def query_page(package: SitePackage, files: Files) -> Page:
    """The SQL box over the site's SQLite database, its example queries and its tables."""
    shown = examples(package)
    database = href(QUERY_PAGE, files.sqlite)
    file_name = files.sqlite.rsplit("/", 1)[-1]
    buttons = "".join(
        f'<button type="button" class="md-button" data-example="{text(e.key)}">'
        f"{text(e.label)}</button>"
        for e in shown
    )
    sql = {e.key: e.sql for e in shown}
    body = "".join(
        [
            block(
                "<h1>SQL 查询</h1>",
                "<p>用 SQL 直接查询全部数据。本页把"
                f"{link(database, 'SQLite 数据库')}载入浏览器，由页面自带的 SQLite（sql.js）"
                "在本机运行查询，不经过任何服务器；对数据的改动只留在本页内存中。"
                "金额单位为万元，空值（NULL）表示原文未列示。"
                f"数据表与字段见下方列表和{link(href(QUERY_PAGE, DICTIONARY), '数据字典')}，"
                f"校验规则见{link(href(QUERY_PAGE, QUALITY), '数据质量')}。</p>",
                f'<div id="fiscal-query" class="fiscal-query" data-database="{text(database)}"'
                f' data-file-name="{text(file_name)}">',
                '<p class="fiscal-query-status" role="status" aria-live="polite">'
                "正在加载 SQLite…</p>",
                '<p class="fiscal-query-file" hidden><label>选择下载的 SQLite 文件 '
                f'<input type="file" accept=".gz,.sqlite,.db"></label> '
                f"（{link(href(QUERY_PAGE, DOWNLOADS_PAGE), '下载')}页的 {text(file_name)}）</p>",
                f'<p class="fiscal-query-examples">示例：{buttons}</p>',
                '<textarea class="fiscal-query-sql" rows="14" spellcheck="false"'
                ' aria-label="SQL 语句"></textarea>',
                '<p class="fiscal-query-actions">'
                '<button type="button" class="md-button md-button--primary" data-action="run">'
                "运行</button>"
                '<button type="button" class="md-button" data-action="csv" disabled>'
                "下载 CSV</button>"
                '<span class="fiscal-query-count"></span>'
                "<small>Ctrl + Enter 运行</small></p>",
                '<p class="fiscal-query-error" role="alert" hidden></p>',
                '<div class="fiscal-query-result"></div>',
                "</div>",
                f'<script type="application/json" id="fiscal-query-examples">{safe_json(sql)}'
                "</script>",
                f'<script src="{text(href(QUERY_PAGE, QUERY_SCRIPT))}"></script>',
            ),
            "## 数据表 {#tables}\n",
            block(
                "<p>每个数据表一张 SQLite 表，表名与字段名同 CSV；点开查看字段。"
                "与 SQL 关键字同名的字段用双引号括起，如 "
                '<code>"table"</code>、<code>"row"</code>、<code>"column"</code>。</p>',
                tables_list(package),
            ),
        ]
    )
    return Page(QUERY_PAGE, "SQL 查询", body)

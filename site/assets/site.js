/* The site's behaviour: sortable and searchable tables, and charts drawn from the JSON
 * specs that `fiscal site` embeds. Everything is served from the site itself; ECharts is
 * loaded only on pages that have a chart. Text from the data is only ever set as text. */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : "";
  var assets = here.slice(0, here.lastIndexOf("/") + 1);
  var FILTER_FROM_ROWS = 12;
  var number = new Intl.NumberFormat("zh-CN", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2
  });

  function formatAmount(value) {
    if (value === null || value === undefined || isNaN(value)) return "—";
    return number.format(value).replace("-", "\u2212");
  }

  /* Amounts sort by the exact value in data-sort; a missing figure (no number there) is
   * not zero: it sorts below every number. */
  function amountKey(text) {
    var value = parseFloat(text);
    return isNaN(value) ? -Infinity : value;
  }

  function compareAmounts(a, b) {
    var x = amountKey(a);
    var y = amountKey(b);
    return y > x ? 1 : y < x ? -1 : 0;
  }

  /* An exact value (data-sort, a plain decimal) the way the site prints amounts: thousands
   * separated, at least two decimals, a typographic minus. */
  function exactAmount(value) {
    var parts = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
    if (!parts) return "";
    var decimals = (parts[3] || "").padEnd(2, "0");
    var whole = parts[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (parts[1] ? "\u2212" : "") + whole + "." + decimals;
  }

  /* A printed table says once, in its column's heading, what each of its figures would
   * otherwise repeat: the figure's own link (its row's id and the column's data-key),
   * the unit it was printed in (data-printed-unit); the row number is a link to its row.
   * A figure's tooltip gives its exact value where two decimals shortened it, and the
   * text the document prints (data-p). */
  function setUpFigures(table) {
    if (!table.tHead || table.dataset.figuresReady) return;
    table.dataset.figuresReady = "1";
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        for (var i = 0; i < row.cells.length && i < heads.length; i += 1) {
          var cell = row.cells[i];
          var head = heads[i].dataset;
          if (row.id && head.key) cell.id = row.id + "-" + head.key;
          if (row.id && head.rowLinks !== undefined && !cell.querySelector("a")) {
            var to = document.createElement("a");
            to.href = "#" + row.id;
            to.textContent = cell.textContent;
            cell.textContent = "";
            cell.appendChild(to);
          }
          if (cell.dataset.sort === undefined || cell.classList.contains("missing")) continue;
          var tips = cell.title ? [cell.title] : [];
          var exact = cell.dataset.sort || "";
          if (exact.indexOf(".") >= 0 && exact.split(".")[1].length > 2) {
            tips.push("精确值 " + exactAmount(exact) + " " + (head.unit || "万元"));
          }
          if (cell.dataset.p) {
            tips.push("原文 " + cell.dataset.p + (head.printedUnit ? "（" + head.printedUnit + "）" : ""));
          }
          if (tips.length) cell.title = tips.join("；");
        }
      });
    });
  }

  /* A missing figure's tooltip: the table says it once, each such cell shows it. */
  function setUpMissingTips(table) {
    var tip = table.dataset.missingTip;
    if (!tip) return;
    Array.prototype.forEach.call(table.querySelectorAll("td.missing"), function (cell) {
      if (!cell.title) cell.title = tip;
    });
  }

  function setUpSorting(table) {
    if (table.dataset.sortReady) return;
    table.dataset.sortReady = "1";
    new Tablesort(table);
  }

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  /* A row shows when it contains the typed text and matches every drop-down filter. */
  function applyFilters(table) {
    var query = (table.dataset.query || "").trim().toLowerCase();
    var selects = document.querySelectorAll(
      '.fiscal-filters[data-filter-table="' + table.id + '"] select'
    );
    var shown = 0;
    rowsOf(table).forEach(function (row) {
      var visible = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
      Array.prototype.forEach.call(selects, function (select) {
        var cell = row.cells[Number(select.dataset.filterColumn)];
        if (select.value && (!cell || cell.textContent.trim() !== select.value)) visible = false;
      });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    var counter = document.querySelector('[data-filter-count="' + table.id + '"]');
    if (counter) counter.textContent = shown + " / " + rowsOf(table).length + " 行";
  }

  function setUpFilters(table) {
    if (!table.id || table.dataset.filterReady) return;
    table.dataset.filterReady = "1";
    var selects = document.querySelectorAll(
      '.fiscal-filters[data-filter-table="' + table.id + '"] select'
    );
    Array.prototype.forEach.call(selects, function (select) {
      select.addEventListener("change", function () { applyFilters(table); });
    });
    if (rowsOf(table).length < FILTER_FROM_ROWS && !selects.length) return;
    var bar = document.createElement("div");
    bar.className = "fiscal-search";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "在表中查找…";
    input.setAttribute("aria-label", "在表中查找");
    input.dataset.filterFor = table.id;
    var counter = document.createElement("span");
    counter.dataset.filterCount = table.id;
    bar.appendChild(input);
    bar.appendChild(counter);
    var holder = table.closest(".fiscal-table");
    holder.parentNode.insertBefore(bar, holder);
    input.addEventListener("input", function () {
      table.dataset.query = input.value;
      applyFilters(table);
    });
    applyFilters(table);
  }

  /* Category labels wrap, never cut: a cut label makes 部门 and 单位, or two years, look
   * alike. On a phone they take at most two fifths of the chart's width. */
  function barOption(spec, width) {
    var room = spec.horizontal ? Math.min(220, Math.max(96, width * 0.4)) : 90;
    var categories = {
      type: "category",
      data: spec.categories,
      inverse: !!spec.horizontal,
      axisLabel: { interval: 0, width: room, overflow: "break", lineHeight: 14 }
    };
    /* The unit is said in the axis name above the axis, where the grid leaves it room. */
    var values = {
      type: "value",
      name: "单位：" + spec.unit,
      nameLocation: "end",
      nameGap: spec.horizontal ? 8 : 16,
      nameTextStyle: spec.horizontal ? { align: "left" } : { align: "left", padding: [0, 0, 0, -8] },
      axisLabel: {
        hideOverlap: true,
        formatter: function (v) { return number.format(v).replace(/\.00$/, ""); }
      }
    };
    return {
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        renderMode: "richText",
        valueFormatter: function (v) { return formatAmount(v) + " " + spec.unit; }
      },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: spec.horizontal ? 72 : 32, top: 56, bottom: 8, containLabel: true },
      xAxis: spec.horizontal ? values : categories,
      yAxis: spec.horizontal ? categories : values,
      series: spec.series.map(function (s) {
        return {
          type: "bar",
          name: s.name,
          stack: s.stack || undefined,
          data: s.data,
          emphasis: { focus: "series" }
        };
      })
    };
  }

  function treemapOption(spec) {
    /* A block says what it is and how much; the name wraps inside the block. */
    function withAmount(info) {
      return info.name + "\n" + formatAmount(info.value) + " " + spec.unit;
    }
    return {
      tooltip: {
        renderMode: "richText",
        formatter: function (info) {
          return info.name + "\n" + formatAmount(info.value) + " " + spec.unit;
        }
      },
      series: [{
        type: "treemap",
        name: "全部",
        data: spec.data,
        leafDepth: 2,
        roam: false,
        breadcrumb: { show: true },
        upperLabel: { show: true, height: 22, formatter: withAmount },
        label: { show: true, overflow: "break", formatter: withAmount },
        levels: [
          { itemStyle: { borderWidth: 2, gapWidth: 2 } },
          { itemStyle: { borderWidth: 1, gapWidth: 1 } },
          { colorSaturation: [0.35, 0.6] }
        ]
      }]
    };
  }

  /* A map of China: provinces coloured by a count; a click opens the province's page. */
  function mapOption(spec) {
    var values = spec.data.map(function (d) { return d.value; });
    return {
      tooltip: {
        renderMode: "richText",
        formatter: function (info) {
          return info.name + "\n" + (info.value > 0 ? info.value + " " + spec.unit : "暂无");
        }
      },
      visualMap: {
        min: 0,
        max: Math.max.apply(null, values.concat([1])),
        left: 8,
        bottom: 8,
        text: ["多", "少"],
        calculable: false,
        inRange: { color: ["#e3f2e8", "#1b7a3a"] }
      },
      series: [{
        type: "map",
        map: "china",
        roam: false,
        label: { show: false },
        emphasis: { label: { show: true } },
        data: spec.data
      }]
    };
  }

  function optionFor(spec, width) {
    if (spec.type === "treemap") return treemapOption(spec);
    if (spec.type === "map") return mapOption(spec);
    return barOption(spec, width);
  }

  var charts = [];

  function drawCharts() {
    var holders = document.querySelectorAll(".fiscal-chart:not([data-drawn])");
    Array.prototype.forEach.call(holders, function (holder) {
      var data = document.getElementById(holder.dataset.chart);
      if (!data) return;
      var spec = JSON.parse(data.textContent);
      if (spec.type === "map") {
        if (!window.FISCAL_CHINA_GEO) return loadScript("vendor/china-geo.js", drawCharts);
        if (!echarts.getMap("china")) echarts.registerMap("china", window.FISCAL_CHINA_GEO);
      }
      var chart = echarts.init(holder, null, { renderer: "svg", locale: "ZH" });
      chart.setOption(optionFor(spec, holder.clientWidth));
      if (spec.links) {
        chart.on("click", function (info) {
          var target = spec.links[info.name];
          if (target) window.location.href = target;
        });
      }
      holder.dataset.drawn = "1";
      charts.push(chart);
    });
  }

  var loading = {};

  /* Load one of the site's own scripts once; call back when it has run. */
  function loadScript(name, then) {
    if (!loading[name]) {
      loading[name] = document.createElement("script");
      loading[name].src = assets + name;
      document.head.appendChild(loading[name]);
    }
    loading[name].addEventListener("load", then);
  }

  function setUpCharts() {
    if (!document.querySelector(".fiscal-chart")) return;
    if (window.echarts) return drawCharts();
    loadScript("vendor/echarts.min.js", drawCharts);
  }

  /* --- citing one figure ------------------------------------------------------------
   * A report page carries its citation facts (#fiscal-citation). Clicking a figure, or
   * opening a figure's link, writes that figure's whole citation into the citation box
   * and a panel at the bottom of the screen: what a reader copies needs nothing added. */
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function cellText(cell) { return cell ? cell.textContent.trim() : ""; }

  /* The heading (h2) of the section a table is in, without its permalink mark. */
  function sectionTitle(table) {
    var node = table.closest(".fiscal-table");
    while (node && node.tagName !== "H2") {
      node = node.previousElementSibling || (node.parentNode && node.parentNode.previousElementSibling);
    }
    if (!node) return "";
    var copy = node.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink"), function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  function columnIndex(table, label) {
    var cells = table.tHead.rows[0].cells;
    for (var i = 0; i < cells.length; i += 1) if (cellText(cells[i]) === label) return i;
    return -1;
  }

  function figureCitation(facts, cell) {
    var table = cell.closest("table");
    var row = cell.parentNode;
    var heading = table.tHead.rows[0].cells[cell.cellIndex];
    var code = cellText(row.cells[columnIndex(table, "编码")]);
    var name = cellText(row.querySelector("td.name"));
    var project = cellText(row.cells[columnIndex(table, "项目名称")]);
    var page = cellText(row.cells[row.cells.length - 1]);
    var unit = heading.dataset.unit || "万元";
    var caption = table.caption ? cellText(table.caption) : "";
    var where = location.href.split("#")[0];
    var document_url = facts.source_url ||
      (facts.copy ? new URL(facts.copy, where).href + (page ? "#page=" + page : "") : "");
    var label = (code ? code + " " : "") + name + (project ? "·" + project : "");
    return facts.publisher + "：《" + facts.title + "》，" + facts.year + " 年度" + facts.phase +
      "，" + sectionTitle(table) + (caption ? "（" + caption + "）" : "") +
      "，第 " + page + " 页，“" + label + "”" + cellText(heading) + "：" +
      cellText(cell) + (cell.classList.contains("missing") ? "（原文未列示）" : " " + unit) +
      "。" + (facts.source_url ? "原文网址：" : "原文件：") + document_url +
      "，访问日期 " + today() + "。数据引自“" + facts.dataset + "”，版本 " + facts.version +
      "，" + where + "#" + cell.id + "，" + facts.licence + "。";
  }

  function copyText(value, button) {
    function done() { button.textContent = "已复制"; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done, function () { fallbackCopy(value, done); });
    } else {
      fallbackCopy(value, done);
    }
  }

  /* Pages opened from disk have no clipboard API: copy from a selected text area. */
  function fallbackCopy(value, done) {
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { if (document.execCommand("copy")) done(); } catch (e) { /* left selected */ }
    area.remove();
  }

  function citationPanel() {
    var panel = document.getElementById("fiscal-cite-panel");
    if (panel) return panel;
    panel = document.createElement("div");
    panel.id = "fiscal-cite-panel";
    panel.className = "fiscal-cite-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "引用本数字");
    var quote = document.createElement("p");
    quote.className = "fiscal-cite-text";
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "md-button md-button--primary";
    copy.textContent = "复制引用";
    copy.dataset.copyCitation = "panel";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "md-button";
    close.textContent = "关闭";
    close.addEventListener("click", function () { panel.hidden = true; });
    copy.addEventListener("click", function () { copyText(quote.textContent, copy); });
    panel.appendChild(quote);
    panel.appendChild(copy);
    panel.appendChild(close);
    document.body.appendChild(panel);
    return panel;
  }

  function cite(facts, cell) {
    var citation = figureCitation(facts, cell);
    Array.prototype.forEach.call(document.querySelectorAll("td.fiscal-cited"), function (c) {
      c.classList.remove("fiscal-cited");
    });
    cell.classList.add("fiscal-cited");
    var box = document.querySelector("#citation .fiscal-cite-text");
    if (box) box.textContent = citation;
    var panel = citationPanel();
    panel.querySelector(".fiscal-cite-text").textContent = citation;
    panel.querySelector("[data-copy-citation]").textContent = "复制引用";
    panel.hidden = false;
  }

  function setUpCitation() {
    var data = document.getElementById("fiscal-citation");
    if (!data || data.dataset.ready) return;
    data.dataset.ready = "1";
    var facts = JSON.parse(data.textContent);
    var button = document.querySelector("#citation [data-copy-citation]");
    if (button) {
      button.addEventListener("click", function () {
        copyText(cellText(document.querySelector("#citation .fiscal-cite-text")), button);
      });
    }
    document.querySelector("article").addEventListener("click", function (event) {
      var cell = event.target.closest("table[data-fiscal] td[id]");
      if (!cell) return;
      history.replaceState(null, "", "#" + cell.id);
      cite(facts, cell);
    });
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target && target.tagName === "TD") {
      cite(facts, target);
      target.scrollIntoView({ block: "center" });
    }
  }

  function setUp() {
    if (window.Tablesort && !Tablesort.amountReady) {
      Tablesort.amountReady = true;
      Tablesort.extend("amount", function () { return false; }, compareAmounts);
    }
    var tables = document.querySelectorAll("article table[data-fiscal]");
    Array.prototype.forEach.call(tables, function (table) {
      setUpFigures(table);
      setUpMissingTips(table);
      setUpSorting(table);
      setUpFilters(table);
    });
    setUpCharts();
    setUpCitation();
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });

  if (window.document$) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();

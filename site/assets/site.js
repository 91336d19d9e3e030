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

  function barOption(spec) {
    var categories = {
      type: "category",
      data: spec.categories,
      inverse: !!spec.horizontal,
      axisLabel: { interval: 0, width: spec.horizontal ? 180 : 90, overflow: "truncate" }
    };
    var values = {
      type: "value",
      name: spec.unit,
      axisLabel: { formatter: function (v) { return number.format(v).replace(/\.00$/, ""); } }
    };
    return {
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        renderMode: "richText",
        valueFormatter: function (v) { return formatAmount(v) + " " + spec.unit; }
      },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
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
        upperLabel: { show: true, height: 22 },
        label: { show: true },
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

  function optionFor(spec) {
    if (spec.type === "treemap") return treemapOption(spec);
    if (spec.type === "map") return mapOption(spec);
    return barOption(spec);
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
      chart.setOption(optionFor(spec));
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

  function setUp() {
    if (window.Tablesort && !Tablesort.amountReady) {
      Tablesort.amountReady = true;
      Tablesort.extend("amount", function () { return false; }, compareAmounts);
    }
    var tables = document.querySelectorAll("article table[data-fiscal]");
    Array.prototype.forEach.call(tables, function (table) {
      setUpSorting(table);
      setUpFilters(table);
    });
    setUpCharts();
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

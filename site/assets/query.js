/* The SQL page: SQLite (sql.js, served from the site's own assets) over the published
 * database, in the reader's browser. Loaded by that page alone: the engine is large.
 *
 * Over http(s) the database is fetched; a page opened from disk (file://) may not fetch,
 * so it asks for the downloaded file instead and loads the engine whose WebAssembly is
 * inside its script. The site publishes the database gzip-compressed; it is inflated
 * here (DecompressionStream), and a file the reader has already unpacked is taken as is. Every value from the database is set as text, never as markup, and a
 * failed query is reported in the page, never thrown. */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : "";
  var vendor = here.slice(0, here.lastIndexOf("/") + 1) + "vendor/";
  var fromDisk = window.location.protocol === "file:";
  var SHOWN_ROWS = 1000; // more rows go into the CSV, not the page
  var BOM = "\ufeff";

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("无法加载 " + src)); };
      document.head.appendChild(script);
    });
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1) + " MB";
  }

  function message(error) {
    return error && error.message ? error.message : String(error);
  }

  /* The database file as bytes, read in pieces so the page can tell how far it got. */
  function download(url, progress) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + "：" + url);
      var size = Number(response.headers.get("Content-Length")) || 0;
      if (!response.body || !response.body.getReader) {
        return response.arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
      }
      var reader = response.body.getReader();
      var pieces = [];
      var received = 0;
      function next() {
        return reader.read().then(function (step) {
          if (step.done) return;
          pieces.push(step.value);
          received += step.value.length;
          progress(received, size);
          return next();
        });
      }
      return next().then(function () {
        var bytes = new Uint8Array(received);
        var at = 0;
        pieces.forEach(function (piece) { bytes.set(piece, at); at += piece.length; });
        return bytes;
      });
    });
  }

  /* The database's bytes: inflated if they are gzip (they start 1f 8b), else as they are. */
  function inflated(bytes) {
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(bytes);
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("此浏览器不能解压 .gz 文件，请先解压后选择"));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return new Uint8Array(buffer);
    });
  }

  function csvField(value) {
    if (value === null || value === undefined) return "";
    var shown = cellText(value);
    return /[",\r\n]/.test(shown) ? '"' + shown.replace(/"/g, '""') + '"' : shown;
  }

  function cellText(value) {
    if (value instanceof Uint8Array) {
      return Array.prototype.map.call(value, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
    }
    return String(value);
  }

  function setUp(root) {
    var status = root.querySelector(".fiscal-query-status");
    var chooser = root.querySelector(".fiscal-query-file");
    var box = root.querySelector(".fiscal-query-sql");
    var runButton = root.querySelector('[data-action="run"]');
    var csvButton = root.querySelector('[data-action="csv"]');
    var count = root.querySelector(".fiscal-query-count");
    var errorLine = root.querySelector(".fiscal-query-error");
    var output = root.querySelector(".fiscal-query-result");
    var examples = JSON.parse(document.getElementById("fiscal-query-examples").textContent);
    var fileName = root.dataset.fileName;
    var database = null;
    var waiting = false; // a run asked for before the database was open
    var result = null;

    function say(text) { status.textContent = text; }

    function showError(text) {
      errorLine.textContent = text;
      errorLine.hidden = false;
    }

    function clearResult() {
      result = null;
      csvButton.disabled = true;
      count.textContent = "";
      errorLine.hidden = true;
      errorLine.textContent = "";
      output.textContent = "";
    }

    /* The rows of the last statement that returns columns (a SELECT with no rows too). */
    function execute(sql) {
      var last = null;
      var statements = database.iterateStatements(sql);
      for (var statement of statements) {
        var columns = statement.getColumnNames();
        var rows = [];
        while (statement.step()) rows.push(statement.get());
        if (columns.length) last = { columns: columns, rows: rows };
      }
      return last;
    }

    function render(found) {
      var table = document.createElement("table"); // no class: the theme's table style
      var head = table.createTHead().insertRow();
      found.columns.forEach(function (name) {
        var th = document.createElement("th");
        th.textContent = name;
        head.appendChild(th);
      });
      var body = table.createTBody();
      found.rows.slice(0, SHOWN_ROWS).forEach(function (values) {
        var row = body.insertRow();
        values.forEach(function (value) {
          var cell = row.insertCell();
          if (value === null) {
            cell.className = "null";
            cell.textContent = "NULL";
          } else {
            if (typeof value === "number") cell.className = "num";
            cell.textContent = cellText(value);
          }
        });
      });
      var holder = document.createElement("div");
      holder.className = "fiscal-query-scroll";
      holder.appendChild(table);
      output.appendChild(holder);
    }

    function run() {
      if (!database) {
        waiting = true;
        say(fromDisk || !chooser.hidden ? "请先选择下载的 SQLite 文件。" : "数据库尚未载入，载入后即运行…");
        return;
      }
      clearResult();
      var sql = box.value;
      if (!sql.trim()) return showError("请输入 SQL 语句。");
      var found;
      try {
        found = execute(sql);
      } catch (error) {
        return showError("查询出错：" + message(error));
      }
      if (!found) {
        count.textContent = "语句已执行，没有返回结果。";
        return;
      }
      result = found;
      var total = found.rows.length;
      count.textContent = "共 " + total.toLocaleString("zh-CN") + " 行" +
        (total > SHOWN_ROWS ? "（页面显示前 " + SHOWN_ROWS + " 行，CSV 含全部）" : "");
      csvButton.disabled = false;
      render(found);
    }

    function downloadCsv() {
      if (!result) return;
      var lines = [result.columns.map(csvField).join(",")];
      result.rows.forEach(function (values) { lines.push(values.map(csvField).join(",")); });
      var blob = new Blob([BOM + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = "query-result.csv";
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    function opened(engine, bytes, from) {
      try {
        var candidate = new engine.Database(bytes);
        var tables = candidate.exec("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        database = candidate;
        say("已载入" + from + "（" + megabytes(bytes.length) + "，" + tables[0].values[0][0] +
          " 个表），可以查询。");
        root.dataset.ready = "1";
        if (waiting) {
          waiting = false;
          run();
        }
      } catch (error) {
        say("无法打开" + from + "：" + message(error));
      }
    }

    function offerFile(engine, why) {
      say(why + "请选择下载的 SQLite 文件（" + fileName + "）。");
      chooser.hidden = false;
      chooser.querySelector("input").addEventListener("change", function (event) {
        var file = event.target.files[0];
        if (!file) return;
        say("正在读取 " + file.name + "…");
        file.arrayBuffer().then(function (buffer) {
          return inflated(new Uint8Array(buffer));
        }).then(function (bytes) {
          opened(engine, bytes, "文件 " + file.name);
        }, function (error) {
          say("无法读取 " + file.name + "：" + message(error));
        });
      });
    }

    box.value = examples[Object.keys(examples)[0]] || "";
    runButton.addEventListener("click", run);
    csvButton.addEventListener("click", downloadCsv);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-example]"), function (button) {
      button.addEventListener("click", function () {
        box.value = examples[button.dataset.example];
        run();
      });
    });

    say("正在加载 SQLite 引擎…");
    var engine = loadScript(vendor + (fromDisk ? "sql-wasm-inline.js" : "sql-wasm.js"))
      .then(function () {
        return window.initSqlJs(fromDisk ? {} : {
          locateFile: function (file) { return vendor + file; }
        });
      });
    engine.then(function (sql) {
      if (fromDisk) return offerFile(sql, "本页从本地文件打开，浏览器不允许它直接读取数据库：");
      say("正在下载数据库…");
      download(root.dataset.database, function (received, size) {
        say("正在下载数据库… " + megabytes(received) + (size ? " / " + megabytes(size) : ""));
      }).then(inflated).then(function (bytes) {
        opened(sql, bytes, "数据库");
      }, function (error) {
        offerFile(sql, "无法下载数据库（" + message(error) + "）。");
      });
    }, function (error) {
      say("无法加载 SQLite 引擎：" + message(error));
    });
  }

  function start() {
    var root = document.getElementById("fiscal-query");
    if (root && !root.dataset.started) {
      root.dataset.started = "1";
      setUp(root);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

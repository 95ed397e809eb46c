/*
 * 名录表格的筛选与排序。
 *
 * Every table inside <div class="gx-directory" data-filters="列名,列名"> gets a keyword box,
 * one drop-down per named column (its distinct values) and sortable headers. A column also
 * named in data-multi="列名" holds several values per cell, separated by 、: its drop-down
 * offers each value, and a row matches when its cell holds the one chosen. Without
 * JavaScript the table is still complete and readable: this only hides and reorders rows.
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("zh-Hans-CN", { numeric: true, sensitivity: "base" });

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function setUp(container) {
    var table = container.querySelector("table");
    if (!table || table.dataset.gxReady) return;
    table.dataset.gxReady = "1";
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var names = (container.dataset.filters || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    var multi = (container.dataset.multi || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    function valuesOf(row, index, several) {
      var text = cellText(row, index);
      return several ? text.split("、").map(function (s) { return s.trim(); }).filter(Boolean) : [text];
    }

    var bar = document.createElement("div");
    bar.className = "gx-filter-bar";
    bar.setAttribute("role", "search");

    var keyword = document.createElement("input");
    keyword.type = "search";
    keyword.placeholder = "输入关键字筛选";
    keyword.setAttribute("aria-label", "按关键字筛选表格");
    keyword.className = "gx-filter-bar__keyword";
    bar.appendChild(keyword);

    var selects = [];
    names.forEach(function (name) {
      var index = headers.findIndex(function (th) { return th.textContent.trim() === name; });
      if (index < 0) return;
      var several = multi.indexOf(name) >= 0;
      var values = {};
      rows.forEach(function (row) {
        valuesOf(row, index, several).forEach(function (v) { if (v && v !== "—") values[v] = true; });
      });
      var select = document.createElement("select");
      select.setAttribute("aria-label", "按" + name + "筛选");
      select.dataset.column = index;
      if (several) select.dataset.multi = "1";
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "全部" + name;
      select.appendChild(all);
      Object.keys(values).sort(collator.compare).forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        select.appendChild(option);
      });
      bar.appendChild(select);
      selects.push(select);
    });

    var count = document.createElement("span");
    count.className = "gx-filter-bar__count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    container.insertBefore(bar, container.firstChild);

    function apply() {
      var words = keyword.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var visible = words.every(function (w) { return text.indexOf(w) >= 0; }) &&
          selects.every(function (s) {
            return !s.value || valuesOf(row, +s.dataset.column, !!s.dataset.multi).indexOf(s.value) >= 0;
          });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = "显示 " + shown + " / " + rows.length + " 条";
    }
    keyword.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    apply();

    headers.forEach(function (th, index) {
      if (!th.textContent.trim()) return;
      th.classList.add("gx-sortable");
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      th.title = "点击排序";
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.slice().sort(function (a, b) {
          var order = collator.compare(cellText(a, index), cellText(b, index));
          return ascending ? order : -order;
        }).forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".gx-directory"), setUp);
  }

  window.gaoxinOnEachPage(setUpAll);
})();

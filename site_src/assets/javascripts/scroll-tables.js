/*
 * 宽表格在手机上左右滑动：标明可以滑动，首列和状态列始终可见。
 *
 * mkdocs-material puts every plain table in a .md-typeset__scrollwrap box that scrolls sideways
 * when the table is wider than the page (the needs board on a 390 px phone). While a box
 * overflows, this marks it: class gx-scroll (what the browser tests allow to be wider than the
 * screen), a named region that the keyboard can reach and scroll (WCAG 2.1.1), a hint above it,
 * and classes saying on which side columns are hidden, which extra.css shows as shadows. extra.css
 * also keeps the first column and the status column (the one whose cells hold a .gx-status
 * badge, marked gx-keep here) in view while the rest scrolls. Without JavaScript the tables
 * still scroll as Material made them.
 */
(function () {
  "use strict";

  var boxes = [];

  function heading(box) {
    for (var node = box; node && !node.classList.contains("md-content__inner"); node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-4]$/.test(before.tagName)) return before.textContent.replace("¶", "").trim();
      }
    }
    return "";
  }

  function markStatusColumn(table) {
    var row = table.tBodies[0] && table.tBodies[0].rows[0];
    if (!row) return false;
    var index = Array.prototype.findIndex.call(row.cells, function (cell) {
      return cell.querySelector(".gx-status");
    });
    if (index < 1) return false; // none, or already the first column
    Array.prototype.forEach.call(table.rows, function (each) {
      if (each.cells[index]) each.cells[index].classList.add("gx-keep");
    });
    return true;
  }

  function update(box) {
    var overflowing = box.scrollWidth > box.clientWidth + 1;
    var wasOverflowing = box.classList.contains("gx-scroll");
    box.classList.toggle("gx-scroll", overflowing);
    box.classList.toggle("gx-scroll--left", overflowing && box.scrollLeft > 1);
    box.classList.toggle("gx-scroll--right", overflowing && box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
    box.gxHint.hidden = !overflowing;
    if (overflowing === wasOverflowing) return;
    if (overflowing) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", box.gxLabel);
      box.tabIndex = 0;
    } else {
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      box.removeAttribute("tabindex");
    }
  }

  function setUp(box) {
    if (box.gxHint) return;
    var table = box.querySelector("table");
    if (!table) return;
    var name = heading(box);
    box.gxLabel = (name ? name + "：" : "") + "表格，可左右滑动";
    box.classList.toggle("gx-scroll--kept", markStatusColumn(table));
    var hint = document.createElement("p");
    hint.className = "gx-scroll-hint";
    hint.setAttribute("aria-hidden", "true"); // the region's name says it
    hint.textContent = "表格较宽，左右滑动可查看其余各列 ⇆";
    box.parentNode.insertBefore(hint, box);
    box.gxHint = hint;
    box.addEventListener("scroll", function () { update(box); }, { passive: true });
    // Filtering a directory (directory.js) changes the table's width without resizing the window.
    if (window.ResizeObserver) new ResizeObserver(function () { update(box); }).observe(table);
    boxes.push(box);
    update(box);
  }

  function setUpAll() {
    boxes = boxes.filter(function (box) { return document.contains(box); });
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), setUp);
  }

  window.addEventListener("resize", function () { boxes.forEach(update); });

  window.gaoxinOnEachPage(setUpAll);
})();

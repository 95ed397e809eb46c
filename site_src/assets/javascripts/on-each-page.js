/*
 * 每显示一页运行一次：页面脚本（directory.js、scroll-tables.js）的共同入口。
 *
 * mkdocs-material announces every page it shows on document$, also the pages its instant
 * loading brings in without a reload; without Material (or before its script) a plain page
 * load is the only one.
 */
window.gaoxinOnEachPage = function (setUp) {
  "use strict";
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
};

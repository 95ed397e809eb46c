/*
 * 搜索结果中不留看不见的字符。
 *
 * mkdocs-material's search plugin cuts Chinese with jieba and marks each word boundary in the
 * search index with a zero-width space (U+200B); its result list shows the indexed title and
 * text as they are, so copying a result title would copy those characters too. The plugin has
 * no setting for the mark (it is how the browser finds the words), so the marks are removed
 * from each result as it is shown. Searching itself is unchanged.
 */
(function () {
  "use strict";

  var MARK = /\u200b/g;

  function clean(node) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (var text = walker.nextNode(); text; text = walker.nextNode()) {
      if (text.data.indexOf("\u200b") !== -1) text.data = text.data.replace(MARK, "");
    }
  }

  var list = document.querySelector(".md-search-result__list");
  if (!list || !window.MutationObserver) return;
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(clean);
    });
  }).observe(list, { childList: true, subtree: true });
})();

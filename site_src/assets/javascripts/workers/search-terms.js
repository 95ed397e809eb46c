/*
 * 搜索：查到的页面不显示“缺少”，结果数不虚高。
 *
 * The site's search worker is mkdocs-material's own (its file name is given as ?material=…
 * by site_src/overrides/main.html), loaded here with two corrections for Chinese queries:
 *
 * 1. Material cuts a Chinese query into the words of its index and joins them with "* " before
 *    adding its own "*" to every term, so a term reaches its analysis as 平顶山** and keeps one
 *    "*" after Material strips the wildcard. No page holds the word 平顶山*, so every page is
 *    shown as missing it ("缺少: 平顶山* 鑫材* …", struck through) and loses the ranking boost
 *    for matched words. Repeated trailing "*" are one wildcard: lunr's query is told so.
 * 2. The words Material cuts a query into are looked up with OR: typing an enterprise's full
 *    name lists every page with 平顶山 or 有限公司 in it (84 results on the sample). When some
 *    result pages hold what was typed (each part between spaces, as typed), only those pages
 *    are results, and nothing is marked missing on them: the cut words are the index's guesses
 *    (智能电网 comes back as 智, 智能, 能电), not what the visitor typed. Otherwise the OR
 *    results stay, each with its "缺少" line.
 *
 * This file lives beside Material's worker because that worker loads its language files from
 * "../lunr", relative to the worker script that was started.
 */
"use strict";

(function () {
  var material = new URLSearchParams(self.location.search).get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("search-terms.js: ?material= must name mkdocs-material's search worker");
  }

  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var pageText = {}; // page location → its title and text as a visitor reads them, lower case
  var typed = []; // the parts of the query being answered

  function page(location) {
    return location.split("#")[0];
  }

  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/\u200b/g, "").toLowerCase();
  }

  function remember(docs) {
    pageText = {};
    docs.forEach(function (doc) {
      var key = page(doc.location);
      pageText[key] = (pageText[key] || "") + " " + plain(doc.title) + " " + plain(doc.text);
    });
  }

  function parts(query) {
    return String(query).toLowerCase().split(/\s+/)
      .filter(function (part) { return part && part.charAt(0) !== "-"; })
      .map(function (part) { return part.replace(/^[+]|["*]|[~^]\d*$/g, ""); })
      .filter(Boolean);
  }

  function holdsWhatWasTyped(group) {
    var text = pageText[page(group[0].location)] || "";
    return typed.length > 0 && typed.every(function (part) { return text.indexOf(part) !== -1; });
  }

  function nothingMissing(item) {
    var found = {};
    Object.keys(item.terms || {}).forEach(function (term) { if (item.terms[term]) found[term] = true; });
    item.terms = found;
  }

  function typedPagesOnly(message) {
    if (!message || message.type !== RESULT || !message.data || !message.data.items) return message;
    var holding = message.data.items.filter(holdsWhatWasTyped);
    if (!holding.length) return message;
    holding.forEach(function (group) { group.forEach(nothingMissing); });
    message.data.items = holding;
    return message;
  }

  // Registered before Material's own listener, so it sees each message first.
  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP && message.data && message.data.docs) remember(message.data.docs);
    if (message.type === QUERY) typed = parts(message.data);
  });

  var post = self.postMessage.bind(self);
  self.postMessage = function (message, transfer) {
    return post(typedPagesOnly(message), transfer);
  };

  importScripts(material);

  var clause = self.lunr.Query.prototype.clause;
  self.lunr.Query.prototype.clause = function (options) {
    if (typeof options.term === "string") options.term = options.term.replace(/\*{2,}$/, "*");
    return clause.call(this, options);
  };
})();

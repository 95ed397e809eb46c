/*
 * 在线填写, part 1: dates, the validator's checks, the YAML writer, and the field widgets.
 * Part 2 (record-form.js) puts them together into one form per record kind.
 */
(function () {
  "use strict";

  // ---- dates (the format: calendar months, a missing day clamps to the month's end) ----

  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return null;
    var y = +match[1], m = +match[2], d = +match[3];
    if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
    return { y: y, m: m, d: d };
  }
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function iso(y, m, d) { return String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0"); }
  function addMonths(text, months) {
    var day = parseDate(text), index = day.y * 12 + (day.m - 1) + months;
    var y = Math.floor(index / 12), m = index % 12 + 1;
    return iso(y, m, Math.min(day.d, daysIn(y, m)));
  }
  function addDays(text, days) {
    var day = parseDate(text), moved = new Date(Date.UTC(day.y, day.m - 1, day.d + days));
    return iso(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
  }
  function todayInShanghai() { return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); }
  function quarterBounds(y, q) { var first = iso(y, 3 * q - 2, 1); return [first, addDays(addMonths(first, 3), -1)]; }
  function quartersOverlapping(first, last) {
    var out = [], y = +first.slice(0, 4), q = Math.floor((+first.slice(5, 7) - 1) / 3) + 1;
    while (quarterBounds(y, q)[0] <= last) {
      out.push({ name: y + "Q" + q, label: y + "年第" + q + "季度", bounds: quarterBounds(y, q) });
      if (q === 4) { y += 1; q = 1; } else { q += 1; }
    }
    return out;
  }

  // ---- checks shared with the validator (generator/catalog.py) ----

  // GB 32100-2015: 31 characters (no I, O, Z, S, V); weights 3^i mod 31.
  var CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  function creditCodeProblem(code) {
    if (code.length !== 18) return "统一社会信用代码应为18位，现在是 " + code.length + " 位";
    var bad = Array.from(new Set(code.split("").filter(function (c) { return CREDIT_ALPHABET.indexOf(c) < 0; })));
    if (bad.length) return "统一社会信用代码含有不允许的字符 " + bad.join("") + "（只能用数字和除 I、O、Z、S、V 外的大写字母）";
    var total = 0;
    for (var i = 0; i < 17; i++) total += CREDIT_ALPHABET.indexOf(code[i]) * CREDIT_WEIGHTS[i];
    var expected = CREDIT_ALPHABET[(31 - total % 31) % 31];
    if (code[17] !== expected) return "统一社会信用代码校验位错误：第18位应为 " + expected + "，现在是 " + code[17] + "，请核对营业执照";
    return null;
  }

  // privacy.pii: records are public; no mobile numbers, resident ID numbers or e-mail addresses.
  var FOLD = { "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9", "＋": "+", "－": "-", "＠": "@", "．": ".", "　": " ", "Ｘ": "X", "ｘ": "x" };
  var MOBILE = /(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?!\d)/;
  var RESIDENT_ID = /(?<![0-9A-Za-z])(\d{6})[ -]?(\d{8})[ -]?(\d{3}[\dXx])(?![0-9A-Za-z])/g;
  var EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  function validResidentId(number) {
    var born = parseDate(number.slice(6, 10) + "-" + number.slice(10, 12) + "-" + number.slice(12, 14));
    if (!born || born.y < 1900) return false;
    var total = 0;
    for (var i = 0; i < 17; i++) total += +number[i] * ID_WEIGHTS[i];
    return "10X98765432"[total % 11] === number[17].toUpperCase();
  }
  function piiProblem(text) {
    var folded = text.replace(/[０-９＋－＠．　Ｘｘ]/g, function (c) { return FOLD[c]; });
    var kind = null;
    if (MOBILE.test(folded)) kind = "手机号码";
    else if (Array.from(folded.matchAll(RESIDENT_ID)).some(function (m) { return validResidentId(m[1] + m[2] + m[3]); })) kind = "居民身份证号码";
    else if (EMAIL.test(folded)) kind = "电子邮件地址";
    return kind && "含有" + kind + "：记录默认公开，不得填写个人联系方式或证件号码，请删除";
  }

  // ---- YAML: every string double-quoted with JSON escapes, dates bare, lists in block style ----

  function quote(text) {
    // A lone surrogate cannot be written as UTF-8; JSON.stringify escapes what JSON must, and the
    // rest YAML 1.1 would read as a line break (U+0085, U+2028, U+2029) or refuse (C1 controls).
    var clean = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/g, "\ufffd");
    return JSON.stringify(clean).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  function yamlLines(fields, value, indent) {
    var pad = " ".repeat(indent), lines = [];
    fields.forEach(function (field) {
      var v = value[field.key];
      if (v === undefined) return;
      if (field.type === "group") {
        lines.push(pad + field.key + ":");
        lines.push.apply(lines, yamlLines(field.fields, v, indent + 2));
      } else if (field.type === "items") {
        lines.push(pad + field.key + ":");
        v.forEach(function (item) {
          var inner = yamlLines(field.fields, item, indent + 4);
          if (!inner.length) inner = [pad + "    {}"];
          lines.push(pad + "  - " + inner[0].slice(indent + 4));
          lines.push.apply(lines, inner.slice(1));
        });
      } else if (field.type === "lines") {
        lines.push(pad + field.key + ":");
        v.forEach(function (item) { lines.push(pad + "  - " + quote(item)); });
      } else if (field.type === "integer") {
        lines.push(pad + field.key + ": " + (Number.isSafeInteger(v) ? String(v) : quote(String(v))));
      } else if (field.type === "date") {
        lines.push(pad + field.key + ": " + (parseDate(v) ? v : quote(v)));
      } else {
        lines.push(pad + field.key + ": " + quote(v));
      }
    });
    return lines;
  }

  // ---- small DOM helpers ----

  var serial = 0;
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else if (attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function lookup(data, where) { return where.split(".").reduce(function (node, key) { return node && node[key]; }, data); }

  // ---- one field: an input, its help and its messages ----

  function Field(form, spec, path, parent) {
    this.form = form; this.spec = spec; this.path = path; this.parent = parent; this.touched = false;
    var id = "rf-" + (++serial);
    this.box = el("div", { className: "rf-field rf-" + spec.type, "data-path": path });
    var label = el("label", { for: id, text: spec.title });
    label.appendChild(el("span", { className: spec.required ? "rf-required" : "rf-optional", text: spec.required ? "必填" : "选填" }));
    this.box.appendChild(label);
    this.input = this.makeInput(id);
    this.box.appendChild(this.input);
    var help = spec.help || "";
    if (spec.type === "lines" && help.indexOf("每行") < 0) help = (help ? help + "；" : "") + "每行写一项";
    if (spec.type === "markdown" && help.indexOf("换行") < 0) help = (help ? help + "；" : "") + "可以换行分段";
    if (help) this.box.appendChild(el("p", { className: "rf-help", id: id + "-help", text: help }));
    this.messages = el("p", { className: "rf-messages", id: id + "-messages", "aria-live": "polite" });
    this.box.appendChild(this.messages);
    this.input.setAttribute("aria-describedby", (help ? id + "-help " : "") + id + "-messages");
    var self = this;
    ["input", "change"].forEach(function (type) {
      self.input.addEventListener(type, function () { self.touched = true; form.update(); });
    });
    this.input.addEventListener("blur", function () { self.touched = true; form.update(); });
  }

  Field.prototype.makeInput = function (id) {
    var spec = this.spec, choices = spec.options || (spec.choices && lookup(this.form.data, spec.choices));
    if (spec.fixed) return el("input", { id: id, type: "text", value: spec.fixed, readonly: "readonly" });
    if (spec.type === "period") return el("select", { id: id }, [el("option", { value: "", text: "请先选择协议" })]);
    if (choices && !spec.open) {
      var select = el("select", { id: id }, [el("option", { value: "", text: "请选择" })]);
      if (Array.isArray(choices)) choices.forEach(function (c) { select.appendChild(el("option", { value: c, text: c })); });
      else Object.keys(choices).forEach(function (key) {
        var value = choices[key];
        if (Array.isArray(value)) {
          select.appendChild(el("optgroup", { label: key }, value.map(function (c) { return el("option", { value: c, text: c }); })));
        } else {
          var label = typeof value === "object" ? value.label : value;
          select.appendChild(el("option", { value: key, text: label + "（" + key + "）" }));
        }
      });
      return select;
    }
    if (choices) {
      var list = el("datalist", { id: id + "-choices" }, choices.map(function (c) { return el("option", { value: c }); }));
      this.form.root.appendChild(list);
      return el("input", { id: id, type: "text", list: id + "-choices", autocomplete: "off" });
    }
    if (spec.type === "markdown" || spec.type === "lines") return el("textarea", { id: id, rows: spec.type === "lines" ? 3 : 5 });
    if (spec.type === "date") return el("input", { id: id, type: "date", min: "2000-01-01", max: "2099-12-31" });
    if (spec.type === "integer") return el("input", { id: id, type: "number", min: spec.minimum, step: 1, inputmode: "numeric" });
    return el("input", { id: id, type: "text", autocomplete: "off" });
  };

  /* The value as the record will hold it, or undefined when left empty. */
  Field.prototype.read = function () {
    var raw = this.input.value, spec = this.spec;
    if (spec.type === "lines") {
      var items = raw.split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
      if (spec.key === "maintainers") items = items.map(function (login) { return login.replace(/^@/, ""); });
      return items.length ? items : undefined;
    }
    if (spec.type === "markdown") raw = raw.replace(/\s+$/, "");
    else raw = raw.trim();
    if (spec.check === "credit-code") raw = raw.replace(/\s+/g, "").toUpperCase();
    if (raw === "") return undefined;
    if (spec.type === "integer") return /^\d+$/.test(raw) ? Number(raw) : raw;
    return raw;
  };
  Field.prototype.write = function (value) {
    if (value === undefined || this.spec.fixed) return;
    this.input.value = Array.isArray(value) ? value.join("\n") : String(value);
  };

  /* What the schema alone says about this value. */
  Field.prototype.problems = function (value) {
    var spec = this.spec, out = [];
    if (value === undefined) {
      if (spec.required && (!this.parent || this.parent.needed())) {
        out.push((this.input.tagName === "SELECT" ? "请选择" : "请填写") + spec.title);
      }
      return out;
    }
    var texts = Array.isArray(value) ? value : [value];
    if (spec.type === "integer") {
      if (typeof value !== "number" || !Number.isSafeInteger(value) || value < (spec.minimum || 0)) out.push("应为不小于 " + (spec.minimum || 0) + " 的整数");
      return out;
    }
    if (spec.type === "date") {
      var day = parseDate(value);
      if (!day) out.push("日期 " + value + " 不存在，请按 年-月-日 填写真实日期");
      else if (value < "2000-01-01" || value > "2099-12-31") out.push("日期应在 2000-01-01 至 2099-12-31 之间");
      return out;
    }
    if (spec.min_items && texts.length < spec.min_items) out.push("至少填写 " + spec.min_items + " 项");
    if (spec.max_items && texts.length > spec.max_items) out.push("最多 " + spec.max_items + " 项，现有 " + texts.length + " 项");
    if (spec.max_length) texts.forEach(function (t) {
      var length = Array.from(t).length;  // characters, as the validator counts them (not UTF-16 units)
      if (length > spec.max_length) out.push("太长：最多 " + spec.max_length + " 个字符，现有 " + length + " 个字符");
    });
    if (spec.pattern) {
      var re = new RegExp(spec.pattern);
      var bad = texts.filter(function (t) { return !re.test(t); });
      if (bad.length && spec.key === "maintainers") out.push("不是 " + this.form.forgeName() + " 账号：" + bad.join("、") + "（用户名只能有字母、数字、连字符、下划线和点）");
      else if (bad.length && spec.pattern === "^[a-z0-9][a-z0-9-]{0,63}$") out.push("应为记录 id：小写字母、数字和连字符");
      else if (bad.length && spec.key === "website") out.push("网址应以 http:// 或 https:// 开头，不含空格和中文等须编码的字符：请直接复制浏览器地址栏中的网址");
      else if (bad.length) out.push("不能只有空白，也不能含有看不见的字符（如零宽空格、从右到左覆盖符）");
    }
    if ((spec.choices || spec.options) && !spec.open && !spec.fixed) {
      var allowed = spec.options || this.form.allowed(spec.choices);
      texts.forEach(function (t) { if (allowed.indexOf(t) < 0) out.push("“" + t + "”不在可选范围内"); });
    }
    texts.forEach(function (t) { var pii = piiProblem(t); if (pii && out.indexOf(pii) < 0) out.push(pii); });
    if (spec.check === "credit-code") { var credit = creditCodeProblem(value); if (credit) out.push(credit); }
    return out;
  };

  Field.prototype.show = function (errors, warnings, reveal) {
    var visible = reveal || this.touched;
    this.messages.textContent = "";
    var shownErrors = visible ? errors : [];
    shownErrors.forEach(function (text) { this.messages.appendChild(el("span", { className: "rf-error", text: text })); }, this);
    warnings.forEach(function (text) { this.messages.appendChild(el("span", { className: "rf-warning", text: text })); }, this);
    this.box.classList.toggle("rf-invalid", shownErrors.length > 0);
    this.input.setAttribute("aria-invalid", shownErrors.length > 0 ? "true" : "false");
  };

  // ---- a group of fields (the record, `filing`, `outcomes`, one work item) ----
  // A required field is required only where its group is: an optional group (`extended`) or an optional
  // list's item (a problem) left empty asks for nothing.

  function Group(form, fields, prefix, container, parent, owner) {
    this.form = form; this.parts = []; this.parent = parent; this.owner = owner;
    fields.forEach(function (spec) {
      var path = prefix + spec.key, part;
      if (spec.type === "group") {
        var box = el("fieldset", { className: "rf-group" }, [el("legend", { text: spec.title + (spec.required ? "" : "（选填）") })]);
        if (spec.help) box.appendChild(el("p", { className: "rf-help", text: spec.help }));
        container.appendChild(box);
        part = new Group(form, spec.fields, path + ".", box, this);
      } else if (spec.type === "items") {
        part = new Items(form, spec, path, container, this);
      } else {
        part = new Field(form, spec, path, this);
        container.appendChild(part.box);
      }
      part.spec = spec;
      this.parts.push(part);
    }, this);
  }
  Group.prototype.read = function () {
    var out = {}, any = false;
    this.parts.forEach(function (part) { var v = part.read(); if (v !== undefined) { out[part.spec.key] = v; any = true; } });
    return any ? out : undefined;
  };
  Group.prototype.write = function (value) {
    this.parts.forEach(function (part) { if (value && value[part.spec.key] !== undefined) part.write(value[part.spec.key]); });
  };
  Group.prototype.fields = function () {
    return this.parts.reduce(function (all, part) { return all.concat(part.fields ? part.fields() : [part]); }, []);
  };
  Group.prototype.needed = function () {
    if (this.owner) return this.owner.neededItem(this); // one item of a list
    if (!this.parent) return true; // the record itself
    return (this.spec.required || this.read() !== undefined) && this.parent.needed();
  };
  Group.prototype.problems = function (value) {
    var spec = this.spec;
    return value === undefined && spec && spec.required && this.parent.needed() ? ["请填写" + spec.title] : [];
  };

  // ---- a list of groups (work items) with add and remove buttons ----

  function Items(form, spec, path, container, parent) {
    this.form = form; this.spec = spec; this.path = path; this.parent = parent; this.groups = [];
    this.box = el("fieldset", { className: "rf-items", "data-path": path }, [el("legend", { text: spec.title })]);
    if (spec.help) this.box.appendChild(el("p", { className: "rf-help", text: spec.help }));
    this.list = el("div", { className: "rf-item-list" });
    this.messages = el("p", { className: "rf-messages", "aria-live": "polite" });
    var add = el("button", { type: "button", className: "md-button rf-add", text: "＋ 添加一项" + spec.title });
    var self = this;
    add.addEventListener("click", function () { self.add(); form.update(); });
    this.box.appendChild(this.list);
    this.box.appendChild(this.messages);
    this.box.appendChild(add);
    container.appendChild(this.box);
    for (var i = 0; i < Math.max(1, spec.min_items || 0); i++) this.add();
  }
  Items.prototype.add = function () {
    var box = el("fieldset", { className: "rf-item" }), self = this;
    var legend = el("legend", { text: this.spec.title + " " + (this.groups.length + 1) });
    box.appendChild(legend);
    var group = new Group(this.form, this.spec.fields, this.path + "[" + this.groups.length + "].", box, this.parent, this);
    var remove = el("button", { type: "button", className: "rf-remove", text: "删除这一项" });
    remove.addEventListener("click", function () {
      self.groups.splice(self.groups.indexOf(group), 1);
      self.list.removeChild(box);
      self.renumber();
      self.form.update();
    });
    box.appendChild(remove);
    group.box = box;
    this.groups.push(group);
    this.list.appendChild(box);
    return group;
  };
  Items.prototype.renumber = function () {
    this.groups.forEach(function (group, index) {
      group.box.querySelector("legend").textContent = this.spec.title + " " + (index + 1);
      group.fields().forEach(function (field) {
        field.path = field.path.replace(/\[\d+\]/, "[" + index + "]");
        if (field.box) field.box.setAttribute("data-path", field.path);
      });
    }, this);
  };
  Items.prototype.neededItem = function (group) {
    var first = this.groups.indexOf(group) < Math.max(1, this.spec.min_items || 0);
    return group.read() !== undefined || (this.spec.required && first && this.parent.needed());
  };
  Items.prototype.read = function () {
    var items = this.groups.map(function (g) { return g.read(); }).filter(function (v) { return v !== undefined; });
    return items.length ? items : undefined;
  };
  Items.prototype.write = function (value) {
    while (this.groups.length < value.length) this.add();
    value.forEach(function (item, index) { this.groups[index].write(item); }, this);
  };
  Items.prototype.fields = function () {
    return [this].concat(this.groups.reduce(function (all, g) { return all.concat(g.fields()); }, []));
  };
  Items.prototype.problems = function (value) {
    var n = value ? value.length : 0;
    if ((this.spec.required || n) && n < (this.spec.min_items || 0)) return ["至少填写 " + this.spec.min_items + " 项" + this.spec.title];
    return [];
  };
  Items.prototype.show = function (errors, warnings, reveal) {
    this.messages.textContent = "";
    (reveal ? errors : []).forEach(function (text) { this.messages.appendChild(el("span", { className: "rf-error", text: text })); }, this);
  };

  window.GaoxinRecordForm = {
    Field: Field, Group: Group, Items: Items, el: el, lookup: lookup, quote: quote, yamlLines: yamlLines,
    parseDate: parseDate, addDays: addDays, addMonths: addMonths, todayInShanghai: todayInShanghai,
    quartersOverlapping: quartersOverlapping, creditCodeProblem: creditCodeProblem, piiProblem: piiProblem,
  };
})();

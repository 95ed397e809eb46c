/*
 * 在线填写, part 2: one form per record kind (doctor, enterprise, agreement, quarterly report, need, visit, support).
 *
 * Fields, help and choices come from assets/forms.json, written by the site build from the
 * JSON Schemas, policy.yml and the records (generator/site/forms.py). The validator's checks that
 * can run while someone types run here; `gaoxin validate` on the pull request stays the judge.
 * No server, no library, no network: the record is built in the page, then copied,
 * downloaded, or handed to the new-file page of the records repository on its forge
 * (GitHub, GitLab, Gitea or Forgejo: forms.json `repository.new_file`, from generator/forge.py).
 *
 * A page holds <div class="record-form" data-kind="doctor"></div> and loads
 * record-form-fields.js, then this script.
 */
(function () {
  "use strict";

  var R = window.GaoxinRecordForm, el = R.el;
  var DATA_URL = new URL("../forms.json", document.currentScript.src).href;
  var ID_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$";
  var MAX_URL = 8000; // longer links to a forge's new-file page fail: copy instead

  function Messages() { this.byPath = {}; }
  Messages.prototype.add = function (path, level, text) {
    var entry = this.byPath[path] || (this.byPath[path] = { errors: [], warnings: [] });
    entry[level === "error" ? "errors" : "warnings"].push(text);
  };
  Messages.prototype.error = function (path, text) { this.add(path, "error", text); };
  Messages.prototype.warning = function (path, text) { this.add(path, "warning", text); };
  Messages.prototype.at = function (path) { return this.byPath[path] || { errors: [], warnings: [] }; };

  function RecordForm(root, data, kind) {
    this.root = root; this.data = data; this.kind = kind; this.spec = data.forms[kind];
    this.reveal = false; this.storageKey = "gaoxin-record-form:" + kind;
    root.textContent = "";
    var form = el("form", { className: "rf-form", novalidate: "novalidate" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.appendChild(form);
    var place = el("fieldset", { className: "rf-group rf-place" }, [el("legend", { text: "保存位置" })]);
    form.appendChild(place);
    this.place = this.makePlace(place);
    this.record = new R.Group(this, this.spec.fields, "", form);
    form.appendChild(this.makeOutput());
    this.restore();
    this.update();
  }

  /* The file name: a record id, or for a report its agreement and quarter. */
  RecordForm.prototype.makePlace = function (box) {
    var spec = this.spec, fields = {};
    if (spec.id === "period") {
      fields.agreement = new R.Field(this, { key: "agreement", title: "协议", required: true, type: "text",
        help: "报送属于哪一份合作协议（博士 · 入驻企业）", choices: "records.agreements" }, "@agreement");
      fields.period = new R.Field(this, { key: "period", title: "季度", required: true, type: "period", help: spec.id_help }, "@period");
      var self = this;
      fields.agreement.input.addEventListener("change", function () { self.fillQuarters(); self.update(); });
    } else {
      fields.id = new R.Field(this, { key: "id", title: "文件名（记录 id）", required: true, type: "text",
        help: spec.id_help, pattern: ID_PATTERN }, "@id");
      if (this.kind === "agreement") fields.id.input.placeholder = this.nextAgreementId();
    }
    Object.keys(fields).forEach(function (key) { box.appendChild(fields[key].box); });
    return fields;
  };

  RecordForm.prototype.fillQuarters = function () {
    var agreement = this.data.records.agreements[this.place.agreement.read()];
    var select = this.place.period.input, chosen = select.value, taken = this.data.records.taken.reports || [];
    var id = this.place.agreement.read();
    select.textContent = "";
    select.appendChild(el("option", { value: "", text: agreement ? "请选择" : "请先选择协议" }));
    if (!agreement) return;
    R.quartersOverlapping(agreement.start, agreement.end).forEach(function (quarter) {
      var done = taken.indexOf(id + "/" + quarter.name) >= 0;
      select.appendChild(el("option", { value: quarter.name, text: quarter.label + "（" + quarter.name + "）" + (done ? " · 已报送" : "") }));
    });
    select.value = chosen;
  };

  RecordForm.prototype.nextAgreementId = function () {
    var year = R.todayInShanghai().slice(0, 4), highest = 0;
    (this.data.records.taken.agreements || []).forEach(function (id) {
      var match = new RegExp("^a" + year + "-(\\d+)$").exec(id);
      if (match) highest = Math.max(highest, +match[1]);
    });
    return "a" + year + "-" + String(highest + 1).padStart(3, "0");
  };

  /* The values a choice field accepts, from forms.json. */
  RecordForm.prototype.allowed = function (where) {
    var choices = R.lookup(this.data, where);
    if (Array.isArray(choices)) return choices;
    return Object.keys(choices).reduce(function (all, key) {
      return all.concat(Array.isArray(choices[key]) ? choices[key] : [key]);
    }, []);
  };

  RecordForm.prototype.makeOutput = function () {
    var box = el("section", { className: "rf-output", "aria-label": "生成的记录" });
    this.status = el("div", { className: "rf-status", role: "status" });
    this.showAll = el("button", { type: "button", className: "md-button rf-show-all", text: "显示全部问题" });
    this.where = el("p", { className: "rf-where" });
    // The record can be longer than its box: the keyboard must reach it to scroll (WCAG 2.1.1).
    this.preview = el("pre", { className: "rf-yaml" }, [el("code", { tabindex: "0", "aria-label": "生成的记录内容" })]);
    this.copyButton = el("button", { type: "button", className: "md-button", text: "复制内容" });
    this.downloadButton = el("button", { type: "button", className: "md-button", text: "下载文件" });
    this.forgeLink = el("a", { className: "md-button md-button--primary rf-new-file", target: "_blank", rel: "noopener",
      text: this.spec.submit === "issue" ? "提交给工作人员录入" : "在 " + this.forgeName() + " 上创建文件" });
    this.note = el("p", { className: "rf-note" });
    var reset = el("button", { type: "button", className: "rf-reset", text: "清空表单" });
    var self = this;
    this.showAll.addEventListener("click", function () { self.reveal = true; self.update(); self.focusFirstProblem(); });
    this.copyButton.addEventListener("click", function () { self.copy(); });
    this.downloadButton.addEventListener("click", function () { self.download(); });
    reset.addEventListener("click", function () {
      if (window.confirm("清空本表单已填写的全部内容？")) { self.forget(); window.location.reload(); }
    });
    [el("h2", { text: "生成的记录" }), this.status, this.showAll, this.where, this.preview,
      el("div", { className: "rf-actions" }, [this.forgeLink, this.copyButton, this.downloadButton]), this.note, reset]
      .forEach(function (node) { box.appendChild(node); });
    return box;
  };

  /* Read every field, check everything, show the messages and the record. */
  RecordForm.prototype.update = function () {
    var value = this.record.read() || {}, messages = new Messages(), place = this.readPlace();
    var fields = this.record.fields().concat(Object.keys(this.place).map(function (key) { return this.place[key]; }, this));
    fields.forEach(function (field) {
      field.problems(field.read()).forEach(function (text) { messages.error(field.path, text); });
    });
    (RULES[this.kind] || function () {})(this, value, place, messages);
    RULES.common(this, value, place, messages);
    var errors = 0, reveal = this.reveal;
    fields.forEach(function (field) {
      var found = messages.at(field.path);
      errors += found.errors.length;
      field.show(found.errors, found.warnings, reveal);
    });
    this.render(value, place, errors);
    this.save(value, place);
  };

  RecordForm.prototype.readPlace = function () {
    var folder = this.spec.folder, name;
    if (this.spec.id === "period") {
      var agreement = this.place.agreement.read(), period = this.place.period.read();
      folder += "/" + (agreement || "<协议>");
      name = period || "<季度>";
      return { folder: folder, name: name, agreement: agreement, period: period, ready: !!(agreement && period) };
    }
    var id = this.place.id.read();
    return { folder: folder, name: id || "<id>", id: id, ready: !!id };
  };

  RecordForm.prototype.yaml = function (value, place) {
    var depth = (this.data.repository.records + "/" + place.folder).split("/").length;
    var schema = "../".repeat(depth) + "schemas/" + this.kind + ".schema.json";
    var lines = ["# yaml-language-server: $schema=" + schema, "# " + this.spec.title + "：由网站“在线填写”表单生成"];
    return lines.concat(R.yamlLines(this.spec.fields, value, 0)).join("\n") + "\n";
  };

  RecordForm.prototype.render = function (value, place, errors) {
    var text = this.yaml(value, place), path = this.data.repository.records + "/" + place.folder + "/" + place.name + ".yml";
    this.text = text; this.fileName = place.name + ".yml";
    this.preview.firstChild.textContent = text;
    this.where.textContent = "保存为 " + path;
    var ok = errors === 0 && place.ready;
    this.status.className = "rf-status " + (ok ? "rf-status-ok" : "rf-status-todo");
    this.status.textContent = ok && this.spec.submit === "issue"
      ? "✓ 检查通过。请点“提交给工作人员录入”，在打开的页面中补充依据（如备案编号）后提交；工作人员核对备案材料后录入。"
      : ok
      ? "✓ 检查通过。请点“在 " + this.forgeName() + " 上创建文件”，" + this.data.repository.submit
      : "还有 " + Math.max(errors, 1) + " 处需要填写或修改（标红的项）。全部通过后才能提交。";
    this.showAll.hidden = ok || this.reveal;
    [this.copyButton, this.downloadButton].forEach(function (button) { button.disabled = !ok; });
    var link = ok && this.newFileUrl(place, text), name = this.forgeName();
    if (link && link.length <= MAX_URL) {
      this.forgeLink.href = link;
      this.forgeLink.removeAttribute("aria-disabled");
    } else {
      this.forgeLink.removeAttribute("href");
      this.forgeLink.setAttribute("aria-disabled", "true");
    }
    this.note.textContent = !this.data.repository.new_file
      ? "本网站没有配置记录仓库地址，无法直接打开 " + name + "：请复制或下载内容，在仓库的 " + this.data.repository.records + "/" + place.folder + "/ 中新建文件 " + this.fileName + "。"
      : link && link.length > MAX_URL
        ? "内容较长，无法通过链接带到 " + name + "：请先复制内容，再在 " + name + " 上新建文件 " + this.fileName + " 并粘贴。"
        : "";
  };

  RecordForm.prototype.forgeName = function () { return this.data.repository.name || "GitHub"; };

  /* The forge's new-file page with folder, file name and content filled in: forms.json gives the
     page's address with {folder}, {filename} and {content}, each forge's own (see generator/forge.py). */
  RecordForm.prototype.newFileUrl = function (place, text) {
    if (this.spec.submit === "issue") return this.issueUrl(place, text);
    var template = this.data.repository.new_file;
    if (!template) return null;
    var values = {
      folder: (this.data.repository.records + "/" + place.folder).split("/").map(encodeURIComponent).join("/"),
      filename: encodeURIComponent(this.fileName),
      content: encodeURIComponent(text),
    };
    return template.replace(/\{(folder|filename|content)\}/g, function (_, key) { return values[key]; });
  };

  /* Records only the staff add (new agreements, 第五条): a 请工作人员代为录入 issue, filled in. forms.json
     gives each forge's own new-issue page with {title} and {body}, and the body around {record}
     (GitHub's issue form; GitLab, Gitea and Forgejo read no issue forms): see generator/forge.py. */
  RecordForm.prototype.issueUrl = function (place, text) {
    var repository = this.data.repository, template = repository.new_issue;
    if (!template) return null;
    var values = {
      title: encodeURIComponent("[代为录入] " + this.spec.title + " " + place.name),
      body: encodeURIComponent(repository.issue_body.replace("{record}", function () { return text; })),
    };
    return template.replace(/\{(title|body)\}/g, function (_, key) { return values[key]; });
  };

  RecordForm.prototype.copy = function () {
    var self = this, done = function () { self.flash(self.copyButton, "已复制"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(this.text).then(done, function () { self.copyBySelection(done); });
    } else {
      this.copyBySelection(done);
    }
  };
  RecordForm.prototype.copyBySelection = function (done) {
    var range = document.createRange();
    range.selectNodeContents(this.preview);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (document.execCommand("copy")) done();
  };
  RecordForm.prototype.download = function () {
    var url = URL.createObjectURL(new Blob([this.text], { type: "text/yaml;charset=utf-8" }));
    var link = el("a", { href: url, download: this.fileName });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  };
  RecordForm.prototype.flash = function (button, text) {
    var before = button.textContent;
    button.textContent = text;
    setTimeout(function () { button.textContent = before; }, 1500);
  };
  RecordForm.prototype.focusFirstProblem = function () {
    var first = this.root.querySelector(".rf-invalid input, .rf-invalid select, .rf-invalid textarea, .rf-items .rf-error");
    if (first) { first.scrollIntoView({ block: "center" }); if (first.focus) first.focus(); }
  };

  // A draft survives a reload in this browser only (nothing leaves the computer).
  RecordForm.prototype.save = function (value, place) {
    try { window.localStorage.setItem(this.storageKey, JSON.stringify({ value: value, place: place })); } catch (e) { /* private mode */ }
  };
  RecordForm.prototype.forget = function () {
    try { window.localStorage.removeItem(this.storageKey); } catch (e) { /* private mode */ }
  };
  RecordForm.prototype.restore = function () {
    var saved;
    try { saved = JSON.parse(window.localStorage.getItem(this.storageKey) || "null"); } catch (e) { saved = null; }
    if (!saved) return;
    this.record.write(saved.value || {});
    var place = saved.place || {};
    Object.keys(this.place).forEach(function (key) { this.place[key].write(place[key]); }, this);
    if (this.place.agreement) { this.fillQuarters(); this.place.period.write(place.period); }
  };

  // ---- the validator's checks that span fields, one function per kind ----

  function validDate(text) { return !!(text && R.parseDate(text)); }

  var RULES = {
    common: function (form, value, place, messages) {
      var today = R.todayInShanghai(), taken = form.data.records.taken;
      form.record.fields().forEach(function (field) {
        var v = field.read && field.read();
        if ((field.spec.check === "past" || field.spec.check === "filing") && validDate(v) && v > today) {
          messages.error(field.path, "日期 " + v + " 晚于今天（" + today + "）：只能填写已经发生的日期，请核对");
        }
      });
      if (place.id && (taken[form.spec.folder] || []).indexOf(place.id) >= 0) {
        messages.error("@id", "已有同名记录 " + form.spec.folder + "/" + place.id + ".yml：新记录请换一个 id；要修改已有记录，请在 " + form.forgeName() + " 上直接编辑该文件");
      }
      var hasMaintainers = form.spec.fields.some(function (field) { return field.key === "maintainers"; });
      if (hasMaintainers && !value.maintainers) {
        messages.warning("maintainers", "没有填写维护人：新增记录时请写上你自己的 " + form.forgeName() + " 账号，否则只有工作人员才能提交和修改这条记录");
      }
    },

    agreement: function (form, value, place, messages) {
      var policy = form.data.policy, months = policy.min_term_months;
      if (validDate(value.start) && validDate(value.end)) {
        var need = R.addDays(R.addMonths(value.start, months), -1);
        if (value.end < value.start) messages.error("end", "结束日期早于开始日期（第七条）");
        else if (value.end < need) {
          messages.error("end", "入驻期限不足" + months + "个月（第七条）：" + value.start + " 至 " + value.end + "，结束日期至少应为 " + need);
        }
      }
      var filed = value.filing && value.filing.date;
      if (validDate(filed) && validDate(value.signed) && filed < value.signed) {
        messages.error("filing.date", "备案日期 " + filed + " 早于协议签订日期 " + value.signed + "（第五条：签订合作协议后备案），请核对");
      }
      if (validDate(filed) && validDate(value.start) && filed > value.start) {
        messages.warning("filing.date", "备案日期晚于入驻开始日期（第五条）：应先备案再入驻，可以提交，但会被提示");
      }
      if (validDate(value.signed) && value.signed < policy.effective_date) {
        messages.warning("signed", "签订日期早于办法施行日期 " + policy.effective_date + "（第二十一条），可以提交，但会被提示");
      }
      if (value.position && policy.positions.indexOf(value.position) < 0) {
        messages.warning("position", "入驻岗位一般为" + policy.positions.join("、") + "（第七条）；其他岗位可以提交，但会被提示");
      }
      if (value.doctor && validDate(value.start) && validDate(value.end)) {
        var agreements = form.data.records.agreements;
        Object.keys(agreements).forEach(function (id) {
          var other = agreements[id];
          if (other.doctor === value.doctor && id !== place.id && other.start <= value.end && value.start <= other.end) {
            messages.warning("start", "该博士已有协议 " + id + "（" + other.start + " 至 " + other.end + "），期限重叠（第七条）");
          }
        });
      }
    },

    need: function (form, value, place, messages) {
      if (validDate(value.posted) && validDate(value.closed) && value.closed < value.posted) {
        messages.error("closed", "关闭日期 " + value.closed + " 早于发布日期 " + value.posted + "：请核对");
      }
      if (place.id && value.enterprise && place.id.indexOf(value.enterprise + "-") !== 0) {
        messages.warning("@id", "建议以企业 id 开头，如 " + value.enterprise + "-" + (place.id || "简称") + "，便于查找");
      }
    },

    visit: function (form, value, place, messages) {
      var roles = form.data.policy.roles;
      if (value.kind === roles.university_visit && !value.university) {
        messages.error("university", roles.university_visit + "须选择来访的派出单位（第九条）");
      } else if (value.kind && value.kind !== roles.university_visit && value.university) {
        messages.error("university", "只有" + roles.university_visit + "填写派出单位，其他走访请清空此项，来访单位写在走访单位中（第九条）");
      }
      var seen = {};
      (value.problems || []).forEach(function (problem, index) {
        var at = "problems[" + index + "].";
        if (problem.id && seen[problem.id]) messages.error(at + "id", "问题编号 " + problem.id + " 与前面的问题重复（第十二条）");
        if (problem.id) seen[problem.id] = true;
        if (validDate(problem.deadline) && validDate(value.date) && problem.deadline < value.date) {
          messages.error(at + "deadline", "办理期限早于走访日期（第十二条）");
        }
        if (problem.closed && !problem.resolution) messages.error(at + "resolution", "填写了办结日期，请同时写明办结情况（第十二条）");
        if (problem.resolution && !problem.closed) messages.error(at + "closed", "写了办结情况，请同时填写办结日期（第十二条）");
        var extended = problem.extended && problem.extended.to;
        if (validDate(extended) && validDate(problem.deadline) && extended <= problem.deadline) {
          messages.error(at + "extended.to", "延期后的期限应晚于原办理期限（第十二条）");
        }
      });
    },

    support: function (form, value, place, messages) {
      var roles = form.data.policy.roles;
      if (roles.with_doctors.indexOf(value.kind) >= 0 && !value.doctors) {
        messages.error("doctors", value.kind + "须填写参与的入驻博士（第十八条）");
      }
      var stages = value.stages || [], previous = null;
      stages.forEach(function (stage, index) {
        var at = "stages[" + index + "].";
        if (previous && validDate(stage.date) && validDate(previous.date) && stage.date < previous.date) {
          messages.error(at + "date", "日期早于上一阶段（" + previous.date + "）：阶段按日期先后排列（第十八条）");
        }
        if (roles.numbered.indexOf(stage.stage) >= 0 && !stage.number) {
          messages.error(at + "number", stage.stage + "须填写文号（第十八条）");
        }
        previous = stage;
      });
    },

    report: function (form, value, place, messages) {
      if (!place.agreement || !place.period) return;
      if ((form.data.records.taken.reports || []).indexOf(place.agreement + "/" + place.period) >= 0) {
        messages.error("@period", "该季度的报送已存在：要修改，请在 " + form.forgeName() + " 上直接编辑 " + form.data.repository.records + "/reports/" + place.agreement + "/" + place.period + ".yml");
      }
      var year = +place.period.slice(0, 4), quarter = +place.period.slice(5);
      var first = R.addMonths(year + "-01-01", 3 * (quarter - 1));
      if (validDate(value.submitted) && value.submitted < first) {
        messages.error("submitted", "提交日期早于该季度开始（" + first + "）（第十三条）：季度报送应在季度开始后提交");
      }
    },
  };

  function boot() {
    var roots = document.querySelectorAll(".record-form[data-kind]");
    if (!roots.length) return;
    fetch(DATA_URL).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    }).then(function (data) {
      roots.forEach(function (root) {
        var kind = root.getAttribute("data-kind");
        if (!data.forms[kind]) { root.textContent = "没有这种记录的表单：" + kind; return; }
        new RecordForm(root, data, kind);
      });
    }).catch(function (error) {
      roots.forEach(function (root) {
        root.textContent = "表单数据（assets/forms.json）无法读取：" + error.message + "。请通过网站地址（而不是直接打开本地文件）访问本页。";
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();

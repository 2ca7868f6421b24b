// Site behaviour, local and dependency-free. Material's instant navigation swaps pages without a
// reload, so everything binds through document$ (falling back to DOMContentLoaded).
(function () {
  function onEveryPage(fn) {
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(fn);
    else document.addEventListener("DOMContentLoaded", fn);
  }
  function siteRoot() {
    return typeof __md_scope !== "undefined" ? __md_scope : new URL(".", location.href);
  }

  // Tactic index: filter rows by platform, business type and stage (preselect from ?platform=&bt=&stage=).
  function bindTacticFilters() {
    var box = document.querySelector("[data-tactic-filters]");
    if (!box) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.tactic-index tbody tr"));
    var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-filter]"));
    var count = box.querySelector("[data-tactic-count]");
    var empty = document.querySelector("[data-tactic-empty]");
    var table = document.querySelector("[data-tactic-table]");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = selects.every(function (s) {
          if (!s.value) return true;
          var have = (row.getAttribute("data-" + s.getAttribute("data-filter")) || "").split(" ");
          return have.indexOf(s.value) !== -1;
        });
        row.hidden = !ok;
        if (ok) shown++;
      });
      // No match: say so (the live region announces it) instead of showing a bare table head.
      if (count) count.textContent = shown ? "显示 " + shown + " / " + rows.length + " 条" : "";
      if (empty) empty.textContent = shown ? "" : empty.getAttribute("data-message");
      if (table) table.hidden = !shown;
    }
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var key = s.getAttribute("data-filter");
      var wanted = params.get(key === "platforms" ? "platform" : key);
      if (wanted) s.value = wanted;
      s.addEventListener("change", apply);
    });
    apply();
  }

  // Permanent anchors: a link to a renamed tactic lands on its new place (facts/redirects.yml).
  function followAnchorRedirect() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var root = siteRoot();
    var page = location.pathname.slice(new URL(".", root).pathname.length);
    fetch(new URL("anchor-redirects.json", root)).then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (map) {
        var target = map[page + "#" + id];
        if (target) location.replace(new URL(target, root).href);
      }).catch(function () {});
  }

  // 规则变更时间线: filter entries by platform and business type.
  function bindTimelineFilters() {
    var list = document.querySelector("[data-timeline]");
    if (!list) return;
    var entries = Array.prototype.slice.call(list.querySelectorAll(".timeline-entry"));
    var platform = document.querySelector("[data-timeline-filter=platform]");
    var bt = document.querySelector("[data-timeline-filter=bt]");
    var count = document.querySelector("[data-timeline-count]");
    var empty = document.querySelector("[data-timeline-empty]");
    function apply() {
      var shown = 0;
      entries.forEach(function (e) {
        var ok = (!platform.value || e.getAttribute("data-platforms").split(" ").indexOf(platform.value) !== -1) &&
                 (!bt.value || e.getAttribute("data-bts").split(" ").indexOf(bt.value) !== -1);
        e.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = "显示 " + shown + " / " + entries.length + " 条";
      if (empty) empty.hidden = shown > 0;
      list.hidden = shown === 0;
    }
    var params = new URLSearchParams(location.search);
    if (params.get("platform")) platform.value = params.get("platform");
    if (params.get("bt")) bt.value = params.get("bt");
    platform.addEventListener("change", apply);
    bt.addEventListener("change", apply);
    apply();
  }

  // 开店与合规清单: ticks stay in this browser (localStorage), nothing is sent anywhere.
  function bindChecklist() {
    var page = document.querySelector("[data-checklist]");
    if (!page) return;
    var key = "handbook:checklist:" + page.getAttribute("data-checklist");
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
    var boxes = Array.prototype.slice.call(page.querySelectorAll("input[data-check]"));
    boxes.forEach(function (box) {
      box.checked = !!saved[box.getAttribute("data-check")];
      box.addEventListener("change", function () {
        saved[box.getAttribute("data-check")] = box.checked;
        try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* storage off: ticks last this visit */ }
      });
    });
    var print = page.querySelector("[data-checklist-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
    var reset = page.querySelector("[data-checklist-reset]");
    if (reset) reset.addEventListener("click", function () {
      saved = {};
      boxes.forEach(function (b) { b.checked = false; });
      try { localStorage.removeItem(key); } catch (e) { /* nothing to clear */ }
    });
  }

  // 自上次访问以来的变化: the reader's last visit is kept locally; on the home page and on a playbook,
  // rule changes dated after it are listed (for a playbook, those its business type cites).
  var LAST_VISIT = "handbook:last-visit";
  function showChangesSinceLastVisit() {
    var root = siteRoot();
    var page = location.pathname.slice(new URL(".", root).pathname.length);
    var match = /^playbooks\/([a-z0-9-]+)\//.exec(page);
    var isHome = page === "" || page === "index.html";
    if (!isHome && !match) return;
    var last = null;
    try { last = localStorage.getItem(LAST_VISIT); } catch (e) { return; }
    var today = new Date().toISOString().slice(0, 10);
    try { localStorage.setItem(LAST_VISIT, today); } catch (e) { /* private mode */ }
    if (!last) return;  // a first visit: nothing to compare with
    fetch(new URL("timeline.json", root)).then(function (r) { return r.ok ? r.json() : []; }).then(function (items) {
      var bt = match ? match[1] : null;
      var fresh = items.filter(function (e) {
        return e.current && e.date > last && e.date <= today && (!bt || e.bts.indexOf(bt) !== -1);
      });
      if (!fresh.length || document.querySelector(".changes-since")) return;
      var box = document.createElement("div");
      box.className = "admonition info changes-since";
      var title = document.createElement("p");
      title.className = "admonition-title";
      title.textContent = "自上次访问（" + last + "）以来的规则变化";
      box.appendChild(title);
      var ul = document.createElement("ul");
      fresh.slice(0, 8).forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = new URL(e.url, root).href;
        a.textContent = e.date + " " + e.title;
        li.appendChild(a);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      var more = document.createElement("a");
      more.href = new URL("timeline/" + (bt ? "?bt=" + encodeURIComponent(bt) : ""), root).href;
      more.textContent = "看完整时间线";
      box.appendChild(more);
      var h1 = document.querySelector(".md-content article h1");
      if (h1) h1.insertAdjacentElement("afterend", box);
    }).catch(function () {});
  }

  // Material wraps wide Markdown tables in a scrolling box; make it reachable and named for keyboards
  // and screen readers (a box that scrolls must be focusable).
  function labelScrollingTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (box) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      if (!box.getAttribute("aria-label")) box.setAttribute("aria-label", "表格（可左右滑动）");
    });
  }

  onEveryPage(function () {
    labelScrollingTables();
    bindTacticFilters(); followAnchorRedirect(); bindTimelineFilters(); bindChecklist(); showChangesSinceLastVisit();
  });
})();

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
      if (count) count.textContent = "显示 " + shown + " / " + rows.length + " 条";
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

  onEveryPage(function () { bindTacticFilters(); followAnchorRedirect(); });
})();

// 违禁词自查 in the browser. Mirrors hooks/handbook/redlines.py exactly (tests compare the two):
// NFKC → lower case → traditional→simplified (table from redlines.json) → keep only letters,
// digits and '%', with a map back to the original characters. Runs locally; sends nothing.
(function () {
  "use strict";
  var KEEP = /[\p{L}\p{N}%]/u;
  var data = null;

  function fold1(ch, variants) {
    var out = "";
    var norm = Array.from(ch.normalize("NFKC").toLowerCase());
    for (var i = 0; i < norm.length; i++) {
      var c = Object.prototype.hasOwnProperty.call(variants, norm[i]) ? variants[norm[i]] : norm[i];
      if (KEEP.test(c)) out += c;
    }
    return out;
  }

  // where[k] = index (in code points) of the original character behind UTF-16 unit k of clean,
  // so String.indexOf offsets map straight back to the text, astral characters included.
  function normalize(chars, variants) {
    var clean = "", where = [];
    for (var i = 0; i < chars.length; i++) {
      var f = fold1(chars[i], variants);
      clean += f;
      for (var j = 0; j < f.length; j++) where.push(i);
    }
    return { clean: clean, where: where };
  }

  function fold(text, variants) { return normalize(Array.from(text), variants).clean; }

  // A Latin needle must not touch a Latin letter that stood right next to it in the original
  // (vx in "vxlan"); a colon or space that folding dropped still separates ("vx：abc", "vx abc").
  function adjacent(where, left, right) { return !where || where[right] - where[left] <= 1; }

  function occurrences(hay, needle, latin, where) {
    var found = [], start = hay.indexOf(needle);
    while (start !== -1) {
      var end = start + needle.length;
      var before = start > 0 ? hay[start - 1] : "", after = end < hay.length ? hay[end] : "";
      var touching = latin && ((before >= "a" && before <= "z" && adjacent(where, start - 1, start)) ||
                               (after >= "a" && after <= "z" && adjacent(where, end - 1, end)));
      if (!touching) found.push(start);
      start = hay.indexOf(needle, start + 1);
    }
    return found;
  }

  // A number pattern matches a whole number: a phone number inside a longer order id is none.
  function digitBounded(text, start, end) {
    var isDigit = function (c) { return c >= "0" && c <= "9"; };
    return !(start > 0 && isDigit(text[start - 1])) && !(end < text.length && isDigit(text[end]));
  }

  function applies(entry, platform, bt) {
    return (!platform || entry.platforms.indexOf(platform) !== -1) &&
      (!bt || entry.business_types.indexOf("all") !== -1 || entry.business_types.indexOf(bt) !== -1);
  }

  function check(text, platform, bt, category) {
    var chars = Array.from(text);
    var n = normalize(chars, data.variants);
    var clean = n.clean;
    var spans = [];
    data.entries.forEach(function (entry) {
      if (!applies(entry, platform, bt) || (category && entry.category !== category)) return;
      var allowed = [];
      entry._allow.forEach(function (a) {
        occurrences(clean, a, false).forEach(function (s) { allowed.push([s, s + a.length]); });
      });
      var found = [];
      entry._needles.forEach(function (nd) {
        occurrences(clean, nd.text, nd.latin, n.where).forEach(function (s) { found.push([s, s + nd.text.length]); });
      });
      entry._patterns.forEach(function (re) {
        re.lastIndex = 0;
        var m;
        while ((m = re.exec(clean)) !== null) {
          if (m[0].length === 0) { re.lastIndex++; continue; }
          if (digitBounded(clean, m.index, m.index + m[0].length)) found.push([m.index, m.index + m[0].length]);
        }
      });
      found.forEach(function (f) {
        var s = f[0], e = f[1];
        if (allowed.some(function (r) { return r[0] <= s && e <= r[1]; })) return;
        spans.push([entry, n.where[s], n.where[e - 1] + 1]);
      });
    });
    spans.sort(function (a, b) {
      return a[0].id < b[0].id ? -1 : a[0].id > b[0].id ? 1 : (a[1] - b[1]) || (b[2] - a[2]);
    });
    var merged = [];
    spans.forEach(function (sp) {
      var last = merged[merged.length - 1];
      if (last && last[0].id === sp[0].id && sp[1] < last[2]) last[2] = Math.max(last[2], sp[2]);
      else merged.push(sp.slice());
    });
    var hits = merged.map(function (m) {
      var before = chars.slice(0, m[1]).join("");
      var line = before.split("\n").length;
      var column = m[1] - (before.lastIndexOf("\n") === -1 ? 0 : Array.from(before.slice(0, before.lastIndexOf("\n") + 1)).length) + 1;
      return { id: m[0].id, entry: m[0], start: m[1], end: m[2], line: line, column: column, text: chars.slice(m[1], m[2]).join("") };
    });
    hits.sort(function (a, b) { return (a.start - b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
    return hits;
  }

  // Needles and allow phrases are folded once, when the list loads.
  function prepare(json) {
    json.entries.forEach(function (e) {
      e._allow = e.allow.map(function (a) { return fold(a, json.variants); }).filter(Boolean);
      e._patterns = (e.patterns || []).map(function (p) { return new RegExp(p, "g"); });
      e._needles = e.words.map(function (w) {
        var f = fold(w, json.variants);
        return { text: f, latin: /^[a-z]+$/.test(f) };
      }).concat(e.pinyin_initials.map(function (p) { return { text: p, latin: true }; }))
        .filter(function (nd) { return nd.text; });
    });
    return json;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function render(root, hits, text) {
    var chars = Array.from(text), html = "", pos = 0;
    var cats = {};
    data.categories.forEach(function (c) { cats[c.id] = c.label; });
    var byStart = hits.slice().sort(function (a, b) { return a.start - b.start; });
    byStart.forEach(function (h) {
      if (h.start < pos) return;  // overlapping hit of another entry: listed below, not re-marked
      html += esc(chars.slice(pos, h.start).join(""));
      html += '<mark data-entry="' + esc(h.id) + '" title="' + esc(cats[h.entry.category] + "：" + h.entry.reason) + '">' +
        esc(h.text) + "</mark>";
      pos = h.end;
    });
    html += esc(chars.slice(pos).join(""));
    root.querySelector("[data-redline-output]").innerHTML = html;
    var list = hits.map(function (h) {
      var src = h.entry.sources.map(function (s, i) {
        return '<a href="' + esc(s.url) + '" target="_blank" rel="noopener noreferrer" title="' + esc(s.publisher + " · " + s.title) + '">[' + (i + 1) + "]</a>";
      }).join("");
      return '<li data-entry="' + esc(h.id) + '"><strong>第 ' + h.line + " 行第 " + h.column + " 列 · " + esc(cats[h.entry.category]) +
        "：「" + esc(h.text) + "」</strong><br>" + esc(h.entry.reason) + " " + src +
        '<br><span class="redline-suggest">建议：' + esc(h.entry.suggestion) + "</span></li>";
    }).join("");
    root.querySelector("[data-redline-hits]").innerHTML = list;
    root.querySelector("[data-redline-summary]").textContent =
      hits.length ? "发现 " + hits.length + " 处需要复核。" : (text.trim() ? "没有发现表中的红线词（不等于完全合规）。" : "");
  }

  function bind() {
    var root = document.querySelector("[data-redline-checker]");
    if (!root) return;
    var base = typeof __md_scope !== "undefined" ? __md_scope : new URL("../..", location.href);
    fetch(new URL("redlines.json", base)).then(function (r) { return r.json(); }).then(function (json) {
      data = prepare(json);
      var selCat = root.querySelector("[data-filter=category]");
      var selBt = root.querySelector("[data-filter=business-type]");
      json.categories.forEach(function (c) { selCat.add(new Option(c.label, c.id)); });
      json.business_types.forEach(function (b) { selBt.add(new Option(b.name, b.id)); });
      var params = new URLSearchParams(location.search);
      if (params.get("cat")) selCat.value = params.get("cat");
      if (params.get("bt")) selBt.value = params.get("bt");
      if (params.get("platform")) root.querySelector("[data-filter=platform]").value = params.get("platform");
      var input = root.querySelector("textarea");
      var timer = null;
      function run() {
        var hits = check(input.value, root.querySelector("[data-filter=platform]").value,
          selBt.value, selCat.value);
        render(root, hits, input.value);
      }
      input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
      root.querySelectorAll("select").forEach(function (s) { s.addEventListener("change", run); });
      root.querySelector("[data-redline-run]").addEventListener("click", run);
      window.handbookRedline = { check: check, ready: true };
      root.setAttribute("data-ready", "true");
      run();
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(bind);
  else document.addEventListener("DOMContentLoaded", bind);
})();

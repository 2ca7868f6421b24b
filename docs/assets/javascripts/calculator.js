// 成本计算器 in the browser. Mirrors hooks/handbook/calculator.py exactly (tests compare the two):
// same parsing, validation, formula (same floating-point operations in the same order) and rounding.
// The fee guidance comes from the built site's facts.json; every fact text goes in by textContent.
// State lives in the URL (?bt=&price=&cost=&shipping=&refund=&commission=&fee_douyin=&fee_channels=).
// Runs locally; sends nothing.
(function () {
  "use strict";
  var PLATFORMS = ["douyin", "channels"];
  var FIELDS = {
    price: ["到手价", "amount"], cost: ["货本", "amount"], shipping: ["快递费", "amount"],
    refund: ["退款率", "rate"], commission: ["达人佣金率", "rate"], fee: ["平台扣点", "rate"]
  };
  var SHARED = ["price", "cost", "shipping", "refund", "commission"];
  var URL_PARAMS = ["bt", "price", "cost", "shipping", "refund", "commission", "fee_douyin", "fee_channels"];
  var MAX_AMOUNT = 100000000;
  var NO_BREAK_EVEN = "无法保本";
  // Fee facts shown next to each platform's fee input: the general one for every business type,
  // plus category-specific ones. A fact id that disappears from facts.json fails the tests.
  var FEE_FACTS = {
    "": ["store.tech-fee"],
    "local-restaurant": ["local.catering-fee-rate", "local.software-fee-2022"],
    "local-services": ["local.software-fee-2022"],
    "medical": ["medical.otc-channel"]
  };
  var STATUS = { verified: "已核实", unverified: "未核实", "not-applicable": "不适用" };
  var FULL = "０１２３４５６７８９．－＋", HALF = "0123456789.-+";
  var NUMBER = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

  function CalcError(field, message) { this.field = field; this.message = message; }

  function parseNumber(text, field) {
    if (text === null || text === undefined) return null;
    var s = String(text).trim().replace(/[０-９．－＋]/g, function (c) { return HALF[FULL.indexOf(c)]; });
    if (FIELDS[field][1] === "rate") s = s.replace(/\s*[%％]$/, "");
    if (s === "") return null;
    if (!NUMBER.test(s)) throw new CalcError(field, FIELDS[field][0] + "不是数字");
    return Number(s);
  }

  function check(field, value) {
    var label = FIELDS[field][0], kind = FIELDS[field][1];
    if (value === null || value === undefined) throw new CalcError(field, "请填写" + label);
    if (typeof value !== "number" || !isFinite(value)) throw new CalcError(field, label + "不是数字");
    if (value < 0) throw new CalcError(field, label + "不能是负数");
    if (field === "price" && value === 0) throw new CalcError(field, "到手价要大于 0");
    if (kind === "rate" && value > 100) throw new CalcError(field, label + "不能超过 100 %");
    if (kind === "amount" && value > MAX_AMOUNT) throw new CalcError(field, label + "超过 1 亿元，请检查");
    return value;
  }

  function unitProfit(price, cost, shipping, refund, fee, commission) {
    return price * (1 - refund / 100) - cost - shipping - price * ((fee + commission) / 100);
  }

  function cents(x) {
    var c = Math.floor(Math.abs(x) * 100 + 0.5 + 1e-6);
    return x < 0 ? -c : c;
  }

  function format2(x) {
    var c = cents(x), sign = c < 0 ? "-" : "";
    c = Math.abs(c);
    var frac = c % 100;
    return sign + Math.floor(c / 100) + "." + (frac < 10 ? "0" : "") + frac;
  }

  function breakEvenRoi(price, profit) { return cents(profit) <= 0 ? null : price / profit; }

  // One platform from raw strings (as typed or as in the URL): {profit, roi, text...} or {error}.
  function calculate(raw, platform) {
    try {
      var v = {};
      SHARED.forEach(function (f) { v[f] = check(f, parseNumber(raw[f], f)); });
      var fee = check("fee", parseNumber(raw["fee_" + platform], "fee"));
      var profit = unitProfit(v.price, v.cost, v.shipping, v.refund, fee, v.commission);
      var roi = breakEvenRoi(v.price, profit);
      return { values: v, fee: fee, profit: profit, roi: roi,
               profitText: format2(profit), roiText: roi === null ? NO_BREAK_EVEN : format2(roi) };
    } catch (e) {
      if (e instanceof CalcError) return { error: e.message, field: e.field };
      throw e;
    }
  }

  // A fact value the fee input may start with: only a plain number ("5", "0.6", "5%").
  function plainNumber(value) {
    if (typeof value === "number" && isFinite(value) && value >= 0 && value <= 100) return String(value);
    if (typeof value !== "string") return null;
    var m = /^\s*([0-9]+(\.[0-9]+)?)\s*[%％]?\s*$/.exec(value);
    return m && Number(m[1]) <= 100 ? m[1] : null;
  }

  function num(x) { return String(x); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function valueText(value) {
    if (value === null || value === undefined) return "未知";
    if (value === true) return "是";
    if (value === false) return "否";
    return String(value);
  }

  function bind() {
    var root = document.querySelector("[data-calculator]");
    if (!root) return;
    var base = typeof __md_scope !== "undefined" ? __md_scope : new URL("../..", location.href);
    var inputs = {};
    URL_PARAMS.forEach(function (name) { inputs[name] = root.querySelector("[data-calc-field=" + name + "]"); });
    var facts = null, factsFailed = false;
    var autoFilled = { douyin: null, channels: null };

    function raw() {
      var r = {};
      URL_PARAMS.forEach(function (name) { r[name] = inputs[name].value; });
      return r;
    }

    function renderPlatform(platform, r) {
      var box = root.querySelector("[data-calc-platform=" + platform + "]");
      var res = calculate(r, platform);
      var profitOut = box.querySelector("[data-calc-out=profit]");
      var roiOut = box.querySelector("[data-calc-out=roi]");
      var message = box.querySelector("[data-calc-message]");
      var formula = box.querySelector("[data-calc-formula]");
      box.setAttribute("data-state", res.error ? "error" : (res.roi === null ? "loss" : "ok"));
      if (res.error) {
        profitOut.textContent = "";
        roiOut.textContent = "";
        message.textContent = res.error;
        formula.textContent = "";
        return res;
      }
      var v = res.values;
      profitOut.textContent = res.profitText;
      roiOut.textContent = res.roiText;
      message.textContent = res.roi === null ?
        "单件利润没有超过 0 元：投流 ROI 再高也保不了本，先改价格、成本或佣金。" :
        "投放后台的 ROI（每花 1 元广告费带来的成交额）低于 " + res.roiText + " 就是亏钱。";
      formula.textContent = "单件利润 = " + num(v.price) + " ×（1 − " + num(v.refund) + " %）− " + num(v.cost) +
        " − " + num(v.shipping) + " − " + num(v.price) + " ×（" + num(res.fee) + " % + " + num(v.commission) +
        " %）= " + res.profitText + " 元" +
        (res.roi === null ? "" : "；保本 ROI = " + num(v.price) + " ÷ " + res.profitText + " ≈ " + res.roiText);
      return res;
    }

    function markFields() {
      URL_PARAMS.forEach(function (name) {
        if (name === "bt") return;
        var field = name.indexOf("fee_") === 0 ? "fee" : name;
        var hint = root.querySelector("[data-calc-hint=" + name + "]");
        var problem = "";
        try { check(field, parseNumber(inputs[name].value, field)); } catch (e) {
          if (!(e instanceof CalcError)) throw e;
          problem = e.message;
        }
        inputs[name].setAttribute("aria-invalid", problem ? "true" : "false");
        if (hint) hint.textContent = problem;
      });
    }

    function writeUrl() {
      var params = new URLSearchParams(location.search);
      URL_PARAMS.forEach(function (name) { params.delete(name); });
      URL_PARAMS.forEach(function (name) {
        var value = inputs[name].value.trim();
        if (value !== "") params.append(name, value);
      });
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    }

    function renderFacts() {
      PLATFORMS.forEach(function (platform) {
        var box = root.querySelector("[data-calc-platform=" + platform + "] [data-calc-facts]");
        box.textContent = "";
        if (factsFailed) {
          box.appendChild(el("p", "calc-fact", "事实库没有加载，请以开店后台类目页显示的扣点为准。"));
          return;
        }
        if (!facts) return;
        var ids = FEE_FACTS[""].concat(FEE_FACTS[inputs.bt.value] || []);
        var suggested = null;
        ids.forEach(function (id) {
          var fact = facts[id];
          if (!fact || !fact.values || !fact.values[platform]) return;
          var pv = fact.values[platform];
          var p = el("p", "calc-fact fact-" + (STATUS[pv.status] ? pv.status : "unverified"));
          p.setAttribute("data-fact", id);
          p.appendChild(el("strong", null, fact.label + "："));
          p.appendChild(el("span", "calc-fact-value", valueText(pv.value)));
          p.appendChild(document.createTextNode("（"));
          p.appendChild(el("span", "fact-status", STATUS[pv.status] || String(pv.status)));
          p.appendChild(document.createTextNode("，核对于 " + String(pv.checked) + "）"));
          if (pv.stale) p.appendChild(el("span", "fact-stale", " 可能已过时"));
          var extra = pv.how_to_check ? "怎么查：" + pv.how_to_check : (pv.note || "");
          if (extra) p.appendChild(el("span", "fact-how", extra));
          var a = el("a", "fact-src", "来源与详情");
          a.href = new URL("facts/" + id.split(".")[0] + "/#" + id, base).href;
          p.appendChild(a);
          box.appendChild(p);
          var n = plainNumber(pv.value);
          if (n !== null && pv.status !== "not-applicable") suggested = n;  // the last (most specific) wins
        });
        var input = inputs["fee_" + platform];
        if (input.value === "" || input.value === autoFilled[platform]) {
          input.value = suggested === null ? "" : suggested;
          autoFilled[platform] = suggested;
        }
        if (suggested === null) {
          box.appendChild(el("p", "calc-fact calc-fact-todo",
            "事实库里没有可直接使用的费率：请按开店后台所选类目显示的扣点填写。"));
        }
      });
    }

    function update(writeState) {
      markFields();
      var r = raw();
      var results = {};
      PLATFORMS.forEach(function (platform) { results[platform] = renderPlatform(platform, r); });
      if (writeState) writeUrl();
      return results;
    }

    // Load state from the URL.
    var params = new URLSearchParams(location.search);
    URL_PARAMS.forEach(function (name) {
      if (name !== "bt" && params.get(name) !== null) inputs[name].value = params.get(name);
    });

    URL_PARAMS.forEach(function (name) {
      if (name === "bt") return;
      inputs[name].addEventListener("input", function () {
        var platform = name.indexOf("fee_") === 0 ? name.slice(4) : null;
        if (platform) autoFilled[platform] = null;  // the reader's own number from now on
        update(true);
      });
    });
    inputs.bt.addEventListener("change", function () { renderFacts(); update(true); });
    update(false);

    function get(name) {
      return fetch(new URL(name, base)).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
    }
    var gotTypes = get("redlines.json").then(function (json) {
      (json.business_types || []).forEach(function (b) { inputs.bt.add(new Option(b.name, b.id)); });
    }).catch(function () { /* the select keeps 不限行业 */ });
    var gotFacts = get("facts.json").then(function (json) {
      facts = {};
      (json.facts || []).forEach(function (f) { facts[f.id] = f; });
    }).catch(function () { factsFailed = true; });
    Promise.all([gotTypes, gotFacts]).then(function () {
      if (params.get("bt")) inputs.bt.value = params.get("bt");
      renderFacts();
      update(false);
      window.handbookCalculator = { calculate: calculate, plainNumber: plainNumber, feeFacts: FEE_FACTS, ready: true };
      root.setAttribute("data-ready", "true");
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(bind);
  else document.addEventListener("DOMContentLoaded", bind);
})();

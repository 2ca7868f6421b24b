"""成本计算器: the Python formula, and the page agreeing with it in Chromium for both platforms."""

from __future__ import annotations

import json
import math
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import yaml

from conftest import ROOT
from handbook.calculator import (NO_BREAK_EVEN, PLATFORMS, URL_PARAMS, CalculatorError, Result, break_even_roi,
                                 calculate, calculate_params, cents, format2, parse_number, round2, unit_profit)

BUSINESS_TYPES = [bt["id"] for bt in yaml.safe_load((ROOT / "facts" / "business_types.yml").read_text(encoding="utf-8"))["business_types"]]


# --- the formula ---------------------------------------------------------------------------------

def test_playbook_example_from_food_supply_b2c():
    """docs/playbooks/food-supply/b2c.md#food-b2c-paid-traffic: 35 元 → 2.86; with 20 % commission 15 元 → 6.67."""
    own = calculate(100, 35, 15, 10, 5, 0)
    assert (own.unit_profit, own.profit_text, own.roi_text) == (35, "35.00", "2.86")
    creator = calculate(100, 35, 15, 10, 5, 20)
    assert (creator.profit_text, creator.roi_text) == ("15.00", "6.67")
    cheap = calculate(60, 35, 15, 10, 5, 20)
    assert cheap.profit_text == "-11.00" and cheap.break_even_roi is None and cheap.roi_text == NO_BREAK_EVEN


def test_url_example():
    r = calculate_params({"bt": "food-supply", "price": "99", "cost": "40", "shipping": "8", "refund": "5",
                          "commission": "20", "fee_douyin": "5", "fee_channels": "3"})
    # 99 × 0.95 − 40 − 8 − 99 × 25 % = 21.30; 99 × 0.95 − 40 − 8 − 99 × 23 % = 23.28
    assert (r["douyin"].profit_text, r["douyin"].roi_text) == ("21.30", "4.65")
    assert (r["channels"].profit_text, r["channels"].roi_text) == ("23.28", "4.25")


@pytest.mark.parametrize("args", [
    (100, 50, 0, 0, 50, 0),        # margin exactly 0
    (100, 60, 0, 0, 50, 0),        # margin below 0
    (100, 99.996, 0, 0, 0, 0),     # 0.004 元 rounds to 0.00: no break-even, not an ROI of 25,000
    (50, 10, 5, 100, 5, 0),        # every order refunded
    (50, 0, 0, 100, 0, 0),         # every order refunded, nothing else to pay: still 0
    (100, 0, 0, 0, 60, 50),        # fee + commission above 100 % of the price
])
def test_margin_at_or_below_zero_means_no_break_even(args):
    r = calculate(*args)
    assert r.break_even_roi is None and r.roi_text == "无法保本"
    assert cents(r.unit_profit) <= 0


def test_refund_100_percent_loses_goods_and_shipping():
    r = calculate(50, 10, 5, 100, 5, 20)
    assert r.unit_profit == pytest.approx(-10 - 5 - 50 * 0.25)
    assert r.break_even_roi is None


def test_break_even_roi_is_never_negative_or_infinite():
    assert break_even_roi(100, 0) is None
    assert break_even_roi(100, -5) is None
    assert break_even_roi(100, 1e-9) is None
    assert break_even_roi(100, 0.01) == pytest.approx(10000)
    assert break_even_roi(100, 35) == pytest.approx(100 / 35)


@pytest.mark.parametrize("args,field,message", [
    ((0, 10, 5, 5, 5, 5), "price", "到手价要大于 0"),
    ((-1, 10, 5, 5, 5, 5), "price", "到手价不能是负数"),
    ((100, -10, 5, 5, 5, 5), "cost", "货本不能是负数"),
    ((100, 10, -0.01, 5, 5, 5), "shipping", "快递费不能是负数"),
    ((100, 10, 5, 100.01, 5, 5), "refund", "退款率不能超过 100 %"),
    ((100, 10, 5, 5, 101, 5), "fee", "平台扣点不能超过 100 %"),
    ((100, 10, 5, 5, 5, 150), "commission", "达人佣金率不能超过 100 %"),
    ((100, 10, 5, 5, -1, 5), "fee", "平台扣点不能是负数"),
    ((100, 10, 5, 5, None, 5), "fee", "请填写平台扣点"),
    ((None, 10, 5, 5, 5, 5), "price", "请填写到手价"),
    ((100, 10, 5, None, 5, 5), "refund", "请填写退款率"),
    ((math.nan, 10, 5, 5, 5, 5), "price", "到手价不是数字"),
    ((math.inf, 10, 5, 5, 5, 5), "price", "到手价不是数字"),
    ((100, 10, 5, 5, True, 5), "fee", "平台扣点不是数字"),
    ((100, 2e8, 5, 5, 5, 5), "cost", "货本超过 1 亿元，请检查"),
])
def test_bad_inputs_are_rejected_never_read_as_zero(args, field, message):
    with pytest.raises(CalculatorError) as err:
        unit_profit(*args)
    assert (err.value.field, str(err.value)) == (field, message)


def test_rates_at_the_limits_are_accepted():
    assert calculate(100, 0, 0, 0, 0, 0).roi_text == "1.00"
    assert calculate(100, 0, 0, 100, 100, 100).unit_profit == -200


def test_missing_fee_in_params_is_an_error_for_that_platform_only():
    r = calculate_params({"price": "100", "cost": "35", "shipping": "15", "refund": "10", "commission": "0",
                          "fee_douyin": "5"})
    assert isinstance(r["douyin"], Result) and r["douyin"].profit_text == "35.00"
    assert isinstance(r["channels"], CalculatorError) and str(r["channels"]) == "请填写平台扣点"


@pytest.mark.parametrize("text,field,expected", [
    ("99", "price", 99.0), (" 19.9 ", "price", 19.9), ("９９．５", "price", 99.5), ("5%", "fee", 5.0),
    ("5 ％", "refund", 5.0), (".5", "cost", 0.5), ("1.", "cost", 1.0), ("", "fee", None), ("   ", "price", None),
    (None, "fee", None), ("+3", "shipping", 3.0), ("-3", "shipping", -3.0),
])
def test_parse_number(text, field, expected):
    assert parse_number(text, field) == expected


@pytest.mark.parametrize("text,field", [("abc", "price"), ("1e3", "price"), ("5%", "price"), ("1,000", "price"),
                                        ("٣", "price"), ("5 元", "cost"), ("--5", "fee"), ("0x10", "fee")])
def test_parse_number_rejects_what_is_not_a_plain_number(text, field):
    with pytest.raises(CalculatorError):
        parse_number(text, field)


@pytest.mark.parametrize("x,text", [
    (0, "0.00"), (35, "35.00"), (2.857142857, "2.86"), (94.045, "94.05"), (0.505, "0.51"), (1.005, "1.01"),
    (-11, "-11.00"), (-0.004, "0.00"), (-0.005, "-0.01"), (0.125, "0.13"), (99999999.99, "99999999.99"),
])
def test_display_rounds_half_away_from_zero(x, text):
    assert format2(x) == text
    assert round2(x) == pytest.approx(float(text))


# --- the page --------------------------------------------------------------------------------------

def test_every_overview_page_links_the_calculator_for_its_business_type():
    for bt in BUSINESS_TYPES:
        text = (ROOT / "docs" / "playbooks" / bt / "index.md").read_text(encoding="utf-8")
        assert f"](../../tools/calculator/?bt={bt})" in text, bt


def test_url_parameters_are_documented():
    page = (ROOT / "docs" / "tools" / "calculator.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name in URL_PARAMS:
        assert f"`{name}`" in page, name
        assert f"`{name}`" in contributing, name


BASE = {"price": "99", "cost": "40", "shipping": "8", "refund": "5", "commission": "20"}

# Every case loads tools/calculator/?<params> and compares both platforms with calculate_params.
CASES = [
    {"bt": "food-supply", **BASE, "fee_douyin": "5", "fee_channels": "3"},                  # the documented example
    {"price": "100", "cost": "35", "shipping": "15", "refund": "10", "commission": "0", "fee_douyin": "5", "fee_channels": "5"},
    {"price": "100", "cost": "35", "shipping": "15", "refund": "10", "commission": "20", "fee_douyin": "5", "fee_channels": "5"},
    {"price": "60", "cost": "35", "shipping": "15", "refund": "10", "commission": "20", "fee_douyin": "5", "fee_channels": "5"},
    {"price": "100", "cost": "50", "shipping": "0", "refund": "0", "commission": "0", "fee_douyin": "50", "fee_channels": "49"},
    {"price": "50", "cost": "10", "shipping": "5", "refund": "100", "commission": "20", "fee_douyin": "5", "fee_channels": "0"},
    {"price": "50", "cost": "0", "shipping": "0", "refund": "100", "commission": "0", "fee_douyin": "0", "fee_channels": "0"},
    {**BASE, "price": "0", "fee_douyin": "5", "fee_channels": "3"},                         # zero price
    {**BASE, "fee_douyin": "101", "fee_channels": "3"},                                       # rate over 100
    {**BASE, "commission": "100.5", "fee_douyin": "5", "fee_channels": "3"},
    {**BASE, "cost": "-1", "fee_douyin": "5", "fee_channels": "3"},                          # negative amount
    {**BASE, "fee_douyin": "-5", "fee_channels": "3"},                                        # negative rate
    {**BASE, "fee_douyin": "5"},                                                               # channels fee missing
    {**BASE},                                                                                  # both fees missing
    {**BASE, "fee_douyin": "", "fee_channels": "3"},                                          # empty fee parameter
    {"price": "９９．５", "cost": "４０", "shipping": "8", "refund": "5%", "commission": "20％", "fee_douyin": " 5 ", "fee_channels": "3 %"},
    {"price": "19.9", "cost": "7.35", "shipping": "3.2", "refund": "2.5", "commission": "12.5", "fee_douyin": "0.6", "fee_channels": "1.5"},
    {"price": "1.01", "cost": "0", "shipping": "0", "refund": "50", "commission": "0", "fee_douyin": "0", "fee_channels": "0.3"},
    {"price": "100", "cost": "99.996", "shipping": "0", "refund": "0", "commission": "0", "fee_douyin": "0", "fee_channels": "0"},
    {"price": "99999999", "cost": "1", "shipping": "1", "refund": "3", "commission": "7", "fee_douyin": "2", "fee_channels": "1"},
    {**BASE, "price": "100000001", "fee_douyin": "5", "fee_channels": "3"},                  # above 1 亿元
    {**BASE, "price": "abc", "fee_douyin": "5", "fee_channels": "3"},
    {**BASE, "price": "1e3", "fee_douyin": "5", "fee_channels": "3"},
    {**BASE, "price": "", "fee_douyin": "5", "fee_channels": "3"},                            # missing price
    {**BASE, "commission": "", "fee_douyin": "5", "fee_channels": "3"},                       # missing commission
    {"bt": "no-such-type", **BASE, "fee_douyin": "100", "fee_channels": "100"},
    {"bt": "local-restaurant", "price": "128", "cost": "45", "shipping": "0", "refund": "8", "commission": "10", "fee_douyin": "6", "fee_channels": "2.5"},
    {"price": "0.01", "cost": "0", "shipping": "0", "refund": "0", "commission": "0", "fee_douyin": "0", "fee_channels": "50"},
    # 1.005 is stored just below the half 分 and 100 − 5.955 lands on it exactly: both round up, on both sides.
    {"price": "1.005", "cost": "0", "shipping": "0", "refund": "0", "commission": "0", "fee_douyin": "0", "fee_channels": "0"},
    {"price": "100", "cost": "5.955", "shipping": "0", "refund": "0", "commission": "0", "fee_douyin": "0", "fee_channels": "0"},
]


def _expected(params: dict) -> dict:
    out = {}
    for platform, r in calculate_params(params).items():
        out[platform] = (("", "", str(r)) if isinstance(r, CalculatorError) else (r.profit_text, r.roi_text, None))
    return out


READ_JS = """root => Object.fromEntries(['douyin', 'channels'].map(p => {
  const box = root.querySelector(`[data-calc-platform=${p}]`);
  return [p, [box.querySelector('[data-calc-out=profit]').textContent, box.querySelector('[data-calc-out=roi]').textContent,
              box.querySelector('[data-calc-message]').textContent, box.dataset.state]];
}))"""


def _shown(page) -> dict:
    got = page.locator("[data-calculator]").evaluate(READ_JS)
    return {p: (v[0], v[1], v[2] if v[3] == "error" else None) for p, v in got.items()}


@pytest.fixture(scope="module")
def calc(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def _query(page) -> dict:
    """The page's own address (Playwright's page.url follows history.replaceState a moment later)."""
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def _open(page, site_url, params: dict | None = None):
    page.goto(f"{site_url}/tools/calculator/" + (f"?{urlencode(params)}" if params else ""))
    page.wait_for_selector("[data-calculator][data-ready=true]", timeout=15000)


def test_page_matches_python_for_every_case(calc, site_url):
    assert len(CASES) >= 20
    for params in CASES:
        _open(calc, site_url, params)
        assert _shown(calc) == _expected(params), params


def test_all_outcomes_are_covered_by_the_cases():
    kinds = set()
    for params in CASES:
        for r in calculate_params(params).values():
            kinds.add("error" if isinstance(r, CalculatorError) else ("loss" if r.break_even_roi is None else "ok"))
    assert kinds == {"ok", "loss", "error"}


def test_editing_an_input_updates_the_url_and_reloading_restores_the_result(calc, site_url):
    _open(calc, site_url, {"bt": "food-supply", **BASE, "fee_douyin": "5"})
    assert _shown(calc)["channels"] == ("", "", "请填写平台扣点")
    calc.locator("[data-calc-field=fee_channels]").fill("3")
    calc.locator("[data-calc-field=price]").fill("120")
    query = _query(calc)
    assert query["fee_channels"] == ["3"] and query["price"] == ["120"] and query["bt"] == ["food-supply"]
    before = _shown(calc)
    params = {**BASE, "price": "120", "fee_douyin": "5", "fee_channels": "3"}
    assert before == _expected(params)
    calc.locator("[data-calc-field=bt]").select_option("agri")
    assert _query(calc)["bt"] == ["agri"]
    calc.goto(calc.evaluate("location.href"))
    calc.wait_for_selector("[data-calculator][data-ready=true]", timeout=15000)
    assert _shown(calc) == before
    assert calc.locator("[data-calc-field=bt]").input_value() == "agri"
    assert calc.locator("[data-calc-field=price]").input_value() == "120"


def test_editing_replaces_the_history_entry(calc, site_url):
    _open(calc, site_url, BASE)
    length = calc.evaluate("history.length")
    for value in ("1", "2", "3"):
        calc.locator("[data-calc-field=fee_douyin]").fill(value)
    assert calc.evaluate("history.length") == length
    assert _query(calc)["fee_douyin"] == ["3"]


def test_empty_fee_shows_the_prompt_not_a_number(calc, site_url):
    _open(calc, site_url, BASE)
    for platform in PLATFORMS:
        box = calc.locator(f"[data-calc-platform={platform}]")
        assert calc.locator(f"[data-calc-field=fee_{platform}]").input_value() == ""
        assert box.locator("[data-calc-message]").inner_text() == "请填写平台扣点"
        assert box.locator("[data-calc-out=profit]").inner_text() == ""
        assert box.locator("[data-calc-out=roi]").inner_text() == ""
        assert not re.search(r"\d", box.locator(".calc-result").inner_text())
    # Typing a fee and clearing it again brings the prompt back.
    calc.locator("[data-calc-field=fee_douyin]").fill("5")
    assert calc.locator("[data-calc-platform=douyin] [data-calc-out=profit]").inner_text() == "21.30"
    calc.locator("[data-calc-field=fee_douyin]").fill("")
    assert calc.locator("[data-calc-platform=douyin] [data-calc-message]").inner_text() == "请填写平台扣点"
    assert "fee_douyin" not in _query(calc)


def test_fee_guidance_comes_from_the_fact_base(calc, site_url, built_site):
    facts = {f["id"]: f for f in json.loads((built_site / "facts.json").read_text(encoding="utf-8"))["facts"]}
    _open(calc, site_url, {"bt": "local-restaurant", **BASE})
    fee_facts = calc.evaluate("window.handbookCalculator.feeFacts")
    for ids in fee_facts.values():
        for fid in ids:
            assert fid in facts, f"calculator.js names fee fact {fid}, which facts.json no longer has"
    status = {"verified": "已核实", "unverified": "未核实", "not-applicable": "不适用"}
    for platform in PLATFORMS:
        shown = calc.locator(f"[data-calc-platform={platform}] [data-fact]")
        ids = shown.evaluate_all("els => els.map(e => e.dataset.fact)")
        assert ids == [fid for fid in fee_facts[""] + fee_facts["local-restaurant"] if platform in facts[fid]["values"]]
        for i, fid in enumerate(ids):
            pv = facts[fid]["values"][platform]
            text = shown.nth(i).inner_text()
            assert status[pv["status"]] in text and pv["checked"] in text, text
            assert (pv["value"] is None and "未知" in text) or str(pv["value"]) in text
            assert shown.nth(i).locator("a").get_attribute("href").endswith(f"/facts/{fid.split('.')[0]}/#{fid}")
        # No fee fact is a plain number today, so the input stays empty and required.
        if all(calc.evaluate("v => window.handbookCalculator.plainNumber(v)", facts[f]["values"][platform]["value"]) is None
               for f in ids):
            assert calc.locator(f"[data-calc-field=fee_{platform}]").input_value() == ""
            assert calc.locator(f"[data-calc-platform={platform}] [data-calc-message]").inner_text() == "请填写平台扣点"
    calc.locator("[data-calc-field=bt]").select_option("agri")
    assert calc.locator("[data-calc-platform=douyin] [data-fact]").evaluate_all("els => els.map(e => e.dataset.fact)") == ["store.tech-fee"]


def test_only_a_plain_number_fact_prefills_the_fee(calc, site_url):
    _open(calc, site_url)
    cases = [("5", "5"), ("5%", "5"), (" 0.6 ％", "0.6"), (5, "5"), (0, "0"), ("按类目设定", None), (None, None),
             (True, None), ("101", None), ("2%–8%", None), ("分 8 类，费率 2%–8%", None), (-1, None)]
    got = calc.evaluate("vs => vs.map(v => window.handbookCalculator.plainNumber(v))", [c[0] for c in cases])
    assert got == [c[1] for c in cases]


def test_business_types_are_offered(calc, site_url):
    _open(calc, site_url)
    options = calc.locator("[data-calc-field=bt] option").evaluate_all("els => els.map(e => e.value)")
    assert options == [""] + BUSINESS_TYPES


def test_overview_page_link_opens_the_calculator_for_its_business_type(calc, site_url):
    """Followed with Material's instant navigation (no full reload): the query still reaches the page."""
    calc.goto(f"{site_url}/playbooks/agri/")
    calc.locator('a[href*="tools/calculator/?bt=agri"]').click()
    calc.wait_for_selector("[data-calculator][data-ready=true]", timeout=15000)
    assert calc.locator("[data-calc-field=bt]").input_value() == "agri"
    calc.locator("[data-calc-field=price]").fill("50")
    assert _query(calc) == {"bt": ["agri"], "price": ["50"]}


def test_fact_text_goes_into_the_page_as_text(browser, site_url):
    """facts.json text is shown with textContent: markup in any field stays visible text, runs nothing."""
    payload = '<img src=x onerror="alert(1)">'
    pv = {"value": payload, "note": payload, "how_to_check": payload, "status": payload, "checked": payload,
          "stale": True, "sources": []}
    facts = {"facts": [{"id": "store.tech-fee", "label": payload, "values": {"douyin": pv, "channels": {**pv, "how_to_check": None}}}]}
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/facts.json", lambda route: route.fulfill(status=200, content_type="application/json",
                                                            body=json.dumps(facts)))
    try:
        _open(page, site_url, BASE)
        page.wait_for_timeout(200)
        for platform in PLATFORMS:
            box = page.locator(f"[data-calc-platform={platform}] [data-calc-facts]")
            assert box.locator("img").count() == 0
            assert payload in box.inner_text()
            assert page.locator(f"[data-calc-field=fee_{platform}]").input_value() == ""
    finally:
        context.close()
    assert dialogs == []


def test_calculator_works_without_the_fact_base(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.route("**/facts.json", lambda route: route.fulfill(status=404, body="not found"))
    try:
        params = {**BASE, "fee_douyin": "5", "fee_channels": "3"}
        _open(page, site_url, params)
        assert _shown(page) == _expected(params)
        assert "事实库没有加载" in page.locator("[data-calc-platform=douyin] [data-calc-facts]").inner_text()
    finally:
        context.close()

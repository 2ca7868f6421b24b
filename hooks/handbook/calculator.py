"""成本计算器: one order's profit and the break-even ROI, per platform.

The browser page (docs/tools/calculator.md, docs/assets/javascripts/calculator.js) implements the
same parsing, validation, formula and rounding; tests load the page with URL parameters and compare
its numbers with these functions, for Douyin and Channels side by side.

Formula (the one the food-supply B2C playbook uses, docs/playbooks/food-supply/b2c.md#food-b2c-paid-traffic):

    unit_profit    = price × (1 − refund) − product_cost − shipping − price × (platform_fee + commission)
    break_even_roi = price ÷ unit_profit            (GMV per 1 元 of ad spend; only when unit_profit > 0)

Assumptions (conservative on purpose):

- Refunded orders still cost the goods and the shipping (frozen food that spoiled is not sent back),
  so product_cost and shipping are taken on every order, refunded or not.
- The platform fee and the creator commission are charged on the full price; whatever a refund
  gives back is left to the settlement statement.
- Ad spend is what the ROI pays for, so it is not in unit_profit.

Units and rounding:

- Amounts are 元 per order; rates are percentages as the page shows them (5 means 5 %) and are
  divided by 100 inside the formula, in the same order of floating-point operations as the page.
- Display rounds to 2 decimals, half away from zero, with a 10⁻⁶-分 tolerance so that binary
  noise (94.045 stored as 94.04499…) rounds the way a person would; see `cents()`.
- unit_profit that rounds to 0.00 元 or less means 无法保本: break_even_roi is None, never a
  negative or infinite ROI.

Validation: every input is required — an empty field is an error ("请填写平台扣点"), never a
silent 0. Numbers must be finite and not negative; price must be above 0; rates at most 100;
amounts at most MAX_AMOUNT. Full-width digits and a trailing % are accepted, as readers type them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Mapping

PLATFORMS = ("douyin", "channels")
PLATFORM_NAMES = {"douyin": "抖音", "channels": "视频号"}
MAX_AMOUNT = 100_000_000  # 1 亿元: far above any single order, and small enough for exact cents

# Input fields: URL parameter → (label, kind). The page uses the same names.
FIELDS: dict[str, tuple[str, str]] = {
    "price": ("到手价", "amount"),
    "cost": ("货本", "amount"),
    "shipping": ("快递费", "amount"),
    "refund": ("退款率", "rate"),
    "commission": ("达人佣金率", "rate"),
    "fee": ("平台扣点", "rate"),
}
# URL parameters: bt (business type id), the shared fields, and one fee per platform.
URL_PARAMS = ("bt", "price", "cost", "shipping", "refund", "commission", "fee_douyin", "fee_channels")
NO_BREAK_EVEN = "无法保本"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")  # ASCII digits only, as in JS


class CalculatorError(ValueError):
    """A bad or missing input; `field` is its URL parameter name, str(self) the message shown."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Result:
    unit_profit: float
    break_even_roi: float | None  # None: 无法保本

    @property
    def profit_text(self) -> str:
        return format2(self.unit_profit)

    @property
    def roi_text(self) -> str:
        return NO_BREAK_EVEN if self.break_even_roi is None else format2(self.break_even_roi)


def parse_number(text: str | None, field: str) -> float | None:
    """The number a reader typed (or a URL carried): None when empty, CalculatorError when not a number.

    Accepts full-width digits (９９．５) and, for rates, a trailing % or ％; nothing else."""
    if text is None:
        return None
    s = str(text).strip().translate(_FULL_WIDTH)
    if FIELDS[field][1] == "rate":
        s = re.sub(r"\s*[%％]\Z", "", s)
    if s == "":
        return None
    if not _NUMBER.fullmatch(s):
        raise CalculatorError(field, f"{FIELDS[field][0]}不是数字")
    return float(s)


def _check(field: str, value: float | None) -> float:
    label, kind = FIELDS[field]
    if value is None:
        raise CalculatorError(field, f"请填写{label}")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise CalculatorError(field, f"{label}不是数字")
    if value < 0:
        raise CalculatorError(field, f"{label}不能是负数")
    if field == "price" and value == 0:
        raise CalculatorError(field, "到手价要大于 0")
    if kind == "rate" and value > 100:
        raise CalculatorError(field, f"{label}不能超过 100 %")
    if kind == "amount" and value > MAX_AMOUNT:
        raise CalculatorError(field, f"{label}超过 1 亿元，请检查")
    return float(value)


def unit_profit(price: float, product_cost: float, shipping: float, refund_rate: float,
                platform_fee_rate: float | None, creator_commission_rate: float) -> float:
    """One order's profit in 元 before ad spend. Rates in percent. Raises CalculatorError on bad input."""
    price = _check("price", price)
    product_cost = _check("cost", product_cost)
    shipping = _check("shipping", shipping)
    refund = _check("refund", refund_rate)
    commission = _check("commission", creator_commission_rate)
    fee = _check("fee", platform_fee_rate)
    # Same operations in the same order as calculator.js, so both give the same double.
    return price * (1 - refund / 100) - product_cost - shipping - price * ((fee + commission) / 100)


def cents(x: float) -> int:
    """x rounded to whole 分, half away from zero (the page computes the identical integer)."""
    c = math.floor(abs(x) * 100 + 0.5 + 1e-6)
    return -c if x < 0 else c


def round2(x: float) -> float:
    """x rounded to 2 decimals for display."""
    return cents(x) / 100


def format2(x: float) -> str:
    """x as the page shows it: two decimals, no thousands separator, never '-0.00'."""
    c = cents(x)
    sign = "-" if c < 0 else ""
    c = abs(c)
    return f"{sign}{c // 100}.{c % 100:02d}"


def break_even_roi(price: float, profit: float) -> float | None:
    """price ÷ profit: the ad ROI (GMV per 1 元 spent) at which the order just breaks even.

    None (无法保本) when the profit rounds to 0.00 元 or less: no ROI, however high, pays for ads then."""
    if cents(profit) <= 0:
        return None
    return price / profit


def calculate(price: float, product_cost: float, shipping: float, refund_rate: float,
              platform_fee_rate: float | None, creator_commission_rate: float) -> Result:
    profit = unit_profit(price, product_cost, shipping, refund_rate, platform_fee_rate, creator_commission_rate)
    return Result(profit, break_even_roi(price, profit))


def calculate_params(params: Mapping[str, str]) -> dict[str, Result | CalculatorError]:
    """What the page shows for its URL parameters: per platform a Result, or the first input error,
    fields checked in the page's order (price, cost, shipping, refund, commission, that platform's fee)."""
    out: dict[str, Result | CalculatorError] = {}
    for platform in PLATFORMS:
        try:
            v = {f: _check(f, parse_number(params.get(f), f)) for f in ("price", "cost", "shipping", "refund", "commission")}
            fee = _check("fee", parse_number(params.get(f"fee_{platform}"), "fee"))
            out[platform] = calculate(v["price"], v["cost"], v["shipping"], v["refund"], fee, v["commission"])
        except CalculatorError as e:
            out[platform] = e
    return out

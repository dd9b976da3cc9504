"""Exact money: printed amounts to :class:`decimal.Decimal` yuan, exact to the fen.

Quirks of the sources:

* Units differ between documents and between tables of one document: 万元 (the seed, the
  Shanghai 三公 table) and 元 (the other Shanghai tables). Amounts are converted to yuan
  with decimal arithmetic, never floats, so 13.520000 万元 is exactly 135200.00 yuan.
* Thousands separators (``156,211,123``), full-width digits and commas, a leading "-" or
  "−", and surrounding spaces occur; all are accepted. A space *inside* the number is not:
  "80 9" (in a cell that printed 8.09) is not 809, it is text where an amount belongs.
  Digits of other scripts ("٣", which :mod:`decimal` would read) are not amounts either.
* Amounts are held as ``decimal128(18, 2)``: at most :data:`MAX_AMOUNT_YUAN`, about 10¹⁶
  yuan. The largest figures any disclosure prints are national totals: the 2024 national
  general public budget spends about 2.85 × 10¹³ yuan (28.5 万亿元), all four national
  budgets together under 10¹⁴, so eighteen digits keep the fen of every real budget with
  a hundredfold margin. A larger printed figure (a misprint, a code in an amount column,
  a hostile file) is :class:`AmountRangeError`, recorded as an anomaly, never a crash or a
  rounded number.
* A blank cell is not zero: :func:`parse_amount` returns ``None`` for it, and the printed 0
  stays 0.
* Text that is not a number (the seed prints "万元" in a number column) is not a number:
  :func:`parse_amount` raises :class:`AmountParseError` and the caller records an anomaly.
* A value finer than the fen after conversion (a 万元 amount with more than six decimals)
  cannot be represented exactly and is rejected rather than rounded.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, Inexact, localcontext

import pandas as pd
import pyarrow as pa

from helpers.errors import BudgetNotebooksError

#: Significant digits of an amount in yuan (two of them after the point: the fen).
AMOUNT_DIGITS = 18
#: The dtype of every ``amount_yuan`` column: exact decimal with two places (fen).
AMOUNT_DTYPE = pd.ArrowDtype(pa.decimal128(AMOUNT_DIGITS, 2))

FEN = Decimal("0.01")
#: The largest amount (in yuan, either sign) :data:`AMOUNT_DTYPE` holds: see the docstring.
MAX_AMOUNT_YUAN = Decimal(10) ** (AMOUNT_DIGITS - 2) - FEN
#: Digits beyond this many are not even converted (a 10⁶-digit "number" costs time).
_MAX_PRINTED_DIGITS = 40

#: Printed unit → yuan per unit.
UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－−", "0123456789,.--")
_AMOUNT_RE = re.compile(r"^-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)")


def half_width(text: str) -> str:
    """Return ``text`` with full-width digits, separators and minus signs as ASCII.

    Readers deciding whether a printed cell is a figure ("１，１６６．９４") must see what
    :func:`parse_amount` sees.
    """
    return text.translate(_FULL_WIDTH)


class AmountParseError(BudgetNotebooksError, ValueError):
    """A cell's text is not a valid amount (a ValueError too, as it always was)."""


class AmountRangeError(AmountParseError):
    """A cell prints a number larger than :data:`MAX_AMOUNT_YUAN` yuan."""


def parse_amount(text: str | None, unit: str = "元") -> Decimal | None:
    """Parse printed amount text into exact yuan.

    Args:
        text: The cell text as printed.
        unit: The unit the amount is printed in (a key of :data:`UNIT_FACTORS`).

    Returns:
        The amount in yuan with exactly two decimal places, or None for a blank cell.

    Raises:
        AmountParseError: The text is not a number, or is finer than one fen in yuan.
    """
    if text is None:
        return None
    cleaned = half_width(text).strip()  # str.strip: every kind of space
    if cleaned == "":
        return None
    if not _AMOUNT_RE.match(cleaned):
        inner = " inside the number" if any(ch.isspace() for ch in cleaned) else ""
        raise AmountParseError(f"not an amount{inner}: {text!r}")
    if unit not in UNIT_FACTORS:
        raise AmountParseError(f"not an amount in {unit}: {text!r}")
    digits = cleaned.replace(",", "")
    if len(digits) > _MAX_PRINTED_DIGITS:
        raise AmountRangeError(f"{len(digits)} digits: beyond {MAX_AMOUNT_YUAN:,} yuan: "
                               f"{text[:60]!r}")
    with localcontext() as context:  # exact: no digit of the printed figure rounded away
        context.prec = 2 * _MAX_PRINTED_DIGITS
        context.traps[Inexact] = True
        value = Decimal(digits) * UNIT_FACTORS[unit]
    if abs(value) > MAX_AMOUNT_YUAN:
        raise AmountRangeError(f"{text!r} {unit} is beyond {MAX_AMOUNT_YUAN:,} yuan (the "
                               "largest amount held)")
    if value != value.quantize(FEN):
        raise AmountParseError(f"{text!r} {unit} is finer than one fen")
    return value.quantize(FEN)


def as_amount(value: object) -> Decimal | None:
    """Return a frame cell as an exact amount: None for a blank (None, NA, NaN)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return Decimal(str(value))


def amount_or_zero(value: object) -> Decimal:
    """Return a frame cell as an exact amount, a blank counting as zero (for sums)."""
    amount = as_amount(value)
    return Decimal(0) if amount is None else amount


def printed_precision(text: str, unit: str = "元") -> Decimal:
    """Return one unit of the last printed digit, in yuan ("876.75", 万元 → 100).

    A figure printed as "876.75万元" says nothing finer than 0.01 万元: comparisons against
    it are made at that precision.
    """
    cleaned = text.translate(_FULL_WIDTH).replace(",", "").strip()
    decimals = len(cleaned.split(".", 1)[1]) if "." in cleaned else 0
    return Decimal(1).scaleb(-decimals) * UNIT_FACTORS[unit]


def find_unit(texts: list[str] | tuple[str, ...], default: str | None = None) -> str | None:
    """Return the unit declared in caption lines such as "单位：万元", or ``default``."""
    for text in texts:
        match = _UNIT_RE.search(text.replace(" ", ""))
        if match:
            return match.group(1)
    return default


def to_wan(amount_yuan: Decimal) -> Decimal:
    """Convert yuan to 万元 (exact; reports display 万元)."""
    return amount_yuan / UNIT_FACTORS["万元"]


def round_wan(amount_yuan: object) -> Decimal:
    """Return an exact yuan amount in 万元, rounded half-up to two decimals (as printed)."""
    amount = amount_yuan if isinstance(amount_yuan, Decimal) else Decimal(str(amount_yuan))
    return to_wan(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def format_wan(amount_yuan: object) -> str:
    """Format an exact yuan amount as 万元 with two decimals and thousands separators."""
    return f"{round_wan(amount_yuan):,}"

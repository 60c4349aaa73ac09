"""Funding settled after the evaluation: per community, and each department's share of it.

One formula, used by `zsht score` and `zsht report` alike. A community settles its agreed funding times the rate
of its grade, rounded to the fen half up (as a finance office does). That settlement is shared among the
departments whose items the community agreed, in proportion to each department's agreed funding, in whole fen
by the largest-remainder method, so that the departments' shares add up to the community's settlement exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext

from ..models import Agreement, AssistItem
from ..policy import agreed_terms

CENT = Decimal("0.01")
# Scores and rates are whatever the records say, however absurd (1e+300, or a 5,000-digit number): computing
# must not stop on them. Without traps, and with the widest exponents, no operation raises: what overflows
# becomes Infinity, what has no value NaN; `scores.compute` turns both into a result `finite` tells apart.
FORGIVING = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])
EXACT_DIGITS = 1000  # amounts rounded to fen up to this many digits; beyond, no amount is meant


def money(value: Decimal) -> Decimal:
    """Round to fen, half up, as a finance office does; exact for any amount (never raises)."""
    if not value.is_finite() or value.adjusted() > EXACT_DIGITS:
        return value
    # one digit more than the value has: rounding up may carry into a new place (999.995 → 1000.00)
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=Context(prec=max(value.adjusted(), 0) + 4))


def comparable(value: Decimal) -> Decimal:
    """A figure computed in the forgiving context made safe to compare and subtract outside it.

    Outside that context NaN raises in any comparison, and a number past the usual exponents in any arithmetic:
    both become Infinity, which compares and subtracts everywhere (and is no amount, see `scores.finite`)."""
    if value.is_nan() or (value.is_finite() and value.adjusted() > EXACT_DIGITS):
        return Decimal("-Infinity") if value.is_signed() and not value.is_nan() else Decimal("Infinity")
    return value


def settled(amount: Decimal, rate: Decimal) -> Decimal:
    """The funding a community settles: its agreed `amount` at its grade's `rate`, in fen; never raises."""
    with localcontext(FORGIVING):
        return comparable(money(amount * rate))


def agreed_by_department(agreement: Agreement, items: Mapping[str, AssistItem]) -> dict[str, Decimal]:
    """The funding each department agreed in one agreement (department id → yuan), by department id, on the
    agreed terms (`policy.agreed_terms`: a signed agreement's own, else the catalog `items`).

    An item neither in the catalog nor with recorded terms has no department and counts for none."""
    agreed: dict[str, Decimal] = defaultdict(Decimal)
    for terms in agreed_terms(agreement, items):
        if terms.department is not None and terms.funding is not None:
            agreed[terms.department] += terms.funding.amount
    return dict(sorted(agreed.items()))


def department_shares(settlement: Decimal, agreed: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Each department's share of a community's `settlement`, in proportion to what it `agreed`, in fen.

    Every share is its exact proportion rounded down to the fen; the fen left over go one each to the shares
    that lost the most by it (ties: the larger agreed amount, then the department id), so the shares add up to
    the settlement exactly. Without agreed funding, or without a settlement that is an amount, every share is 0.
    """
    fen = {department: _fen(amount) for department, amount in agreed.items()}
    total = sum(fen.values())
    if total <= 0 or not settlement.is_finite() or settlement.adjusted() > EXACT_DIGITS:
        return {department: Decimal("0.00") for department in agreed}
    whole = _fen(settlement)
    # Integer fen throughout: the proportion and its remainder are exact, whatever the amounts.
    parts = {department: divmod(whole * amount, total) for department, amount in fen.items()}
    left = whole - sum(share for share, _ in parts.values())
    favoured = set(sorted(parts, key=lambda d: (-parts[d][1], -fen[d], d))[:left])
    return {department: Decimal(share + (department in favoured)).scaleb(-2)
            for department, (share, _) in parts.items()}


def _fen(amount: Decimal) -> int:
    return int(money(amount).scaleb(2))

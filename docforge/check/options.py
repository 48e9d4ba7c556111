"""How strict the figure checks are: the rounding they allow."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CheckOptions:
    """``tolerance``: how far a total may be from its parts, in the figures' own unit.

    None (the default) allows what rounding to the printed precision can give:
    one unit of the last printed place (0.01 for figures printed to 0.01 万元),
    or half a unit per rounded figure when more figures are added up.
    """

    tolerance: Decimal | None = None

    def allowed(self, values: list[Decimal]) -> Decimal:
        """How far apart a total and the sum of its parts (all in ``values``) may be."""
        if self.tolerance is not None:
            return self.tolerance
        places = max((places_of(v) for v in values), default=0)
        unit = Decimal(10) ** -places
        return max(unit, unit / 2 * len(values))


def places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0

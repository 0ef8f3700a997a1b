"""Jekyll's Liquid on python-liquid: tags, filters, includes, ``site`` and ``page``.

Build one :class:`LiquidStage` per site and call :meth:`LiquidStage.render` per
entry; it returns a :class:`LiquidResult` (text + diagnostics) and never raises.
"""

from __future__ import annotations

from .stage import Limits, LiquidResult, LiquidStage, needs_liquid

__all__ = ["Limits", "LiquidResult", "LiquidStage", "needs_liquid"]

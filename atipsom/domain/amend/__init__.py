"""The amendment engine (engine.py) and its operations (registry.py, one module per family)."""

from atipsom.domain.amend.engine import Application, Consolidation, consolidate
from atipsom.domain.amend.state import AmendmentError

__all__ = ["AmendmentError", "Application", "Consolidation", "consolidate"]

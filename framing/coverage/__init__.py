"""Coverage: which facts each outlet reports, leaves out, or buries."""

from framing.coverage.analysis import (
    coverage_matrix,
    default_params,
    exclusive_share,
    findings,
    profile,
    tables,
)

__all__ = ["coverage_matrix", "default_params", "exclusive_share", "findings", "profile",
           "tables"]

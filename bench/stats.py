"""The one way the benchmarks summarise timings: median, 95th percentile (nearest rank) and max."""
from __future__ import annotations

import math
import statistics


def percentiles(values: list[float], digits: int = 1, suffix: str = "", with_max: bool = False) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]
    out = {f"p50{suffix}": round(statistics.median(ordered), digits), f"p95{suffix}": round(p95, digits)}
    if with_max:
        out[f"max{suffix}"] = round(ordered[-1], digits)
    return out

#!/usr/bin/env python3
"""Reference values for shared/finance, computed independently in exact arithmetic.

    python3 scripts/finance-reference.py        # writes shared/finance/reference.json

Run offline whenever the cases change; the TypeScript tests read the JSON and never need
Python. numpy_financial is not installable here, so every figure is computed with
fractions.Fraction from the exact values of the (double) inputs and rounded once, at the end,
to the nearest double: the reference carries no rounding error of its own. A plain numpy
float computation (npv as a discounted cash-flow vector, as numpy_financial.npv does it)
cross-checks the exact one, so a slip in either shows. Inputs are drawn from a seeded
generator, so the file is reproducible.

Each answered case also carries a `scale` per figure: the size of the terms the figure is the
sum or difference of (for example I + Σ (|benefit| + C) / (1 + r)^y for the NPV). A double
computation is exact to a few units in the last place of that scale, not of the figure itself
when it is a difference of nearly equal terms (an NPV near zero); the tests allow 1e-9 × scale.
For most cases scale and figure are of the same size (the script prints how many are not).
"""

import json
import os
import sys
from fractions import Fraction

import numpy as np

SEED = 20261126
rng = np.random.default_rng(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shared", "finance", "reference.json")

SCENARIOS = ("low", "base", "high")
MAX = Fraction(sys.float_info.max)
BENEFIT_FIELDS = ["annualVolume", "valuePerUnit", "lift"]
MONEY_FIELDS = ["investment", "runningCostPerYear", "annualVolume", "valuePerUnit", "lift"]
# Figures within this (relative to their scale) of a branch point — N = 0, payback = 12·H — are
# ones where rounding may pick either side; random draws that land there are drawn again.
AMBIGUOUS = Fraction(1, 10**9)


class Ambiguous(Exception):
    pass


def exact_scenario(req, x):
    """The scenario's figures as Fractions (roi/payback may be None), or ("out_of_range", fields)."""
    I, C, r, V, u = (Fraction(req[k]) for k in ("investment", "runningCostPerYear", "discountRate", "annualVolume", "valuePerUnit"))
    H = req["horizonYears"]
    x = Fraction(x)
    B = V * x * u
    if abs(B) > MAX:
        return "out_of_range", BENEFIT_FIELDS
    N = B - C
    A = sum(1 / (1 + r) ** y for y in range(1, H + 1))
    npv = -I + N * A
    D = I + H * C
    roi = None if D == 0 else (H * B - D) / D
    # N <= 0 never pays back, whatever I is (also I = 0: nothing is ever earned back).
    if N > 0 and 12 * I / N <= 12 * H:
        payback = 12 * I / N
    else:
        payback = None
    # Every amount the calculation passes through, as the formula is written in the contract
    # (and the cost total and H · N, which an implementation forms on the way).
    amounts = [N, N * A, npv, H * C, D, H * N, H * N - I] + ([roi] if roi is not None else [])
    if any(abs(a) > MAX for a in amounts):
        return "out_of_range", MONEY_FIELDS
    spread = abs(B) + C  # the size of the terms N is the difference of

    # Where the branch taken depends on the last bits, the case says nothing: flag it.
    if N != 0 and abs(N) <= AMBIGUOUS * spread:
        raise Ambiguous("N is within rounding of 0")
    if I != 0 and N > 0 and 12 * I / N != 12 * H and abs(I / N - H) <= AMBIGUOUS * H * spread / N:
        raise Ambiguous("payback is within rounding of the horizon")

    figures = {"annualBenefit": B, "npv": npv, "roi": roi, "paybackMonths": payback}
    scale = {
        "annualBenefit": abs(B),
        "npv": I + spread * A,
        "roi": None if D == 0 else (H * spread + I) / D,
        "paybackMonths": None if payback is None else (Fraction(0) if I == 0 else payback * spread / N),
    }
    return figures, scale


def numpy_npv(req, x):
    """An independent double computation: −I at t = 0, then the net as a cash flow in years 1..H."""
    benefit = req["annualVolume"] * x * req["valuePerUnit"]
    flows = np.full(req["horizonYears"], benefit - req["runningCostPerYear"], dtype=np.float64)
    discount = (1.0 + req["discountRate"]) ** np.arange(1, req["horizonYears"] + 1, dtype=np.float64)
    return -req["investment"] + float(np.sum(flows / discount))


def as_float(value):
    return None if value is None else float(value)


def expected_for(req):
    """(expected, scale) or the problem; raises Ambiguous for a case on a branch point."""
    figures = {}
    scales = {}
    paths = []
    for name in SCENARIOS:
        result = exact_scenario(req, req["lift"][name])
        if result[0] == "out_of_range":
            for field in result[1]:
                path = f"lift.{name}" if field == "lift" else field
                if path not in paths:
                    paths.append(path)
            continue
        exact, scale = result
        cross = numpy_npv(req, req["lift"][name])
        assert abs(Fraction(cross) - exact["npv"]) <= Fraction(1, 10**12) * max(scale["npv"], Fraction(1, 10**300)), (req, name, cross, float(exact["npv"]))
        figures[name] = {k: as_float(v) for k, v in exact.items()}
        scales[name] = {k: as_float(v) for k, v in scale.items()}
    if paths:
        return {"problem": {"code": "out_of_range", "paths": paths}}
    return {"expected": {"scenarios": figures}, "scale": scales}


def request(I, C, H, r, V, u, low, base, high):
    return {
        "investment": float(I), "runningCostPerYear": float(C), "horizonYears": int(H), "discountRate": float(r),
        "annualVolume": float(V), "valuePerUnit": float(u), "lift": {"low": float(low), "base": float(base), "high": float(high)},
    }


# Edge cases, each on purpose; dyadic numbers (0.5, 0.25, …) where a branch point must be hit
# exactly, since their products are exact in double precision too.
FIXED = [
    ("the worked example of the tests", request(100_000, 20_000, 5, 0.08, 1_000_000, 2.5, 0.01, 0.02, 0.03)),
    ("no investment: payback 0 where the scenario earns, none where it loses money", request(0, 20_000, 3, 0.08, 100_000, 1.5, -0.05, 0.1, 0.2)),
    ("no investment and no running cost: no ROI", request(0, 0, 4, 0.08, 50_000, 3, -0.01, 0.02, 0.04)),
    ("no investment, no running cost, no benefit", request(0, 0, 1, 0, 1000, 2, 0, 0, 0)),
    ("no running cost", request(250_000, 0, 5, 0.08, 2_000_000, 4, 0.005, 0.01, 0.02)),
    ("no discounting", request(120_000, 10_000, 6, 0, 400_000, 2, 0.02, 0.05, 0.09)),
    ("one year", request(10_000, 1_000, 1, 0.08, 200_000, 1, 0.05, 0.075, 0.1)),
    ("ten years", request(1_000_000, 150_000, 10, 0.08, 5_000_000, 1.25, 0.01, 0.03, 0.06)),
    ("ten years at a discount rate near 1", request(50_000, 5_000, 10, 0.999999, 100_000, 10, 0.02, 0.05, 0.1)),
    ("one year at a discount rate near 1", request(50_000, 5_000, 1, 0.999999, 100_000, 10, 0.02, 0.05, 0.1)),
    ("negative lifts: every scenario loses money", request(80_000, 12_000, 4, 0.06, 300_000, 2, -0.04, -0.02, -0.005)),
    ("a negative low, a positive high", request(80_000, 12_000, 4, 0.06, 300_000, 2, -0.01, 0.03, 0.08)),
    ("the net a year exactly 0", request(40_000, 2_000, 5, 0.08, 1_000, 4, 0.25, 0.5, 0.75)),
    ("the net a year exactly 0 without investment", request(0, 2_000, 5, 0.08, 1_000, 4, 0.25, 0.5, 0.75)),
    ("payback exactly at the horizon (60 of 60 months)", request(5_000, 1_000, 5, 0.08, 1_000, 4, 0.375, 0.5, 0.625)),
    ("payback one cent past the horizon", request(5_000.01, 1_000, 5, 0.08, 1_000, 4, 0.375, 0.5, 0.625)),
    ("payback exactly at 12 of 12 months", request(1_000, 1_000, 1, 0.1, 1_000, 4, 0.375, 0.5, 0.625)),
    ("payback exactly at 120 of 120 months", request(10_000, 1_000, 10, 0.05, 1_000, 4, 0.375, 0.5, 0.625)),
    ("ROI exactly 0", request(4_000, 1_000, 4, 0.08, 1_000, 4, 0.25, 0.5, 0.75)),
    ("no volume", request(30_000, 3_000, 3, 0.08, 0, 5, 0.01, 0.02, 0.03)),
    ("no value per unit", request(30_000, 3_000, 3, 0.08, 100_000, 0, 0.01, 0.02, 0.03)),
    ("zero lifts", request(30_000, 3_000, 3, 0.08, 100_000, 5, 0, 0, 0)),
    ("scenarios in no particular order", request(60_000, 5_000, 5, 0.08, 500_000, 2, 0.04, -0.01, 0.02)),
    ("a fractional volume", request(7_500.5, 333.33, 7, 0.035, 12_345.678, 0.99, 0.013, 0.021, 0.034)),
    ("a big chain: 10¹² visits a year", request(25_000_000, 4_000_000, 5, 0.08, 1e12, 0.35, 0.00002, 0.0001, 0.0003)),
    ("10¹⁵ units", request(1e9, 1e8, 8, 0.07, 1e15, 12.5, 1e-7, 5e-7, 2e-6)),
    ("huge volumes whose results still fit (10³⁰⁰)", request(3e296, 1e295, 10, 0.08, 1e300, 2, 1e-5, 2e-4, 1e-3)),
    ("huge volumes near the double range (10³⁰⁷ of benefit a year, one year)", request(0, 0, 1, 0.5, 1e307, 1, 0.5, 1, 2)),
    ("an annual benefit past the double range in two scenarios", request(1_000, 100, 5, 0.08, 1e300, 1, 1e-3, 1e10, 1e11)),
    ("an NPV past the double range", request(0, 0, 2, 0, 1.5e308, 1, 1, 1, 1)),
    ("a loss a year past the double range", request(0, 1e308, 3, 0.08, 1e308, 1, -1.5, -1.5, -1.5)),
    ("a cost total past the double range, with a finite NPV", request(1e308, 1e308, 1, 0.08, 1e308, 1, 1, 1, 1)),
]


def money(low, high):
    return round(float(np.exp(rng.uniform(np.log(low), np.log(high)))), 2)


def random_request():
    I = 0.0 if rng.uniform() < 0.1 else money(1e3, 5e7)
    C = 0.0 if rng.uniform() < 0.15 else money(1e2, 5e6)
    H = int(rng.integers(1, 11))
    pick = rng.uniform()
    r = 0.0 if pick < 0.15 else 0.08 if pick < 0.4 else round(float(rng.uniform(0, 0.25)), 4) if pick < 0.8 else float(rng.uniform(0, 0.999999))
    V = float(int(np.exp(rng.uniform(np.log(10), np.log(1e9))))) if rng.uniform() < 0.6 else float(np.exp(rng.uniform(0, np.log(1e7))))
    u = money(0.01, 2e3)
    if rng.uniform() < 0.5:  # a lift in conversion points
        base, width = float(rng.normal(0.004, 0.01)), float(np.exp(rng.uniform(np.log(1e-4), np.log(0.02))))
    else:  # a relative lift
        base, width = float(rng.normal(0.05, 0.1)), float(np.exp(rng.uniform(np.log(1e-3), np.log(0.2))))
    low, high = (float(f"{v:.6g}") for v in (base - width, base + width))
    return request(I, C, H, r, V, u, low, float(f"{base:.6g}"), high)


def main():
    cases = []
    for label, req in FIXED:
        cases.append({"label": label, "request": req, **expected_for(req)})  # Ambiguous here is a bug in the list
    redrawn = 0
    while len(cases) < 200:
        req = random_request()
        try:
            case = expected_for(req)
        except Ambiguous:
            redrawn += 1
            continue
        assert "problem" not in case, req
        cases.append({"request": req, **case})

    ill_conditioned = sum(
        1
        for c in cases if "expected" in c
        for name in SCENARIOS
        for field in ("npv", "roi")
        if c["expected"]["scenarios"][name][field] is not None and c["scale"][name][field] > 10 * abs(c["expected"]["scenarios"][name][field])
    )
    reference = {
        "generatedBy": f"scripts/finance-reference.py (Python {sys.version.split()[0]}, fractions.Fraction, numpy {np.__version__} cross-check, seed {SEED})",
        "tolerance": "1e-9 × scale per figure",
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(reference, f, indent=1, allow_nan=False)
        f.write("\n")
    problems = sum(1 for c in cases if "problem" in c)
    print(f"wrote {len(cases)} cases ({problems} out of range, {redrawn} ambiguous draws redrawn, "
          f"{ill_conditioned} npv/roi figures more than 10× smaller than their terms) to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()

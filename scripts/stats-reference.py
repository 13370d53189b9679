#!/usr/bin/env python3
"""Reference values for shared/stats, computed independently with scipy.

    python3 scripts/stats-reference.py        # writes shared/stats/reference.json

Run offline whenever the cases change; the TypeScript tests read the JSON and never need
Python. Everything here uses scipy's own distribution functions (scipy.stats, which wraps
Boost and Cephes) and, for the Beta chance to beat, numerical integration with
scipy.integrate.quad, cross-checked against the exact finite sum where that is cheap.
Inputs are drawn from a seeded generator, so the file is reproducible.
"""

import json
import math
import os
import sys

import numpy as np
import scipy
from scipy import integrate, special, stats

SEED = 20260517
rng = np.random.default_rng(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shared", "stats", "reference.json")


# ─── Distribution-level references ──────────────────────────────────────────────────────

def normal_cases():
    xs = sorted(set([0.0, 1e-300, -1e-300, 1e-10, 0.1, -0.5, 0.6744897, 0.67449, 1.0, -1.0, 1.959963984540054, 2.5, -3.0,
                     5.0, 5.656854249492380, -5.66, 6.0, -7.5, 8.0, 8.3, -10.0, -15.0, -20.0, -25.0, -30.0, -35.0, -37.0]
                    + [float(x) for x in np.round(rng.uniform(-12, 12, 60), 6)]))
    cdf = [{"x": x, "cdf": float(stats.norm.cdf(x)), "sf": float(stats.norm.sf(x))} for x in xs]
    ps = sorted(set([1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-15, 1e-12, 1e-9, 1e-6, 1e-4, 0.001, 0.005, 0.01, 0.025, 0.05, 0.075,
                     0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-9, 1 - 1e-12]
                    + [float(p) for p in rng.uniform(0, 1, 40)]))
    quantile = [{"p": p, "x": float(stats.norm.ppf(p))} for p in ps]
    return cdf, quantile


T_DFS = [1, 1.5, 2, 2.5, 3, 5, 7.3, 10, 30, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8]


def t_cases():
    xs = [0.0, 0.05, -0.3, 0.7, 1.0, -1.5, 2.0, 2.2281, -3.0, 4.0, -6.0, 10.0, -25.0, 100.0, -1e3, 1e5, -1e8]
    cdf = []
    for df in T_DFS:
        for x in xs:
            cdf.append({"df": df, "x": x, "cdf": float(stats.t.cdf(x, df)), "sf": float(stats.t.sf(x, df))})
    ps = [1e-12, 1e-9, 1e-6, 1e-4, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.9, 0.975, 0.995, 1 - 1e-6]
    quantile = []
    for df in T_DFS:
        for p in ps:
            quantile.append({"df": df, "p": p, "x": float(stats.t.ppf(p, df))})
    return cdf, quantile


def chi2_cases():
    ss = [0.0, 1e-12, 1e-4, 0.01, 0.1, 0.455, 1.0, 2.0, 3.841458820694124, 5.0, 6.635, 10.0, 10.828, 20.0, 50.0, 100.0, 300.0, 1000.0]
    return [{"s": s, "sf": float(stats.chi2.sf(s, 1))} for s in ss]


def special_cases():
    xs = [0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 7.3, 9.99, 10.0, 12.5, 55.5, 171.3, 1e3, 1e6, 1e10]
    lgamma = [{"x": x, "value": float(special.gammaln(x))} for x in xs]
    pairs = [(0.5, 0.5), (1, 1), (2.5, 0.5), (3, 7), (10, 10), (12, 0.5), (0.5, 5e6), (50, 5e6), (5e6, 5e6), (1e4, 3), (1e7, 2e7)]
    lbeta = [{"a": a, "b": b, "value": float(special.betaln(a, b))} for a, b in pairs]
    inc = []
    for a, b in [(0.5, 0.5), (2, 3), (15, 0.5), (0.5, 15), (100, 200), (500.5, 0.5), (5e5, 0.5), (3e3, 7e3)]:
        mean = a / (a + b)
        for x in sorted(set([1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, mean, min(0.999999, mean * 1.01), mean * 0.99])):
            inc.append({"a": a, "b": b, "x": x, "lower": float(special.betainc(a, b, x)), "upper": float(special.betaincc(a, b, x))})
    return lgamma, lbeta, inc


# ─── Beta chance to beat ────────────────────────────────────────────────────────────────

def beta_chance_quad(a_c, b_c, a_t, b_t):
    """P(X_t > X_c) = ∫ f_t(x)·F_c(x) dx by adaptive quadrature over the treatment's mass."""
    dist_t = stats.beta(a_t, b_t)
    dist_c = stats.beta(a_c, b_c)
    lo = float(dist_t.ppf(1e-15))
    hi = float(dist_t.isf(1e-15))
    if not (hi > lo):
        lo, hi = 0.0, 1.0
    edges = np.linspace(lo, hi, 41)
    total = 0.0
    for left, right in zip(edges[:-1], edges[1:]):
        value, _err = integrate.quad(lambda x: dist_t.pdf(x) * dist_c.cdf(x), left, right, epsabs=1e-15, epsrel=1e-12, limit=200)
        total += value
    return total


def beta_chance_sum(a_c, b_c, a_t, b_t):
    """Evan Miller's exact sum over i < a_t, vectorised (only used as a cross-check)."""
    i = np.arange(0, a_t, dtype=np.float64)
    terms = special.betaln(a_c + i, b_c + b_t) - np.log(b_t + i) - special.betaln(1 + i, b_t) - special.betaln(a_c, b_c)
    return float(np.exp(terms).sum())


def beta_cases():
    params = [
        (1, 1, 1, 1), (2, 1, 1, 2), (1, 3, 3, 1), (2, 2, 3, 1), (5, 15, 7, 13), (11, 91, 16, 86), (101, 901, 121, 881),
        (1, 101, 6, 96), (51, 951, 51, 951), (1001, 9001, 1101, 8901), (1, 1000001, 3, 999999),
        (19001, 981001, 19401, 980601), (20001, 980001, 20301, 979701), (20002, 30002, 20402, 29602),
        (25001, 75001, 25201, 74801), (50001, 50001, 50501, 49501), (500001, 9500001, 502001, 9498001),
        (100001, 9900001, 100601, 9899401), (1000001, 1000001, 1001001, 999001),
        # Past the exact sum's limit with skews that do not cancel: the Edgeworth term's hardest cases.
        (20001, 980001, 200001, 9800001), (20001, 980001, 200001, 9799001), (20001, 980001, 200001, 9802001),
        (20001, 9980001, 100001, 49900001), (20001, 9980001, 100201, 49899801), (30001, 30001, 300001, 299001),
    ]
    for _ in range(25):
        n_c, n_t = (int(v) for v in np.exp(rng.uniform(math.log(2), math.log(3e5), 2)))
        rate = float(np.exp(rng.uniform(math.log(0.002), math.log(0.6))))
        k_c = int(rng.binomial(n_c, rate))
        k_t = int(rng.binomial(n_t, rate * float(rng.uniform(0.8, 1.3))))
        k_t = min(k_t, n_t)
        params.append((1 + k_c, 1 + n_c - k_c, 1 + k_t, 1 + n_t - k_t))
    cases = []
    for a_c, b_c, a_t, b_t in params:
        value = beta_chance_quad(a_c, b_c, a_t, b_t)
        if min(a_t, 2_000_000) == a_t:
            exact = beta_chance_sum(a_c, b_c, a_t, b_t)
            assert abs(exact - value) < 1e-6, (a_c, b_c, a_t, b_t, exact, value)
        cases.append({"aControl": a_c, "bControl": b_c, "aTreatment": a_t, "bTreatment": b_t, "chance": value})
    return cases


# ─── The calculators ────────────────────────────────────────────────────────────────────

def srm(n_c, n_t, split):
    total = n_c + n_t
    share = [s / (split[0] + split[1]) for s in split]
    return float(stats.chisquare([n_c, n_t], f_exp=[total * share[0], total * share[1]]).pvalue)


def proportion_expected(req):
    c, t = req["control"], req["treatment"]
    alpha = req.get("alpha", 0.05)
    split = req.get("expectedSplit", [0.5, 0.5])
    n_c, k_c, n_t, k_t = c["users"], c["conversions"], t["users"], t["conversions"]
    p_c, p_t = k_c / n_c, k_t / n_t
    lift = p_t - p_c
    pooled = (k_c + k_t) / (n_c + n_t)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n_c + 1 / n_t))
    p_value = float(2 * stats.norm.sf(abs(lift / se_pooled)))
    var_c, var_t = p_c * (1 - p_c) / n_c, p_t * (1 - p_t) / n_t
    se = math.sqrt(var_c + var_t)
    crit = float(stats.norm.isf(alpha / 2))
    rel = lift / p_c
    se_rel = math.sqrt(var_t / p_c ** 2 + p_t ** 2 * var_c / p_c ** 4)
    srm_p = srm(n_c, n_t, split)
    return {
        "absoluteLift": lift, "relativeLift": rel,
        "ciAbsolute": [lift - crit * se, lift + crit * se], "ciRelative": [rel - crit * se_rel, rel + crit * se_rel],
        "pValue": min(1.0, p_value),
        "chanceToBeat": beta_chance_quad(1 + k_c, 1 + n_c - k_c, 1 + k_t, 1 + n_t - k_t),
        "srm": {"pValue": min(1.0, srm_p), "mismatch": bool(srm_p < 0.001)},
    }


def mean_expected(req):
    c, t = req["control"], req["treatment"]
    alpha = req.get("alpha", 0.05)
    split = req.get("expectedSplit", [0.5, 0.5])
    test = stats.ttest_ind_from_stats(t["mean"], t["sd"], t["n"], c["mean"], c["sd"], c["n"], equal_var=False)
    v_c, v_t = c["sd"] ** 2 / c["n"], t["sd"] ** 2 / t["n"]
    se = math.sqrt(v_c + v_t)
    df = (v_c + v_t) ** 2 / (v_c ** 2 / (c["n"] - 1) + v_t ** 2 / (t["n"] - 1))
    crit = float(stats.t.isf(alpha / 2, df))
    lift = t["mean"] - c["mean"]
    rel = lift / c["mean"]
    se_rel = math.sqrt(v_t / c["mean"] ** 2 + t["mean"] ** 2 * v_c / c["mean"] ** 4)
    srm_p = srm(c["n"], t["n"], split)
    return {
        "absoluteLift": lift, "relativeLift": rel,
        "ciAbsolute": [lift - crit * se, lift + crit * se], "ciRelative": [rel - crit * se_rel, rel + crit * se_rel],
        "pValue": min(1.0, float(test.pvalue)),
        "chanceToBeat": float(stats.norm.cdf(lift / se)),
        "srm": {"pValue": min(1.0, srm_p), "mismatch": bool(srm_p < 0.001)},
        "df": df,
    }


def proportion_requests():
    fixed = [
        ({"users": 10000, "conversions": 1000}, {"users": 10000, "conversions": 1100}, {}),
        ({"users": 2, "conversions": 1}, {"users": 2, "conversions": 2}, {}),
        ({"users": 2, "conversions": 1}, {"users": 2, "conversions": 0}, {}),
        ({"users": 5, "conversions": 2}, {"users": 5, "conversions": 4}, {}),
        ({"users": 5, "conversions": 5}, {"users": 5, "conversions": 3}, {}),
        ({"users": 100, "conversions": 5}, {"users": 100, "conversions": 0}, {}),
        ({"users": 50, "conversions": 50}, {"users": 50, "conversions": 45}, {}),
        ({"users": 80, "conversions": 80}, {"users": 60, "conversions": 0}, {}),
        ({"users": 10_000_000, "conversions": 500_000}, {"users": 10_000_000, "conversions": 502_000}, {}),
        ({"users": 10_000_000, "conversions": 20}, {"users": 10_000_000, "conversions": 31}, {}),
        ({"users": 10_000_000, "conversions": 9_999_990}, {"users": 10_000_000, "conversions": 9_999_995}, {}),
        ({"users": 9000, "conversions": 450}, {"users": 1000, "conversions": 61}, {"expectedSplit": [0.9, 0.1]}),
        ({"users": 3000, "conversions": 300}, {"users": 7000, "conversions": 760}, {"expectedSplit": [0.3, 0.7]}),
        ({"users": 5000, "conversions": 300}, {"users": 5000, "conversions": 330}, {"expectedSplit": [0.3, 0.7]}),
        ({"users": 10000, "conversions": 1000}, {"users": 10500, "conversions": 1100}, {}),
        ({"users": 1000, "conversions": 100}, {"users": 1000, "conversions": 120}, {"alpha": 0.01}),
        ({"users": 1000, "conversions": 100}, {"users": 1000, "conversions": 120}, {"alpha": 0.1}),
        ({"users": 1000, "conversions": 100}, {"users": 1000, "conversions": 120}, {"alpha": 1e-6}),
        ({"users": 1000, "conversions": 100}, {"users": 1000, "conversions": 120}, {"alpha": 0.9}),
        ({"users": 400, "conversions": 40}, {"users": 400, "conversions": 40}, {}),
        ({"users": 123457, "conversions": 4321}, {"users": 120001, "conversions": 4555}, {"alpha": 0.01, "expectedSplit": [0.51, 0.49]}),
        ({"users": 1, "conversions": 1}, {"users": 1, "conversions": 0}, {}),
        ({"users": 3, "conversions": 1}, {"users": 1, "conversions": 1}, {}),
    ]
    requests = []
    for control, treatment, extra in fixed:
        requests.append({"metric": "proportion", "control": control, "treatment": treatment, **extra})
    while len(requests) < 160:
        n_c, n_t = (int(v) for v in np.exp(rng.uniform(math.log(2), math.log(2e7), 2)))
        if rng.uniform() < 0.5:
            n_t = max(2, int(n_c * rng.uniform(0.9, 1.1)))
        rate = float(rng.uniform(0, 1)) if rng.uniform() < 0.3 else float(np.exp(rng.uniform(math.log(1e-4), math.log(0.5))))
        k_c = int(rng.binomial(n_c, rate))
        k_t = min(n_t, int(rng.binomial(n_t, min(1.0, rate * float(rng.uniform(0.7, 1.4))))))
        if k_c == 0 or (k_c + k_t) in (0, n_c + n_t):
            continue  # no statistic: covered by the error tests
        extra = {}
        if rng.uniform() < 0.4:
            extra["alpha"] = float(rng.choice([0.01, 0.1, round(float(rng.uniform(0.001, 0.3)), 4)]))
        if rng.uniform() < 0.3:
            share = round(float(rng.uniform(0.05, 0.95)), 3)
            extra["expectedSplit"] = [share, round(1 - share, 3)]
        requests.append({"metric": "proportion", "control": {"users": n_c, "conversions": k_c}, "treatment": {"users": n_t, "conversions": k_t}, **extra})
    return requests


def mean_requests():
    fixed = [
        ({"n": 1000, "mean": 52.3, "sd": 20.1}, {"n": 1000, "mean": 54.0, "sd": 21.7}, {}),
        ({"n": 2, "mean": 10.0, "sd": 1.0}, {"n": 2, "mean": 12.0, "sd": 1.5}, {}),
        ({"n": 2, "mean": 10.0, "sd": 3.0}, {"n": 5, "mean": 11.0, "sd": 0.5}, {}),
        ({"n": 5, "mean": 3.2, "sd": 0.8}, {"n": 5, "mean": 4.1, "sd": 0.9}, {}),
        ({"n": 40, "mean": 100.0, "sd": 0.01}, {"n": 35, "mean": 100.5, "sd": 100.0}, {}),
        ({"n": 30, "mean": 7.0, "sd": 250.0}, {"n": 3000, "mean": 9.0, "sd": 0.2}, {}),
        ({"n": 10_000_000, "mean": 48.12, "sd": 30.5}, {"n": 10_000_000, "mean": 48.16, "sd": 30.9}, {}),
        ({"n": 10_000_000, "mean": 0.5, "sd": 2.0}, {"n": 10, "mean": 0.7, "sd": 0.1}, {}),
        ({"n": 900, "mean": 20.0, "sd": 5.0}, {"n": 100, "mean": 20.5, "sd": 5.5}, {"expectedSplit": [0.9, 0.1]}),
        ({"n": 500, "mean": 20.0, "sd": 5.0}, {"n": 500, "mean": 20.5, "sd": 5.5}, {"expectedSplit": [0.25, 0.75]}),
        ({"n": 200, "mean": -15.0, "sd": 4.0}, {"n": 210, "mean": -14.0, "sd": 4.5}, {}),
        ({"n": 200, "mean": -0.3, "sd": 1.0}, {"n": 200, "mean": 0.2, "sd": 1.0}, {}),
        ({"n": 60, "mean": 1e6, "sd": 2e5}, {"n": 61, "mean": 1.05e6, "sd": 2.5e5}, {"alpha": 0.01}),
        ({"n": 60, "mean": 1e-6, "sd": 2e-7}, {"n": 61, "mean": 1.05e-6, "sd": 2.5e-7}, {"alpha": 0.1}),
        ({"n": 12, "mean": 4.0, "sd": 1.0}, {"n": 12, "mean": 4.0, "sd": 1.0}, {}),
        ({"n": 3, "mean": 4.0, "sd": 1.0}, {"n": 3, "mean": 40.0, "sd": 1.0}, {"alpha": 1e-6}),
        ({"n": 100, "mean": 4.0, "sd": 1.0}, {"n": 100, "mean": 4.3, "sd": 1.2}, {"alpha": 0.95}),
    ]
    requests = []
    for control, treatment, extra in fixed:
        requests.append({"metric": "mean", "control": control, "treatment": treatment, **extra})
    while len(requests) < 140:
        n_c, n_t = (int(v) for v in np.exp(rng.uniform(math.log(2), math.log(1e7), 2)))
        scale = float(np.exp(rng.uniform(math.log(1e-3), math.log(1e5))))
        sd_c = scale * float(np.exp(rng.uniform(-2, 2)))
        sd_t = sd_c * float(np.exp(rng.uniform(-3, 3)))
        mean_c = scale * float(rng.uniform(-5, 20))
        if mean_c == 0:
            continue
        mean_t = mean_c + float(rng.normal(0, 1)) * math.sqrt(sd_c ** 2 / n_c + sd_t ** 2 / n_t) * float(rng.uniform(0, 4))
        extra = {}
        if rng.uniform() < 0.4:
            extra["alpha"] = float(rng.choice([0.01, 0.1, round(float(rng.uniform(0.001, 0.3)), 4)]))
        if rng.uniform() < 0.3:
            share = round(float(rng.uniform(0.05, 0.95)), 3)
            extra["expectedSplit"] = [share, round(1 - share, 3)]
        requests.append({"metric": "mean", "control": {"n": n_c, "mean": mean_c, "sd": sd_c}, "treatment": {"n": n_t, "mean": mean_t, "sd": sd_t}, **extra})
    return requests


def sample_size_expected(req):
    p1 = req["baseline"]
    p2 = p1 * (1 + req["mde"])
    alpha = req.get("alpha", 0.05)
    power = req.get("power", 0.8)
    mean = (p1 + p2) / 2
    z_alpha = float(stats.norm.isf(alpha / 2))
    z_power = float(stats.norm.ppf(power))
    root = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_power * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = root * root / ((p2 - p1) * (p2 - p1))
    return {"perVariant": math.ceil(n), "unrounded": n}


def sample_size_requests():
    requests = []
    for baseline in [0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.9, 0.99]:
        for mde in [-0.5, -0.1, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0]:
            if not 0 < baseline * (1 + mde) < 1:
                continue
            requests.append({"baseline": baseline, "mde": mde})
    for alpha, power in [(0.01, 0.8), (0.1, 0.8), (0.05, 0.9), (0.01, 0.9), (0.05, 0.5), (0.05, 0.99), (0.2, 0.6)]:
        requests.append({"baseline": 0.05, "mde": 0.1, "alpha": alpha, "power": power})
        requests.append({"baseline": 0.2, "mde": -0.05, "alpha": alpha, "power": power})
    while len(requests) < 120:
        baseline = float(np.exp(rng.uniform(math.log(1e-4), math.log(0.95))))
        mde = float(rng.choice([-1, 1])) * float(np.exp(rng.uniform(math.log(0.005), math.log(2))))
        if not 0 < baseline * (1 + mde) < 1:
            continue
        req = {"baseline": baseline, "mde": mde}
        if rng.uniform() < 0.5:
            req["alpha"] = float(rng.choice([0.01, 0.05, 0.1]))
            req["power"] = float(rng.choice([0.8, 0.9, 0.95]))
        requests.append(req)
    return requests


def main():
    normal_cdf, normal_quantile = normal_cases()
    t_cdf, t_quantile = t_cases()
    lgamma, lbeta, inc = special_cases()
    compare = [{"request": r, "expected": proportion_expected(r)} for r in proportion_requests()]
    compare += [{"request": r, "expected": mean_expected(r)} for r in mean_requests()]
    reference = {
        "generatedBy": f"scripts/stats-reference.py (scipy {scipy.__version__}, numpy {np.__version__}, seed {SEED})",
        "normalCdf": normal_cdf,
        "normalQuantile": normal_quantile,
        "studentTCdf": t_cdf,
        "studentTQuantile": t_quantile,
        "chiSquare1Sf": chi2_cases(),
        "lnGamma": lgamma,
        "lnBeta": lbeta,
        "incompleteBeta": inc,
        "betaChanceToBeat": beta_cases(),
        "compare": compare,
        "sampleSize": [{"request": r, "expected": sample_size_expected(r)} for r in sample_size_requests()],
    }
    with open(OUT, "w") as f:
        json.dump(reference, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}: {len(compare)} comparisons, {len(reference['sampleSize'])} sample sizes", file=sys.stderr)


if __name__ == "__main__":
    main()

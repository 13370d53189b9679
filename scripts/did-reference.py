#!/usr/bin/env python3
"""Reference values for shared/stats/did.ts (difference in differences), computed independently.

    python3 scripts/did-reference.py        # writes shared/stats/did-reference.json

Welch's test from scipy.stats.ttest_ind(equal_var=False), intervals from scipy.stats.t.ppf, the
one-sample test from scipy.stats.ttest_1samp, and the randomisation p-value by enumerating every
split with itertools (also for cases where the TypeScript draws random relabellings, so those
are checked against the exact value within Monte Carlo error). Seeded, so reproducible.
"""

import itertools
import json
import math
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261205)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shared", "stats", "did-reference.json")


def location(level, spread, effect, n_pre, n_post, integer=False):
    pre = rng.normal(level, spread, n_pre)
    post = rng.normal(level + effect, spread, n_post)
    if integer:
        pre, post = np.round(pre), np.round(post)
    return {"pre": [round(float(x), 4) for x in pre], "post": [round(float(x), 4) for x in post]}


def exact_permutation(pd, cd):
    pooled = np.array(pd + cd)
    n, k = len(pooled), len(pd)
    observed = abs(np.mean(pd) - np.mean(cd))
    threshold = observed - 1e-9 * max(1.0, observed)
    total = pooled.sum()
    extreme = 0
    ways = 0
    for chosen in itertools.combinations(range(n), k):
        s = pooled[list(chosen)].sum()
        effect = s / k - (total - s) / (n - k)
        ways += 1
        if abs(effect) >= threshold:
            extreme += 1
    return extreme / ways, ways


def did(request):
    alpha = request.get("alpha", 0.05)
    pd = [np.mean(l["post"]) - np.mean(l["pre"]) for l in request["pilot"]]
    cd = [np.mean(l["post"]) - np.mean(l["pre"]) for l in request["control"]]
    n_p, n_c = len(pd), len(cd)
    effect = float(np.mean(pd) - np.mean(cd))
    vp, vc = np.var(pd, ddof=1) / n_p, np.var(cd, ddof=1) / n_c
    se = math.sqrt(vp + vc)
    level = float(np.mean([np.mean(l["pre"]) for l in request["pilot"]]))
    if se == 0:
        df = n_p + n_c - 2
        ci = [effect, effect]
        p = 1.0 if effect == 0 else 0.0
    else:
        df = (vp + vc) ** 2 / (vp ** 2 / (n_p - 1) + vc ** 2 / (n_c - 1))
        t = stats.t.ppf(1 - alpha / 2, df)
        ci = [effect - t * se, effect + t * se]
        p = float(stats.ttest_ind(pd, cd, equal_var=False).pvalue)
    perm, ways = exact_permutation(pd, cd)
    return {
        "effect": effect,
        "relativeEffect": None if level == 0 else effect / level,
        "se": se,
        "df": float(df),
        "ci": [float(x) for x in ci],
        "pValue": p,
        "permutationPValue": perm,
        "permutationExact": ways <= 200_000,
        "units": {"pilot": n_p, "control": n_c},
    }


def before_after(request):
    alpha = request.get("alpha", 0.05)
    d = [np.mean(l["post"]) - np.mean(l["pre"]) for l in request["pilot"]]
    n = len(d)
    effect = float(np.mean(d))
    se = float(np.std(d, ddof=1) / math.sqrt(n))
    level = float(np.mean([np.mean(l["pre"]) for l in request["pilot"]]))
    if se == 0:
        ci, p = [effect, effect], (1.0 if effect == 0 else 0.0)
    else:
        t = stats.t.ppf(1 - alpha / 2, n - 1)
        ci, p = [effect - t * se, effect + t * se], float(stats.ttest_1samp(d, 0).pvalue)
    return {"effect": effect, "relativeEffect": None if level == 0 else effect / level, "se": se, "df": n - 1, "ci": ci, "pValue": p, "units": {"pilot": n}}


cases = []
# Small pilots of every shape: conversion rates, spend per customer, NPS; with and without a real effect.
for i in range(120):
    n_p, n_c = int(rng.integers(2, 9)), int(rng.integers(2, 9))
    level, spread = [(0.22, 0.02), (31.5, 3.0), (40.0, 12.0), (1200.0, 150.0)][i % 4]
    effect = [0.0, spread * 0.8, -spread * 0.5][i % 3]
    integer = i % 7 == 0
    req = {
        "pilot": [location(level, spread, effect, int(rng.integers(1, 7)), int(rng.integers(1, 7)), integer) for _ in range(n_p)],
        "control": [location(level, spread, 0.0, int(rng.integers(1, 7)), int(rng.integers(1, 7)), integer) for _ in range(n_c)],
    }
    if i % 5 == 0:
        req["alpha"] = [0.01, 0.1, 0.2, 0.001][(i // 5) % 4]
    cases.append({"request": req, "expected": did(req)})

# No spread: every location moved the same, within its group.
for pilot_move, control_move in [(1.0, 1.0), (2.0, 0.5), (0.0, 0.0), (-1.5, 0.25)]:
    req = {
        "pilot": [{"pre": [10.0, 12.0], "post": [11.0 + pilot_move, 11.0 + pilot_move]}, {"pre": [5.0], "post": [5.0 + pilot_move]}],
        "control": [{"pre": [7.0], "post": [7.0 + control_move]}, {"pre": [3.0, 3.0], "post": [3.0 + control_move]}, {"pre": [8.0], "post": [8.0 + control_move]}],
    }
    cases.append({"request": req, "expected": did(req)})

# A pilot whose level before was 0 (a relative effect does not exist).
req = {"pilot": [{"pre": [-1.0], "post": [2.0]}, {"pre": [1.0], "post": [1.5]}], "control": [{"pre": [0.0], "post": [0.5]}, {"pre": [2.0], "post": [1.0]}]}
cases.append({"request": req, "expected": did(req)})

# Beyond 200,000 splits: the TypeScript draws random relabellings; checked within Monte Carlo error.
random_cases = []
for n_p, n_c in [(11, 10), (12, 12)]:
    req = {
        "pilot": [location(0.2, 0.03, 0.01, 8, 6) for _ in range(n_p)],
        "control": [location(0.2, 0.03, 0.0, 8, 6) for _ in range(n_c)],
    }
    random_cases.append({"request": req, "expected": did(req)})

ba_cases = []
for i in range(30):
    n = int(rng.integers(2, 10))
    req = {"pilot": [location(31.5, 3.0, [0.0, 2.0][i % 2], int(rng.integers(1, 6)), int(rng.integers(1, 6))) for _ in range(n)]}
    if i % 4 == 0:
        req["alpha"] = 0.1
    ba_cases.append({"request": req, "expected": before_after(req)})

with open(OUT, "w") as f:
    json.dump({"did": cases, "didRandom": random_cases, "beforeAfter": ba_cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} + {len(random_cases)} + {len(ba_cases)} cases to {OUT}")

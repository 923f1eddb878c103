"""Independent reference for autoclv's Pareto/NBD covariate fit on CLVTools' apparel data.

Not autoclv code: the summaries are computed here from the CSV files as CLVTools' clvdata() does (same-day
transactions aggregated, a 104-week estimation period from the cohort's first day 2005-01-02, times in weeks), the
log-likelihood is CLVTools' (pnbd_LL_ind) in its integral form (Fader & Hardie 2005 note, eq. 18) by 400-point
Gauss-Legendre quadrature, because the hyp2f1 form CLVTools evaluates loses all precision near the bounds; alpha_i =
alpha_0 exp(-gamma_trans'x), beta_i = beta_0 exp(-gamma_life'x)) and maximised with scipy (L-BFGS-B, Nelder-Mead, L-BFGS-B again; the covariate fit starts from the fit without), the optimisers
CLVTools' optimx wraps. Run: python3 test/reference/apparel_covariates.py > test/fixtures/apparel-covariates-reference.json
"""
import csv, json, math, os, sys
from datetime import date
import numpy as np
from scipy import optimize, special

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
if not os.path.isdir(DATA):
    DATA = os.path.join(os.path.dirname(__file__), "..", "fixtures")

days = {}
with open(os.path.join(DATA, "clvtools_apparel_trans.csv")) as f:
    for row in csv.DictReader(f):
        days.setdefault(row["Id"], set()).add(date.fromisoformat(row["Date"]))
cov = {}
with open(os.path.join(DATA, "clvtools_apparel_static_cov.csv")) as f:
    for row in csv.DictReader(f):
        cov[row["Id"]] = (float(row["Gender"]), float(row["Channel"]))
first = min(min(d) for d in days.values())
end = first.toordinal() + 104 * 7
ids = sorted(days, key=int)
x, tx, T, G, C = [], [], [], [], []
for i in ids:
    d = sorted(o for o in (v.toordinal() for v in days[i]) if o <= end)
    x.append(len(d) - 1); tx.append((d[-1] - d[0]) / 7); T.append((end - d[0]) / 7)
    G.append(cov[i][0]); C.append(cov[i][1])
x, tx, T = map(np.array, (x, tx, T))
X = np.column_stack([G, C])

NODES, WEIGHTS = np.polynomial.legendre.leggauss(400)

def pnbd_ll(p):
    """ln L = ln G(r+x) - ln G(r) + r ln a + s ln b + ln[(a+T)^-(r+x) (b+T)^-s + s I],
    I = int_tx^T (a+t)^-(r+x) (b+t)^-(s+1) dt, by 400-point Gauss-Legendre in u = ln(m + t), m = min(a, b)
    (the CLVTools hyp2f1 form loses all precision near the search bounds)."""
    r, a0, s, b0 = np.exp(p[:4])
    k = (len(p) - 4) // 2
    gl, gt = (p[4:6], p[6:8]) if k else (np.zeros(2), np.zeros(2))
    alpha = a0 * np.exp(-X @ gt); beta = b0 * np.exp(-X @ gl)
    m = np.minimum(alpha, beta)
    lo, hi = np.log(m + tx), np.log(m + T)
    u = 0.5 * (hi - lo)[:, None] * NODES[None, :] + 0.5 * (hi + lo)[:, None]
    tau = np.exp(u) - m[:, None]
    logf = (-(r + x)[:, None] * np.log(alpha[:, None] + tau) - (s + 1) * np.log(beta[:, None] + tau) + u)
    top = logf.max(axis=1)
    I_log = top + np.log(0.5 * (hi - lo) * (np.exp(logf - top[:, None]) @ WEIGHTS))
    alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    with np.errstate(divide="ignore"):
        dead = np.where(hi > lo, np.log(s) + I_log, -np.inf)
    part1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    return np.sum(part1 + np.logaddexp(alive, dead))

def fit(ll, start):
    bounds = [(-18, 18)] * 4 + [(-20, 20)] * (len(start) - 4)
    def f(p):
        v = -ll(p)
        return v if np.isfinite(v) else 1e10
    res = optimize.minimize(f, start, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000, "ftol": 1e-15, "gtol": 1e-10})
    res = optimize.minimize(f, res.x, method="Nelder-Mead", bounds=bounds, options={"maxiter": 20000, "xatol": 1e-9, "fatol": 1e-11})
    return optimize.minimize(f, res.x, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000, "ftol": 1e-15, "gtol": 1e-10})

out = {"customers": len(ids), "repeatTransactions": int(x.sum()), "sumT": float(T.sum()), "sumRecency": float(tx.sum())}
names = ["r", "alpha", "s", "beta"]
plain = fit(pnbd_ll, np.array([0.0, 0.0, 0.0, 0.0]))
out["paretoNbdWithout"] = {"logLikelihood": -float(plain.fun), "params": dict(zip(names, map(float, np.exp(plain.x))))}
res = fit(pnbd_ll, np.concatenate([plain.x, np.zeros(4)]))
p = res.x
out["paretoNbd"] = {
    "logLikelihood": -float(res.fun),
    "params": dict(zip(names, map(float, np.exp(p[:4])))),
    "lifetime": {"Gender": float(p[4]), "Channel": float(p[5])},
    "transaction": {"Gender": float(p[6]), "Channel": float(p[7])},
}
json.dump(out, sys.stdout, indent=2)
print()

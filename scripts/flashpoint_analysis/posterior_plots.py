"""The picture of a calibration's results file (flashpoint calibrate; docs/calibration.md):
each parameter's marginal density generation by generation (from the prior's draws to the
posterior), and under the diagonal the posterior's particles for each pair of parameters."""
from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from .common import BadInput, open_results, require, require_kind, save, strings, text


@dataclass
class Calibration:
    parameters: list[str]
    values: np.ndarray     # [generation, particle, parameter]
    weights: np.ndarray    # [generation, particle]
    tolerance: np.ndarray  # [generation]
    low: np.ndarray        # [parameter], the priors' ends
    high: np.ndarray
    log: list[bool]        # [parameter]: a log-uniform prior, drawn on a log axis


def read_calibration(path: str) -> Calibration:
    with open_results(path) as f:
        require_kind(f, path, ("calibration",), "posterior")
        why = "it is written by flashpoint calibrate"
        for name in ("calibration/values", "calibration/weights", "calibration/tolerance",
                     "calibration/parameter", "posterior/low", "posterior/high"):
            require(f, path, name, why)
        g, p = f["calibration"], f["posterior"]
        values, weights = g["values"][()], g["weights"][()]
        parameters = strings(g["parameter"])
        if values.ndim != 3 or weights.shape != values.shape[:2] or \
                values.shape[2] != len(parameters):
            raise BadInput(f"{path}: /calibration/values has shape {values.shape}, weights "
                           f"{weights.shape} and {len(parameters)} parameters, which do not go "
                           "together; the file may be damaged")
        distributions = text(g.attrs.get("distributions", "")).split(",")
        log = [i < len(distributions) and distributions[i] == "log_uniform"
               for i in range(len(parameters))]
        return Calibration(parameters, values, weights, g["tolerance"][()], p["low"][()],
                           p["high"][()], log)


def _short(path: str) -> str:
    parts = path.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else path


def _edges(c: Calibration, j: int, bins: int = 24) -> np.ndarray:
    lo, hi = c.low[j], c.high[j]
    if c.log[j] and lo > 0:
        return np.geomspace(lo, hi, bins + 1)
    return np.linspace(lo, hi, bins + 1)


def plot_posterior(path, out, title=None, **_):
    """Marginals per generation on the diagonal (the posterior filled), pairs of the
    posterior's particles below it (marker area by weight), the tolerance schedule above."""
    c = read_calibration(path)
    n_gen, _, n_par = c.values.shape
    size = min(2.4 * n_par, 16)
    fig, axes = plt.subplots(n_par, n_par, figsize=(size, size), squeeze=False)
    colours = plt.cm.viridis(np.linspace(0.15, 0.9, n_gen))
    last_w = c.weights[-1]
    alive = last_w > 0
    for i in range(n_par):
        for j in range(n_par):
            ax = axes[i][j]
            if i == j:
                edges = _edges(c, j)
                for g in range(n_gen):
                    w = c.weights[g]
                    h, _ = np.histogram(c.values[g, w > 0, j], bins=edges, weights=w[w > 0],
                                        density=True)
                    if g == n_gen - 1:
                        ax.stairs(h, edges, fill=True, color=colours[g], alpha=0.5,
                                  label="posterior")
                    else:
                        ax.stairs(h, edges, color=colours[g], linewidth=1,
                                  label="prior draws" if g == 0 else None)
                ax.set_yticks([])
            elif i > j:
                ax.scatter(c.values[-1, alive, j], c.values[-1, alive, i],
                           s=8 + 400 * last_w[alive], color=colours[-1], alpha=0.5,
                           edgecolors="none")
                ax.set_ylim(c.low[i], c.high[i])
                if c.log[i]:
                    ax.set_yscale("log")
            else:
                ax.axis("off")
                continue
            ax.set_xlim(c.low[j], c.high[j])
            if c.log[j]:
                ax.set_xscale("log")
            if i == n_par - 1:
                ax.set_xlabel(_short(c.parameters[j]), fontsize=8)
            else:
                ax.set_xticklabels([])
            if j == 0 and i > 0:
                ax.set_ylabel(_short(c.parameters[i]), fontsize=8)
            elif j > 0 and i != j:
                ax.set_yticklabels([])
            ax.tick_params(labelsize=7)
    axes[0][0].legend(fontsize=7, loc="upper right")
    if n_par > 1:  # the tolerance schedule in the empty upper corner
        ax = axes[0][n_par - 1]
        ax.axis("on")
        tol = np.where(np.isfinite(c.tolerance), c.tolerance, np.nan)
        ax.plot(np.arange(n_gen), tol, "o-", color="0.3")
        ax.set_xlabel("generation", fontsize=8)
        ax.set_ylabel("tolerance", fontsize=8)
        ax.tick_params(labelsize=7)
    save(fig, out, title or f"posterior after {n_gen} generations "
                            f"({int(alive.sum())} particles; marginals from the prior's draws "
                            "to the posterior)")

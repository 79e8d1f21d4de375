#!/usr/bin/env python3
"""The out-of-sample report of docs/validation.md for the India - Pakistan crisis of 2019.

    flashpoint run scenarios/ind-pak-2019.yaml -r 300 -t 2 -o indpak.h5
    /usr/bin/python3 scripts/out_of_sample_2019.py indpak.h5

Reads a results file of format 7 or later (it needs the events' `action` column) and prints, for
the days from 15 February 2019 on, the quantities the record can be set against: India's first
strike and Pakistan's answer, air losses, the peak rung, de-escalation, ceasefires, repeated
strikes, deaths, posts, closures, the measures each side imposed (by action) and nuclear signals.
Medians with 5-95% ranges over the runs the row concerns, and shares of runs. Exits 2 with a
message on a file it cannot read.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import h5py  # noqa: F401  (open_with_events needs it: checked here, with a clear message)
    import numpy as np
    import pandas  # noqa: F401  (events_frame needs it: checked here, where the message is clear)
    from flashpoint_analysis.common import (BadInput, band, events_frame, open_with_events,
                                            share, text)
except ImportError as e:  # a pyenv python3 without Debian's packages
    sys.exit(f"out_of_sample_2019.py: {e}; run it with /usr/bin/python3 (Debian's h5py, pandas)")

FREE_FROM = 14  # day index of 15 Feb 2019 (start 1 Feb)


def main(path):
    try:
        f = open_with_events(path, "the report scores the events")
    except BadInput as e:
        print(e, file=sys.stderr)
        return 2
    with f:
        runs = f["runs"]
        R = runs["run"].shape[0]
        actors = [text(a) for a in runs["actor"][:]]
        cats = [text(c) for c in runs["category"][:]]
        ev = events_frame(f, ("run", "day", "actor", "target", "cameo", "action", "forces",
                              "civilians", "militants"))
        ev = ev[ev["day"] >= FREE_FROM]
        esc = runs["escalation"][:]
        cf = runs["ceasefire"][:]
        fat = runs["fatalities"][:]
        held = runs["posts_held"][:]
        closed = runs["crossing_open"][:]
        crossings = [text(c) for c in runs["crossing"][:]]
        measure_days = runs["measure_days"][:]
        signals = runs["nuclear_signals"][:]
        aircraft = runs["aircraft_lost"][:]

        def first(df, **eq):
            sel = df
            for k, v in eq.items():
                sel = sel[sel[k].isin(v) if isinstance(v, (list, tuple, set)) else sel[k] == v]
            return sel.groupby("run")["day"].min()

        strikes = ev[ev["cameo"] == "195"]
        ind_first = first(strikes, actor="IND")
        pak_first = first(strikes, actor="PAK")
        struck = ind_first.index
        rows = []
        rows.append(("India's first strike (195)", band(ind_first - 13, " days after the attack"),
                     share(len(struck), R)))
        rows.append(("  ... by action", ", ".join(
            f"{a} {share(n, len(struck))}" for a, n in
            strikes[(strikes["actor"] == "IND")].sort_values("day").groupby("run").first()
            ["action"].value_counts().items()), ""))
        ans = [pak_first[r] - ind_first[r] for r in struck if r in pak_first.index
               and pak_first[r] >= ind_first[r]]
        rows.append(("Pakistan's answer (195 after it)", band(ans, " days"),
                     share(len(ans), len(struck)) + " of runs with a strike"))
        lost = [r for r in struck if aircraft[r].sum() > 0]
        rows.append(("aircraft or drones lost", "", share(len(lost), len(struck))))
        peak = esc[:, FREE_FROM:].max(axis=1)
        rows.append(("peak rung", band(peak), f"rung >= 8 in {(peak >= 8).sum()} of {R}"))
        settle, to_cf = [], []
        for r in struck:
            d0 = ind_first[r]
            hot = np.nonzero(esc[r, d0:] > 5)[0]
            settle.append(int(hot.max()) + 1 if hot.size else 0)
            c = np.nonzero(cf[r, d0:])[0]
            if c.size:
                to_cf.append(int(c[0]))
        rows.append(("first strike until the level stays <= 5", band(settle, " days"), ""))
        rows.append(("first strike to a ceasefire", band(to_cf, " days"),
                     share(len(to_cf), len(struck)) + " of runs with a strike"))
        per_run = strikes[strikes["run"].isin(struck)].groupby(["run", "actor"]).size().unstack(
            fill_value=0)
        rows.append(("strikes per run (195 events)", "India " + band(per_run.get("IND", [])) +
                     ", Pakistan " + band(per_run.get("PAK", [])), ""))
        after = fat[:, FREE_FROM:, :].sum(axis=1)
        parts = [f"{c} {band(after[list(struck), k])}" for k, c in enumerate(cats)]
        rows.append(("deaths after 15 Feb (runs with a strike)", "; ".join(parts), ""))
        captured = ev[ev["cameo"] == "192"].groupby("run").size()
        rows.append(("posts changing hands", band(captured.reindex(range(R), fill_value=0)),
                     share(captured.size, R)))
        if "attari_wagah" in crossings:
            c = crossings.index("attari_wagah")
            days_closed = (closed[:, FREE_FROM:, c] == 0).sum(axis=1)
            rows.append(("Attari-Wagah closed", band(days_closed[days_closed > 0], " days"),
                         share((days_closed > 0).sum(), R)))
        for actor in ("IND", "PAK"):
            mine = ev[(ev["actor"] == actor) & (ev["action"].isin(
                ["downgrade_ties", "suspend_visas", "close_airspace", "financial_pressure",
                 "suspend_treaty"]))]
            for action, sel in mine.groupby("action"):
                d = sel.groupby("run")["day"].min() - 13
                rows.append((f"{actor} {action}", band(d, " days after the attack"),
                             share(d.size, R)))
            s = actors.index(actor)
            rows.append((f"{actor} days with a measure in force", band(measure_days[:, s]), ""))
            sig = ev[(ev["actor"] == actor) & (ev["action"] == "nuclear_signal")]
            d = sig.groupby("run")["day"].min() - 13
            rows.append((f"{actor} nuclear signals", band(signals[:, s]) + "; first " +
                         band(d, " days after the attack"), share(d.size, R)))
        width = max(len(r[0]) for r in rows)
        for name, value, sh in rows:
            print(f"{name:<{width}}  {value}  {sh}".rstrip())
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))

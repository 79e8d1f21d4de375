#!/usr/bin/env python3
"""Check the results of tests/data/repertoire.yaml: every action of the interstate repertoire
carried out through the CLI, as the events table and the outcomes record it.

    check_repertoire.py RESULTS.h5

The file scripts, from North to South: downgrade_ties (day 1), suspend_visas (2), close_airspace
(3), financial_pressure (5), suspend_treaty (6), exchange_fire (7), strike_military (8); and
South's nuclear_signal (9); and its record (/record). A ceasefire is in force at day 0; South closed the gate before the run
and may reopen it from day 3. Exits 1 on the first failed check (with a message), 0 otherwise.
"""
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from flashpoint_analysis.common import events_table  # noqa: E402

EXPECTED = {  # action: (day, actor, codes)
    "downgrade_ties": (1, "NTH", {"161"}),
    "suspend_visas": (2, "NTH", {"160"}),
    "close_airspace": (3, "NTH", {"191"}),
    "financial_pressure": (5, "NTH", {"163"}),
    "suspend_treaty": (6, "NTH", {"163"}),
    "exchange_fire": (7, "NTH", {"193", "194"}),
    "strike_military": (8, "NTH", {"195"}),
    "nuclear_signal": (9, "STH", {"138", "150"}),
}


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def check(ok, message):
    if not ok:
        print(f"check_repertoire.py: {message}", file=sys.stderr)
        sys.exit(1)


def main(path):
    with h5py.File(path, "r") as f:
        check(int(f.attrs["format_version"]) >= 7, "format_version below 7")
        events = events_table(f, path, "the repertoire check")[()]
        runs = f["runs"]
        actors = [text(a) for a in runs["actor"][:]]
        north, south = actors.index("NTH"), actors.index("STH")
        for run in np.unique(events["run"]):
            ev = events[events["run"] == run]
            for action, (day, actor, codes) in EXPECTED.items():
                rows = ev[np.array([text(a) == action for a in ev["action"]])]
                check(len(rows) >= 1, f"run {run}: no event carries out {action}")
                check(all(int(d) == day for d in rows["day"]), f"run {run}: {action} not on day {day}")
                check(all(text(a) == actor for a in rows["actor"]), f"run {run}: {action} by another actor")
                got = {text(c) for c in rows["cameo"]}
                check(got <= codes, f"run {run}: {action} coded {sorted(got)}, expected {sorted(codes)}")
            # The fire on day 7 broke the standing ceasefire: a 196 that carries out no action.
            broke = ev[np.array([text(c) == "196" for c in ev["cameo"]])]
            check(len(broke) == 1 and int(broke["day"][0]) == 7 and text(broke["action"][0]) == "",
                  f"run {run}: the standing ceasefire did not break once, on day 7, as an outcome")
        ceasefire = runs["ceasefire"][:]
        check((ceasefire[:, :7] == 1).all(), "the ceasefire at the start is not in force on days 0-6")
        check((ceasefire[:, 7] == 0).all(), "the ceasefire is still in force on day 7")
        days = ceasefire.shape[1]
        # Measures stay in force from day 1 to the end (no calm to lift them: the level stayed up).
        measure_days = runs["measure_days"][:]
        check((measure_days[:, north] == days - 1).all() and (measure_days[:, south] == 0).all(),
              f"measure_days {measure_days.tolist()}, expected {days - 1} for NTH, 0 for STH")
        # Airspace closed from day 3: NTH loses 1,000 a day in fees, STH pays 3,000 in detours.
        cost = runs["coercion_cost_usd"][:]
        check(np.allclose(cost[:, north], 1000 * (days - 3)) and
              np.allclose(cost[:, south], 3000 * (days - 3)), f"coercion_cost_usd {cost.tolist()}")
        check((runs["nuclear_signals"][:, south] == 1).all(), "South's signal is not counted")
        # The gate: closed by STH on days 0-2, open from day 3; from day 5 financial pressure stops
        # 0.9 of STH's exports (0.5e6 a day).
        closed = runs["crossing_closed_days"][:]
        check((closed[:, 0] == 3).all(), f"crossing_closed_days {closed.tolist()}, expected 3")
        lost = runs["exports_lost_usd"][:]
        check(np.allclose(lost[:, north], 3 * 1.0e6), f"NTH exports lost {lost[:, north]}")
        check(np.allclose(lost[:, south], 3 * 0.5e6 + 0.9 * 0.5e6 * (days - 5)),
              f"STH exports lost {lost[:, south]}")
        # The record: each recorded event matched in every run, the figure at percentile 50.
        check("record" in f, "no /record group for a scenario with a record")
        g = f["record"]
        labels = [text(v) for v in g["item"][()]]
        check(len(labels) == 4, f"/record holds {len(labels)} items, expected 4")
        check(np.allclose(g["matched"][:3], 1.0), f"record matched {g['matched'][()]}")
        check(np.allclose(g["offset_median"][:3], [0, 0, -1]),
              f"record offsets {g['offset_median'][()]}")
        check(np.allclose(g["rung"][:3], [4, 7, 2]), f"record rungs {g['rung'][()]}")
        check(np.isnan(g["rung"][3]) and g["observed"][3] == 1 and g["percentile"][3] == 50,
              f"record figure {g['observed'][3]} at percentile {g['percentile'][3]}")
    print(f"check_repertoire.py: {path}: every action of the repertoire as expected")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))

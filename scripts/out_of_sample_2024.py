#!/usr/bin/env python3
"""The out-of-sample report for the Iran - Pakistan exchange of strikes of January 2024.

    flashpoint run scenarios/irn-pak-2024.yaml -r 300 -t 1 -o irnpak.h5
    /usr/bin/python3 scripts/out_of_sample_2024.py irnpak.h5

Reads a results file of format 7 or later (it needs the events' `action` column) and prints, for
the days from 17 January 2024 on (the scenario's `free_from`; Iran's strike of 16 January is
replayed), the quantities the record can be set against: Pakistan's answer (share of runs with a
Pakistani strike on Iran, its lag after 16 January, its kind), Iran's further strikes, the peak
rung, fire and assaults along the line, de-escalation and ceasefires, deaths, closures, the
measures each side imposed and nuclear signals. Medians with 5-95% ranges over the runs the row
concerns, and shares of runs; the last column says what happened. Exits 2 with a message on a
file it cannot read.
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
    sys.exit(f"out_of_sample_2024.py: {e}; run it with /usr/bin/python3 (Debian's h5py, pandas)")

START = np.datetime64("2023-12-10")
STRIKE = int((np.datetime64("2024-01-16") - START).astype(int))  # Iran's replayed strike
FREE_FROM = int((np.datetime64("2024-01-17") - START).astype(int))  # the model decides from here
STRIKES = ("strike_sanctuary", "strike_military", "deep_strike")  # CAMEO 195
ON_THE_LINE = ("exchange_fire", "assault_posts", "offensive")
MEASURES = ("downgrade_ties", "suspend_visas", "close_airspace", "financial_pressure",
            "suspend_treaty")


def main(path):
    try:
        f = open_with_events(path, "the report scores the events")
    except BadInput as e:
        print(e, file=sys.stderr)
        return 2
    with f:
        if text(f.attrs.get("start_date", "")) != str(START):
            print(f"{path}: not a run of scenarios/irn-pak-2024.yaml (start date "
                  f"{text(f.attrs.get('start_date', ''))}, expected {START})", file=sys.stderr)
            return 2
        runs = f["runs"]
        R = runs["run"].shape[0]
        actors = [text(a) for a in runs["actor"][:]]
        cats = [text(c) for c in runs["category"][:]]
        crossings = [text(c) for c in runs["crossing"][:]]
        ev = events_frame(f, ("run", "day", "actor", "target", "cameo", "action", "forces",
                              "civilians", "militants"))
        ev = ev[ev["day"] >= FREE_FROM]
        esc = runs["escalation"][:]
        cf = runs["ceasefire"][:]
        fat = runs["fatalities"][:]
        closed = runs["crossing_open"][:] == 0
        signals = runs["nuclear_signals"][:]
        measure_days = runs["measure_days"][:]
        rows = []

        def by(actor, target, actions):
            return ev[(ev["actor"] == actor) & (ev["target"] == target)
                      & ev["action"].isin(actions)]

        # Pakistan's answer: a strike (CAMEO 195) on Iran from 17 January; the record: one night
        # of strikes on 18 January (2 days after Iran's), on BLA/BLF hideouts (strike_sanctuary).
        pak = by("PAK", "IRN", STRIKES)
        first = pak.sort_values("day").groupby("run").first()
        rows.append(("Pakistan strikes Iran (195)",
                     band(first["day"] - STRIKE, " days after 16 Jan"),
                     share(len(first), R), "18 Jan: 2 days after, in 1 night"))
        rows.append(("  ... first strike by action", ", ".join(
            f"{a} {share(n, len(first))}" for a, n in first["action"].value_counts().items()),
            "", "strike_sanctuary (BLA/BLF hideouts)"))
        lag = (first["day"] - STRIKE).value_counts().sort_index()
        rows.append(("  ... lag in days, share of runs", ", ".join(
            f"{int(d)}: {share(n, R)}" for d, n in lag.items()), "", "2"))
        nights = pak.groupby("run")["day"].nunique()
        rows.append(("  ... days with a Pakistani strike", band(nights), "", "1"))
        # Iran's further strikes after its replayed one: none in the record.
        irn = by("IRN", "PAK", STRIKES)
        ifirst = irn.groupby("run")["day"].min()
        rows.append(("Iran strikes again (195)", band(ifirst - STRIKE, " days after 16 Jan"),
                     share(len(ifirst), R), "none"))
        both = ifirst.index.intersection(first.index)
        after = [r for r in both if ifirst[r] > first.loc[r, "day"]]
        rows.append(("  ... after Pakistan's strike", "", share(len(after), R), "none"))
        # Fire and clashes along the line: none in the record.
        line = ev[ev["action"].isin(ON_THE_LINE) & ev["actor"].isin(["IRN", "PAK"])]
        for action in ON_THE_LINE:
            n = line[line["action"] == action]["run"].nunique()
            rows.append((f"{action} (either side)", "", share(n, R), "none"))
        incidents = ev[(ev["cameo"] == "193") & (ev["action"] == "")]["run"].nunique()
        rows.append(("border incidents that became clashes (193)", "", share(incidents, R),
                     "none reported"))
        peak = esc[:, FREE_FROM:].max(axis=1)
        rows.append(("peak rung from 17 Jan", band(peak),
                     f"rung >= 7 in {share((peak >= 7).sum(), R)}, >= 8 in "
                     f"{share((peak >= 8).sum(), R)}", "6 (the strikes of 16 and 18 Jan)"))
        # De-escalation: the last day the level is above 5, counted from Iran's strike (the
        # record: level 6 ended with the strikes of 18 Jan, so at most 3 days with a 3-day
        # level window), and the first cooperative act of each side after 17 Jan.
        hot = [int(np.nonzero(esc[r, STRIKE:] > 5)[0].max()) + 1 for r in range(R)]
        rows.append(("days from 16 Jan until the level stays <= 5", band(hot), "",
                     "about 5 (level 6 for 3 days after 18 Jan)"))
        for actor, target, date in (("PAK", "IRN", "19 Jan"), ("IRN", "PAK", "19 Jan")):
            d = by(actor, target, ("deescalate",)).groupby("run")["day"].min() - STRIKE
            rows.append((f"{actor} de-escalates (036)", band(d, " days after 16 Jan"),
                         share(d.size, R), f"{date}: 3 days after"))
        talks = ev[ev["action"] == "negotiate"].groupby("run").size()
        rows.append(("talks (038/046 events, either side)", band(talks.reindex(range(R),
                     fill_value=0)), share(talks.size, R),
                     "bilateral calls; China's offer not taken up"))
        to_cf = [int(np.nonzero(cf[r, STRIKE:])[0][0]) for r in range(R)
                 if cf[r, STRIKE:].any()]
        rows.append(("16 Jan to a ceasefire in force", band(to_cf, " days"),
                     share(len(to_cf), R), "no ceasefire; de-escalation agreed 19 Jan"))
        # Deaths from 17 January (the model's categories; JAA and BLX attacks included).
        tot = fat[:, FREE_FROM:, :].sum(axis=1)
        rows.append(("deaths from 17 Jan", "; ".join(
            f"{c} {band(tot[:, k])}" for k, c in enumerate(cats)), "",
            "9 in Iran on 18 Jan (non-Iranians; 'terrorists' per Pakistan); 9 Pakistani "
            "workers in Saravan on 27 Jan (unclaimed)"))
        struck = pak.groupby("run")[["civilians", "militants", "forces"]].sum()
        rows.append(("  ... killed by Pakistan's strikes", "civilians " +
                     band(struck["civilians"]) + ", militants " + band(struck["militants"]) +
                     ", forces " + band(struck["forces"]), "", "9 (4 children, 3 women, "
                     "2 men per Iran)"))
        # Closures: none (trade continued at all crossings: Dawn, 20 Jan 2024).
        days_closed = closed[:, FREE_FROM:, :].any(axis=2).sum(axis=1)
        rows.append(("any crossing closed", band(days_closed[days_closed > 0], " days"),
                     share((days_closed > 0).sum(), R), "none"))
        for c, name in enumerate(crossings):
            n = (closed[:, FREE_FROM:, c].any(axis=1)).sum()
            if n:
                rows.append((f"  ... {name}", "", share(n, R), "open"))
        # Measures and signals.
        for actor, target, record in (("PAK", "IRN", "downgrade_ties 17 Jan (1 day after)"),
                                      ("IRN", "PAK", "none")):
            mine = by(actor, target, MEASURES)
            for action, sel in mine.groupby("action"):
                d = sel.groupby("run")["day"].min() - STRIKE
                rows.append((f"{actor} {action}", band(d, " days after 16 Jan"),
                             share(d.size, R), record))
            if mine.empty:
                rows.append((f"{actor} measures", "none", "0%", record))
            s = actors.index(actor)
            rows.append((f"{actor} days with a measure in force", band(measure_days[:, s]), "",
                         "Pakistan's: 17-26 Jan, about 9" if actor == "PAK" else "0"))
        sig = by("PAK", "IRN", ("nuclear_signal",)).groupby("run")["day"].min() - STRIKE
        rows.append(("PAK nuclear signals", band(signals[:, actors.index("PAK")]) + "; first " +
                     band(sig, " days after 16 Jan"), share(sig.size, R), "none reported"))
        width = max(len(r[0]) for r in rows)
        print(f"{'quantity':<{width}}  model: median [5-95%]  share of runs  | record")
        for name, value, sh, record in rows:
            print(f"{name:<{width}}  {value}  {sh}  | {record}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))

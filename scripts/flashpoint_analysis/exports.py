"""Tables of a results file's events for other tools: CSV files in the layouts of ACLED and
GDELT/ICEWS, so that simulated and observed events can be read by the same code.

    export_events(path, out, run=None)     the event table, one row per event
    export_goldstein(path, out, run=None)  weekly Goldstein sums per directed dyad

Both are called by scripts/fp-export and described in docs/analysis.md. They raise
common.BadInput when the file cannot be used (missing, not a results file, no /events).
"""
from __future__ import annotations

import csv
import math

import numpy as np

from .common import BadInput, events_table, kind_of, open_results

EVENT_COLUMNS = ["run", "event_date", "actor1", "actor2", "cameo_code", "cameo_root",
                 "quad_class", "goldstein", "event_type", "sub_event_type", "location",
                 "latitude", "longitude", "fatalities", "forces", "civilians", "militants",
                 "claim_actor1_own", "claim_actor1_enemy", "claim_actor2_own",
                 "claim_actor2_enemy"]
GOLDSTEIN_COLUMNS = ["week_start", "source", "target", "events", "goldstein_sum",
                     "goldstein_mean", "runs"]
# /events column -> CSV column, in CSV order (strings, numbers, claims and coordinates apart).
_STRINGS = {"date": "event_date", "actor": "actor1", "target": "actor2", "cameo": "cameo_code",
            "cameo_root": "cameo_root", "acled_event_type": "event_type",
            "acled_sub_event_type": "sub_event_type", "location": "location"}
_CLAIMS = {"claim_actor_own": "claim_actor1_own", "claim_actor_enemy": "claim_actor1_enemy",
           "claim_target_own": "claim_actor2_own", "claim_target_enemy": "claim_actor2_enemy"}
CHUNK = 200_000  # events read at a time: a large comparison file has millions


def events_dataset(f, path: str, what: str):
    """The /events dataset, or BadInput when the file kept none."""
    if "events_kept" in f.attrs and int(f.attrs["events_kept"]) == 0:
        raise BadInput(f"{path}: keep: events needed for {what}; this {kind_of(f)} file kept "
                       "no events (root attribute events_kept = 0)")
    return events_table(f, path, f"{what} needs the event table /events")


def run_count(f) -> int:
    """Number of runs in the file (the length of /runs/run)."""
    if "runs/run" in f:
        return int(f["runs/run"].shape[0])
    return int(f.attrs.get("runs", 0))


def check_run(f, path: str, run) -> None:
    n = run_count(f)
    if run is not None and not 0 <= run < n:
        raise BadInput(f"{path}: no run {run}; the file has runs 0 to {n - 1}")


def chunks(dataset, run=None):
    """The rows of /events in chunks (structured numpy arrays), only those of `run` if given."""
    for start in range(0, dataset.shape[0], CHUNK):
        rows = dataset[start:start + CHUNK]
        if run is not None:
            rows = rows[rows["run"] == run]
        if len(rows):
            yield rows


def _str(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _number(value: float) -> str:
    """A float as the shortest text that reads back to the same value; NaN as an empty cell."""
    return "" if math.isnan(value) else repr(float(value))


def export_events(path, out, run=None) -> int:
    """Writes the event table of `path` to the CSV file `out`; returns the number of rows.

    One row per row of /events (only those of `run` when given), in the file's order, with the
    columns EVENT_COLUMNS: actor1 is the actor who acted, actor2 the one acted upon (empty when
    none), event_type and sub_event_type are ACLED's (empty when ACLED codes no such event),
    latitude and longitude are empty when the event has no place, and each claim column is
    empty when nobody announced a figure (-1 in the file). A file of layout version 1, without
    claims and ACLED types, gets empty cells in those columns.
    """
    with open_results(path) as f:
        dataset = events_dataset(f, path, "the event export")
        check_run(f, path, run)
        names = dataset.dtype.names
        written = 0
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(EVENT_COLUMNS)
            for rows in chunks(dataset, run):
                columns = {}
                for src, dst in _STRINGS.items():
                    columns[dst] = ([_str(v) for v in rows[src]] if src in names
                                    else [""] * len(rows))
                for src, dst in _CLAIMS.items():
                    columns[dst] = ([("" if v < 0 else str(int(v))) for v in rows[src]]
                                    if src in names else [""] * len(rows))
                for src, dst in (("lat", "latitude"), ("lon", "longitude"),
                                 ("goldstein", "goldstein")):
                    columns[dst] = [_number(v) for v in rows[src]]
                for name in ("run", "quad_class", "fatalities", "forces", "civilians",
                             "militants"):
                    columns[name] = [str(int(v)) for v in rows[name]]
                writer.writerows(zip(*(columns[c] for c in EVENT_COLUMNS)))
                written += len(rows)
    return written


def monday(day_strings: np.ndarray) -> np.ndarray:
    """The Monday on or before each date (YYYY-MM-DD strings) as datetime64[D]."""
    d = np.array(day_strings, dtype="datetime64[D]")
    # 1970-01-01 was a Thursday: days since then + 3, modulo 7, counts days since Monday.
    weekday = (d.astype(np.int64) + 3) % 7
    return d - weekday.astype("timedelta64[D]")


def export_goldstein(path, out, run=None) -> int:
    """Writes weekly Goldstein sums per directed dyad to the CSV file `out`; returns the rows.

    Weeks run Monday to Sunday (week_start is the Monday; the first and last weeks of a run
    may be partial). For each run, the events of each (week, source, target) are counted and
    their Goldstein scores summed; then both are averaged over all the runs of the file (a
    run without such events counts as 0): `events` is the mean count per run, `goldstein_sum`
    the mean sum per run, `goldstein_mean` = goldstein_sum / events (the mean score per event,
    pooled over runs) and `runs` the number of runs averaged over. So goldstein_sum x runs,
    summed over all rows, is the total Goldstein score of /events. With `run`, only that run
    (runs = 1). Rows: one per (week, dyad) with at least one event, sorted by week, source,
    target; an event without a target has an empty target.
    """
    with open_results(path) as f:
        dataset = events_dataset(f, path, "the Goldstein export")
        check_run(f, path, run)
        runs = 1 if run is not None else run_count(f)
        totals: dict[tuple[str, str, str], list[float]] = {}
        for rows in chunks(dataset, run):
            weeks = monday([_str(v) for v in rows["date"]]).astype(str)
            sources = [_str(v) for v in rows["actor"]]
            targets = [_str(v) for v in rows["target"]]
            for week, source, target, score in zip(weeks, sources, targets, rows["goldstein"]):
                cell = totals.setdefault((week, source, target), [0, 0.0])
                cell[0] += 1
                cell[1] += float(score)
    if runs <= 0:
        raise BadInput(f"{path}: holds no runs")
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(GOLDSTEIN_COLUMNS)
        for (week, source, target), (count, total) in sorted(totals.items()):
            writer.writerow([week, source, target, repr(count / runs), repr(total / runs),
                             repr(total / count), runs])
    return len(totals)

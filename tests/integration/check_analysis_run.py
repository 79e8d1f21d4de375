"""Checks of the run pictures and exports (scripts/fp-plot fan, timeline, map; scripts/fp-export
events, goldstein) on results files made by the CLI (tests/integration/analysis_run.cmake).

    check_analysis_run.py CHECK --repo SRC --run RUN.h5 --sweep SWEEP.h5 --work DIR

RUN.h5 is a `flashpoint run` file (series and events kept), SWEEP.h5 a sweep file that kept
neither series nor events. This script makes no results file; it runs the scripts with this
interpreter and checks what they wrote. CHECK is one of CHECKS below; exit 0 when it passes,
1 (with "FAIL: ...") when it does not.
"""
import argparse
import csv
import math
import os
import struct
import subprocess
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from flashpoint_analysis.common import events_table  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EVENT_HEADER = ["run", "event_date", "actor1", "actor2", "cameo_code", "cameo_root",
                "quad_class", "goldstein", "event_type", "sub_event_type", "location",
                "latitude", "longitude", "fatalities", "forces", "civilians", "militants",
                "claim_actor1_own", "claim_actor1_enemy", "claim_actor2_own",
                "claim_actor2_enemy"]
GOLDSTEIN_HEADER = ["week_start", "source", "target", "events", "goldstein_sum",
                    "goldstein_mean", "runs"]
# Picture -> (width range, height range) in pixels, around what the code draws today.
PIXELS = {"fan": ((1100, 2200), (900, 1800)), "timeline": ((1000, 2200), (500, 1100)),
          "map": ((900, 2200), (800, 1500))}
MIN_PNG_BYTES = 20 * 1024


class Failure(Exception):
    pass


def ensure(condition, message):
    if not condition:
        raise Failure(message)


def run_script(args, name, *rest):
    """Runs scripts/NAME with this interpreter; returns (exit code, stdout, stderr)."""
    cmd = [sys.executable, os.path.join(args.repo, "scripts", name), *map(str, rest)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, MPLBACKEND="Agg"))
    print("$", " ".join(cmd), "->", done.returncode)
    if done.stdout.strip():
        print("  stdout:", done.stdout.strip())
    if done.stderr.strip():
        print("  stderr:", done.stderr.strip())
    return done.returncode, done.stdout, done.stderr


def succeed(args, name, *rest):
    """Runs a script that must succeed quietly: exit 0 and nothing on stderr (no warnings)."""
    code, out, err = run_script(args, name, *rest)
    ensure(code == 0, f"{name} {rest[0]} exited with {code}, expected 0")
    ensure(err.strip() == "", f"{name} {rest[0]} printed on stderr (a warning?): {err.strip()}")
    return out


def png_size(path):
    """(width, height) read from the PNG's IHDR header; Failure when it is not a PNG."""
    ensure(os.path.isfile(path), f"{path} was not written")
    with open(path, "rb") as handle:
        head = handle.read(24)
    ensure(head[:8] == PNG_SIGNATURE, f"{path} does not start with the PNG signature")
    ensure(head[12:16] == b"IHDR", f"{path}: no IHDR chunk first")
    return struct.unpack(">II", head[16:24])


def check_png(path, picture):
    size = os.path.getsize(path) if os.path.exists(path) else 0
    width, height = png_size(path)
    print(f"{path}: {size} bytes, {width} x {height} pixels")
    ensure(size > MIN_PNG_BYTES, f"{path} is {size} bytes, expected over {MIN_PNG_BYTES}")
    (w0, w1), (h0, h1) = PIXELS[picture]
    ensure(w0 <= width <= w1, f"{path} is {width} pixels wide, expected {w0} to {w1}")
    ensure(h0 <= height <= h1, f"{path} is {height} pixels high, expected {h0} to {h1}")


def fresh(path):
    if os.path.exists(path):
        os.remove(path)
    return path


def read_events(path):
    with h5py.File(path, "r") as f:
        return events_table(f, path, "the checks")[()], int(f["runs/run"].shape[0])


# ------------------------------------------------------------------------------- checks

def check_fan(args):
    out = fresh(os.path.join(args.work, "fan.png"))
    succeed(args, "fp-plot", "fan", args.run, "-o", out)
    check_png(out, "fan")


def check_timeline(args):
    out = fresh(os.path.join(args.work, "timeline.png"))
    succeed(args, "fp-plot", "timeline", args.run, "-o", out)
    check_png(out, "timeline")


def check_map(args):
    for extra, name in (((), "map.png"), (("--day", 20, "--run", 3), "map_day20_run3.png")):
        out = fresh(os.path.join(args.work, name))
        succeed(args, "fp-plot", "map", args.run, "-o", out, *extra)
        check_png(out, "map")


def check_map_control(args):
    """The map's posts (day-0 posts changed by the capture events) add up, per state, to
    /runs/posts_held on every day checked, and its deaths (districts plus sectors) to the
    deaths of the events located at those places."""
    sys.path.insert(0, os.path.join(args.repo, "scripts"))
    from flashpoint_analysis import geo  # noqa: E402  (the module under test)
    with h5py.File(args.run, "r") as f:
        g = geo.read_geography(f, args.run)
        events = events_table(f, args.run, "the map check")[()]
        held = f["runs/posts_held"][()]
    runs, days = held.shape[:2]
    places = set(g["sector"]) | set(g["district"])
    location = np.array([v.decode() for v in events["location"]])
    checked = 0
    for r in range(runs):
        mine = events["run"] == r
        for d in sorted({0, days // 3, days // 2, days - 1}):
            control = geo.post_control(g, events[mine], d)
            ensure((control >= 0).all(), f"run {r} day {d}: a sector with negative posts")
            ensure(np.array_equal(control.sum(axis=0), held[r, d]),
                   f"run {r} day {d}: posts by state {control.sum(axis=0).tolist()} from the "
                   f"map, {held[r, d].tolist()} in /runs/posts_held")
            checked += 1
        drawn = geo.district_deaths(g, events[mine], days - 1).sum() + \
            geo.sector_deaths(g, events[mine], days - 1).sum()
        located = events["fatalities"][mine & np.isin(location, list(places))].sum()
        ensure(drawn == located, f"run {r}: the map draws {drawn} deaths, the events located "
               f"at sectors and districts have {located}")
    ensure(checked > 0, "no run checked")
    print(f"ok: posts agree with posts_held on {checked} (run, day) pairs; deaths agree")


def check_events_csv(path, events, run=None):
    rows_expected = events if run is None else events[events["run"] == run]
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        rows = list(reader)
    ensure(header == EVENT_HEADER, f"{path}: header {header}, expected {EVENT_HEADER}")
    ensure(len(rows) == len(rows_expected),
           f"{path}: {len(rows)} rows, /events has {len(rows_expected)}"
           + (f" in run {run}" if run is not None else ""))
    col = {name: i for i, name in enumerate(EVENT_HEADER)}
    deaths = sum(int(r[col["fatalities"]]) for r in rows)
    expected = int(rows_expected["fatalities"].sum())
    ensure(deaths == expected, f"{path}: fatalities sum to {deaths}, /events to {expected}")
    if run is not None:
        ensure(all(r[col["run"]] == str(run) for r in rows), f"{path}: a row of another run")
    for claim, source in (("claim_actor1_own", "claim_actor_own"),
                          ("claim_actor2_enemy", "claim_target_enemy")):
        empty = sum(r[col[claim]] == "" for r in rows)
        missing = int((rows_expected[source] < 0).sum())
        ensure(empty == missing, f"{path}: {empty} empty {claim} cells, {missing} -1s in /events")
    empty_lat = sum(r[col["latitude"]] == "" for r in rows)
    nan_lat = int(np.isnan(rows_expected["lat"]).sum())
    ensure(empty_lat == nan_lat, f"{path}: {empty_lat} empty latitudes, {nan_lat} NaN in /events")
    total = math.fsum(float(r[col["goldstein"]]) for r in rows)
    ensure(math.isclose(total, math.fsum(rows_expected["goldstein"]), rel_tol=1e-12, abs_tol=1e-9),
           f"{path}: Goldstein scores sum to {total}, /events to "
           f"{math.fsum(rows_expected['goldstein'])}")
    print(f"ok: {path}: {len(rows)} rows, {deaths} deaths, header as documented")


def check_export_events(args):
    events, _ = read_events(args.run)
    out = fresh(os.path.join(args.work, "events.csv"))
    succeed(args, "fp-export", "events", args.run, "-o", out)
    check_events_csv(out, events)


def check_export_events_run(args):
    events, runs = read_events(args.run)
    run = min(5, runs - 1)
    out = fresh(os.path.join(args.work, f"events_run{run}.csv"))
    succeed(args, "fp-export", "events", args.run, "-o", out, "--run", run)
    check_events_csv(out, events, run)


def check_export_goldstein(args):
    events, runs = read_events(args.run)
    out = fresh(os.path.join(args.work, "goldstein.csv"))
    succeed(args, "fp-export", "goldstein", args.run, "-o", out)
    with open(out, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        rows = list(reader)
    ensure(header == GOLDSTEIN_HEADER, f"{out}: header {header}, expected {GOLDSTEIN_HEADER}")
    ensure(rows, f"{out}: no rows")
    total = math.fsum(float(r["goldstein_sum"]) * int(r["runs"]) for r in rows)
    expected = math.fsum(events["goldstein"])
    ensure(math.isclose(total, expected, rel_tol=1e-6),
           f"{out}: goldstein_sum x runs over all rows is {total}, /events sums to {expected}")
    count = math.fsum(float(r["events"]) * int(r["runs"]) for r in rows)
    ensure(abs(count - len(events)) < 1e-6 * len(events),
           f"{out}: events x runs over all rows is {count}, /events has {len(events)} rows")
    ensure(all(int(r["runs"]) == runs for r in rows), f"{out}: runs is not {runs} everywhere")
    weeks = np.array([r["week_start"] for r in rows], dtype="datetime64[D]")
    ensure(((weeks.astype(np.int64) + 3) % 7 == 0).all(), f"{out}: a week_start not a Monday")
    keys = [(r["week_start"], r["source"], r["target"]) for r in rows]
    ensure(len(set(keys)) == len(keys), f"{out}: a (week, source, target) appears twice")
    for r in rows:
        mean = float(r["goldstein_sum"]) / float(r["events"])
        ensure(math.isclose(float(r["goldstein_mean"]), mean, rel_tol=1e-9, abs_tol=1e-12),
               f"{out}: goldstein_mean {r['goldstein_mean']} is not goldstein_sum / events")
    print(f"ok: {out}: {len(rows)} rows; Goldstein total {total:.6g} = {expected:.6g}")


def check_bad_inputs(args):
    """A missing file, a text file, and pictures or exports that need /events on a sweep file
    that kept none: exit status 2, a message on stderr naming the problem, no output."""
    missing = os.path.join(args.work, "no_such_results.h5")
    text_file = os.path.join(args.work, "not_results.h5")
    with open(text_file, "w") as handle:
        handle.write("this is a text file, not HDF5\n")
    cases = []
    for source, why in ((missing, "no such file"), (text_file, "not an HDF5 file")):
        for kind in ("fan", "timeline", "map"):
            cases.append((("fp-plot", kind, source), ".png", why))
        for table in ("events", "goldstein"):
            cases.append((("fp-export", table, source), ".csv", why))
    cases += [(("fp-plot", "timeline", args.sweep), ".png", "keep: events"),
              (("fp-plot", "map", args.sweep), ".png", "keep: events"),
              (("fp-plot", "fan", args.sweep), ".png", "keep: series"),
              (("fp-export", "events", args.sweep), ".csv", "keep: events"),
              (("fp-export", "goldstein", args.sweep), ".csv", "keep: events")]
    from in_process import run_main
    for i, ((script, kind, source), suffix, why) in enumerate(cases):
        out = fresh(os.path.join(args.work, f"bad_{i}{suffix}"))
        # Every sixth case as its own process, the others through main() in this one
        # (tests/integration/in_process.py): the same exit status and stderr, a second less each.
        if i % 6 == 0:
            code, _, err = run_script(args, script, kind, source, "-o", out)
        else:
            code, _, err = run_main(args.repo, script, [kind, source, "-o", out])
            print("$ (in process)", script, kind, source, "->", code, "\n  stderr:", err.strip())
        ensure(code == 2, f"{script} {kind} {source}: exit {code}, expected 2")
        ensure(why in err, f"{script} {kind} {source}: stderr does not say {why!r}: {err!r}")
        ensure(not os.path.exists(out), f"{script} {kind} {source}: wrote {out} anyway")
    print(f"ok: {len(cases)} bad inputs exit 2 with a message and no output")


CHECKS = {"fan": check_fan, "timeline": check_timeline, "map": check_map,
          "map_control": check_map_control, "export_events": check_export_events,
          "export_events_run": check_export_events_run,
          "export_goldstein": check_export_goldstein, "bad_inputs": check_bad_inputs}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("check", choices=sorted(CHECKS))
    parser.add_argument("--repo", required=True, help="the source tree (scripts/ in it)")
    parser.add_argument("--run", required=True, help="a results file of `flashpoint run`")
    parser.add_argument("--sweep", required=True, help="a sweep file without series or events")
    parser.add_argument("--work", required=True, help="folder for the pictures and tables")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    for path in (args.run, args.sweep):
        if not os.path.isfile(path):
            print(f"FAIL: {path} is missing (the fixture test did not run?)")
            return 1
    try:
        CHECKS[args.check](args)
    except Failure as e:
        print(f"FAIL: {e}")
        return 1
    print(f"ok: {args.check}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

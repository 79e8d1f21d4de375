"""A map of the border on one day of one run, drawn from the file's /geography with plain
matplotlib (longitude/latitude axes corrected by cos(latitude); no basemap, no coastlines).

    plot_map(path, out, day=None, run=None, **options)

Called by scripts/fp-plot (`fp-plot map FILE -o OUT.png [--day D] [--run R]`) and described in
docs/analysis.md. Raises common.BadInput when the file has no /geography or no /events.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from .common import BadInput, dates, events_table, kind_of, open_results, require, save, strings, \
    text

CAPTURE = "192"  # CAMEO code of a post changing hands (docs/model.md)
HAND_BACK = "0874"  # a captured post handed back under a ceasefire: actor the captor, target the owner
STATE_COLORS = ["#1b7837", "#b35806", "#2166ac", "#762a83", "#8c510a", "#01665e"]
OPEN_COLOR, CLOSED_COLOR = "#1a9850", "#d73027"
DEATH_COLOR = "#b2182b"


# ------------------------------------------------------------------------------ the data

def read_geography(f, path: str) -> dict:
    """The /geography group as plain arrays (see docs/output.md), or BadInput when absent."""
    why = ("the map needs the places of the scenario (files written before /geography was "
           "added lack it; run the scenario again with the current flashpoint)")
    g = require(f, path, "geography", why)
    need = ["state", "sector", "district", "crossing", "sector_lat", "sector_lon",
            "sector_posts", "district_lat", "district_lon", "district_state", "crossing_lat",
            "crossing_lon", "crossing_sector"]
    absent = [n for n in need if n not in g]
    if absent:
        raise BadInput(f"{path}: /geography lacks {', '.join(absent)}; {why}")
    geo = {name: strings(g[name]) for name in ("state", "sector", "district", "crossing")}
    for name in need[4:]:
        geo[name] = np.asarray(g[name][()], dtype=np.float64)
    geo["district_population"] = (np.asarray(g["district_population"][()], dtype=np.float64)
                                  if "district_population" in g
                                  else np.zeros(len(geo["district"])))
    geo["sector_posts"] = geo["sector_posts"].reshape(len(geo["sector"]), len(geo["state"]))
    return geo


def run_events(f, path: str, run: int) -> np.ndarray:
    """The rows of /events of one run, or BadInput when the file kept no events."""
    if "events_kept" in f.attrs and int(f.attrs["events_kept"]) == 0:
        raise BadInput(f"{path}: keep: events needed for the map; this {kind_of(f)} file kept "
                       "no events (root attribute events_kept = 0)")
    events = events_table(f, path, "the map needs the event table /events (captures of "
                     "posts and the deaths in each district)")
    # Events are stored in run order: read the run's block, not the whole table.
    where = np.flatnonzero(events["run"] == run)
    if len(where) == 0:
        return events[0:0]
    rows = events[int(where[0]):int(where[-1]) + 1]
    return rows[rows["run"] == run]


def _s(values) -> np.ndarray:
    return np.array([v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
                     for v in values], dtype=object)


def post_control(geo: dict, events: np.ndarray, day: int) -> np.ndarray:
    """Posts each state holds in each sector [sector, state] at the end of `day`: the posts of
    day 0 (sector_posts), changed by every capture (CAMEO 192: actor = captor, target = loser,
    location = sector) and every hand-back (CAMEO 0874: actor = captor, target = owner) of
    `events` up to and including `day`. Captures by or from an actor that
    is not a state (an armed group) and captures at unknown places are left out."""
    held = geo["sector_posts"].copy()
    sector_index = {s: i for i, s in enumerate(geo["sector"])}
    state_index = {s: i for i, s in enumerate(geo["state"])}
    cameo = _s(events["cameo"])
    moves = events[((cameo == CAPTURE) | (cameo == HAND_BACK)) & (events["day"] <= day)]
    for code, actor, target, place in zip(_s(moves["cameo"]), _s(moves["actor"]),
                                          _s(moves["target"]), _s(moves["location"])):
        s, a, t = sector_index.get(place), state_index.get(actor), state_index.get(target)
        if s is None or a is None or t is None:
            continue
        step = 1 if code == CAPTURE else -1  # a capture moves a post from t to a; a hand-back back
        held[s, a] += step
        held[s, t] -= step
    return held


def event_places(geo: dict, events: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each event happened: (district index [event], sector index [event]), -1 where the
    event is not located in a district (or at a sector's posts).

    An event belongs to a district or a sector when its location is that id. A sector may share
    its id with a district (a sector named after its district); the event's coordinates then
    tell the two apart: it belongs to the district when they are nearer the district's centroid
    than the sector's (fighting at the posts of a sector is not counted in the district), and
    an event without coordinates (NaN) stays with the district. An event is thus in at most
    one of the two."""
    places = _s(events["location"])
    sectors = {s: i for i, s in enumerate(geo["sector"])}
    districts = {d: k for k, d in enumerate(geo["district"])}
    district = np.full(len(events), -1, dtype=np.int64)
    sector = np.full(len(events), -1, dtype=np.int64)
    for k, name in enumerate(geo["district"]):
        district[places == name] = k
    for i, name in enumerate(geo["sector"]):
        sector[places == name] = i
    for name in set(sectors) & set(districts):
        mine = places == name
        if not mine.any():
            continue
        i, k = sectors[name], districts[name]
        lat, lon = events["lat"][mine], events["lon"][mine]
        to_district = np.hypot(lat - geo["district_lat"][k], lon - geo["district_lon"][k])
        to_sector = np.hypot(lat - geo["sector_lat"][i], lon - geo["sector_lon"][i])
        at_posts = to_sector < to_district  # False for NaN coordinates
        district[np.flatnonzero(mine)[at_posts]] = -1
        sector[np.flatnonzero(mine)[~at_posts]] = -1
    return district, sector


def district_deaths(geo: dict, events: np.ndarray, day: int) -> np.ndarray:
    """Deaths of events located in each district (event_places), up to and including `day`
    [district]."""
    events = events[events["day"] <= day]
    district, _ = event_places(geo, events)
    located = district >= 0
    return np.bincount(district[located], weights=events["fatalities"][located],
                       minlength=len(geo["district"])).astype(np.float64)


def sector_deaths(geo: dict, events: np.ndarray, day: int) -> np.ndarray:
    """Deaths of events located at each sector's posts (event_places), up to and including
    `day` [sector]: the complement of district_deaths for ids shared by a sector and a
    district."""
    events = events[events["day"] <= day]
    _, sector = event_places(geo, events)
    located = sector >= 0
    return np.bincount(sector[located], weights=events["fatalities"][located],
                       minlength=len(geo["sector"])).astype(np.float64)


# -------------------------------------------------------------------------- the geometry

def border_order(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sector indices in order along the border: sorted by the position along the principal
    axis of the centroids (x is cos-corrected longitude), north or west first."""
    if len(x) < 2:
        return np.arange(len(x))
    pts = np.column_stack([x - x.mean(), y - y.mean()])
    _, _, vt = np.linalg.svd(pts, full_matrices=False)
    axis = vt[0]
    if axis[1] < 0 or (abs(axis[1]) < 1e-12 and axis[0] > 0):
        axis = -axis  # positive towards the north (or the west)
    return np.argsort(-(pts @ axis), kind="stable")


def frames(x: np.ndarray, y: np.ndarray, order: np.ndarray):
    """The unit tangent and normal of the border line at each sector [sector, 2], in the
    corrected plane; every normal points to the same side (the east of a north-south line)."""
    n = len(x)
    tangent = np.tile([0.0, -1.0], (n, 1))
    if n >= 2:
        for rank, i in enumerate(order):
            a = order[max(rank - 1, 0)]
            b = order[min(rank + 1, n - 1)]
            d = np.array([x[b] - x[a], y[b] - y[a]])
            if np.hypot(*d) > 0:
                tangent[i] = d / np.hypot(*d)
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])  # tangent turned by 90 degrees
    return tangent, normal


def state_sides(geo: dict, x: np.ndarray, y: np.ndarray, normal: np.ndarray, cos0: float):
    """+1 or -1 per state: the side of the border line its districts lie on (along the
    normals); states without districts alternate."""
    sides = []
    dx = geo["district_lon"] * cos0
    dy = geo["district_lat"]
    for i in range(len(geo["state"])):
        mine = np.flatnonzero(geo["district_state"] == i)
        score = 0.0
        for k in mine:
            if len(x) == 0:
                break
            s = int(np.argmin(np.hypot(x - dx[k], y - dy[k])))
            score += np.sign((dx[k] - x[s]) * normal[s, 0] + (dy[k] - y[s]) * normal[s, 1])
        sides.append(1.0 if score > 0 else -1.0 if score < 0 else (1.0 if i % 2 == 0 else -1.0))
    return np.array(sides)


def post_slots(origin: np.ndarray, held: np.ndarray) -> list[list[int]]:
    """For one sector: the controller (state index) of each post on each state's side.

    origin[i] posts stood on side i on day 0, held[j] are held now. Each side keeps
    min(origin, held) of its own posts; the posts a side lost go, in state order, to the states
    holding more than they started with (a state retakes its own posts first)."""
    origin = np.maximum(origin.astype(int), 0)
    held = np.maximum(np.rint(held).astype(int), 0)
    gainers = []
    for j in range(len(held)):
        gainers += [j] * max(0, held[j] - origin[j])
    slots = []
    for i in range(len(origin)):
        kept = min(origin[i], held[i])
        lost = origin[i] - kept
        taken, gainers = gainers[:lost], gainers[lost:]
        slots.append([i] * kept + taken + [-1] * (lost - len(taken)))  # -1: nobody's (lost)
    return slots


def map_layout(geo: dict, path: str) -> dict:
    """The plane of the map and the border's frame, shared by plot_map and the explorer.

    The plane is longitude x cos(mean latitude) by latitude, so that distances look right in
    the middle of the map. Returns cos0; x_lim, y_lim (longitude and latitude of the map's
    extent: every place, with a margin for the labels); map_w, map_h (its size in the plane);
    sx, sy (the sector centroids in the plane); order (border_order); tangent, normal
    (frames); sides (state_sides); step (the pitch of the post squares, small beside the map
    and beside the gap between sectors) and per_row (squares along the border; the rows go
    outwards). BadInput when no place has coordinates."""
    lons = np.concatenate([geo["sector_lon"], geo["district_lon"], geo["crossing_lon"]])
    lats = np.concatenate([geo["sector_lat"], geo["district_lat"], geo["crossing_lat"]])
    ok = np.isfinite(lons) & np.isfinite(lats)
    if not ok.any():
        raise BadInput(f"{path}: /geography has no places with coordinates to draw")
    lons, lats = lons[ok], lats[ok]
    lat0 = float(np.mean(lats))
    cos0 = max(math.cos(math.radians(lat0)), 0.05)
    span = max(np.ptp(lons) * cos0, np.ptp(lats), 0.5)
    pad = 0.09 * span
    x_lim = (lons.min() - pad / cos0, lons.max() + pad / cos0)
    y_lim = (lats.min() - pad, lats.max() + pad)
    map_w, map_h = (x_lim[1] - x_lim[0]) * cos0, y_lim[1] - y_lim[0]

    sx, sy = geo["sector_lon"] * cos0, geo["sector_lat"]
    order = border_order(sx, sy)
    tangent, normal = frames(sx, sy, order)
    sides = state_sides(geo, sx, sy, normal, cos0)
    gaps = np.hypot(np.diff(sx[order]), np.diff(sy[order])) if len(order) > 1 else np.array([])
    gaps = gaps[gaps > 0]
    step = 0.011 * max(map_w, map_h)
    if len(gaps):
        step = min(step, 0.45 * float(np.min(gaps)))
    return {"cos0": cos0, "x_lim": x_lim, "y_lim": y_lim, "map_w": map_w, "map_h": map_h,
            "sx": sx, "sy": sy, "order": order, "tangent": tangent, "normal": normal,
            "sides": sides, "step": step, "per_row": 2}


def post_squares(geo: dict, plane: dict) -> list[tuple[int, int, float, float]]:
    """Where each post's square goes: (sector, state, lon, lat) per post, sector by sector and,
    within a sector, in the order of post_slots (the posts each state held on day 0, on that
    state's side of the border, in rows of plane["per_row"] going outwards)."""
    sx, sy, cos0, step = plane["sx"], plane["sy"], plane["cos0"], plane["step"]
    per_row = plane["per_row"]
    squares = []
    for i in range(len(geo["sector"])):
        origin = np.maximum(geo["sector_posts"][i].astype(int), 0)
        side_rows: dict[float, int] = {}
        t, n = plane["tangent"][i], plane["normal"][i]
        for st, count in enumerate(origin):
            sign = plane["sides"][st]
            row0 = side_rows.get(sign, 0)
            for p in range(count):
                row, col = row0 + p // per_row, p % per_row
                along = (col - (per_row - 1) / 2) * step
                outward = sign * (0.8 * step + row * step)
                squares.append((i, st, (sx[i] + t[0] * along + n[0] * outward) / cos0,
                                sy[i] + t[1] * along + n[1] * outward))
            side_rows[sign] = row0 + math.ceil(count / per_row)
    return squares


def slot_holders(geo: dict, held: np.ndarray) -> list[int]:
    """The state holding each post of post_squares (state index, -1 for nobody's), given the
    posts each state holds in each sector [sector, state] (post_control)."""
    return [who for i in range(len(geo["sector"]))
            for controllers in post_slots(geo["sector_posts"][i], held[i]) for who in controllers]


# ---------------------------------------------------------------------------- the picture

def place_labels(ax, items, obstacles, fontsize=7.5) -> None:
    """Writes each label beside its point, avoiding overlaps.

    items: (x, y, text, radius_pt, color, style) in data coordinates, radius_pt the size of the
    point's marker; obstacles: boxes (x0, y0, x1, y1) in display pixels that labels should not
    cover (markers, post squares). For each label, eight positions around the point are tried
    at two distances, and the first free one kept (else the least covered). Call after the
    layout is final."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    taken = list(obstacles)
    frame = ax.get_window_extent(renderer)
    directions = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    for x, y, label, r, color, style in items:
        best = None
        for extra, (dx, dy) in [(e, d) for e in (2.5, 12.0) for d in directions]:
            off = r + extra
            t = ax.annotate(label, (x, y), xytext=(dx * off, dy * off),
                            textcoords="offset points",
                            ha="left" if dx > 0 else "right" if dx < 0 else "center",
                            va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                            fontsize=fontsize, color=color, fontstyle=style, zorder=7)
            bb = t.get_window_extent(renderer)
            box = (bb.x0 - 1, bb.y0 - 1, bb.x1 + 1, bb.y1 + 1)
            clash = sum(max(0.0, min(box[2], o[2]) - max(box[0], o[0])) *
                        max(0.0, min(box[3], o[3]) - max(box[1], o[1])) for o in taken)
            if bb.x0 < frame.x0 or bb.x1 > frame.x1 or bb.y0 < frame.y0 or bb.y1 > frame.y1:
                clash += 1e6  # outside the map
            if best is None or clash < best[0]:
                if best is not None:
                    best[1].remove()
                best = (clash, t, box)
            else:
                t.remove()
            if clash == 0:
                break
        taken.append(best[2])


def _pixel_box(ax, x, y, r_points):
    cx, cy = ax.transData.transform((x, y))
    rp = r_points * ax.figure.dpi / 72
    return (cx - rp, cy - rp, cx + rp, cy + rp)


def plot_map(path, out, day=None, run=None, **options) -> None:
    """A map of the border on day `day` of run `run` (default: the last day of run 0).

    Draws: the border as a dashed line through the sector centroids (ordered along the border);
    at each sector a small square per post, on the side of the border it stood on at day 0,
    coloured by the state that holds it at the end of the day (the posts of day 0 changed by
    the capture events, CAMEO 192, up to that day); each crossing as a symbol, open or closed
    that day (/runs/crossing_open); each district as a circle whose area grows with the deaths
    of the run's events located there up to that day, labelled with its id and deaths; each
    sector is labelled with its id and the deaths at its posts. Axes are longitude and latitude
    with a 1/cos(latitude) aspect, so that distances look right in the middle of the map.

    BadInput when the file has no /geography or no /events, or the run or day is not in it.
    Options: title (default: the scenario's name); the others are ignored.
    """
    run = 0 if run is None else int(run)
    with open_results(path) as f:
        geo = read_geography(f, path)
        day_dates = dates(f)
        n_days = len(day_dates)
        n_runs = int(f["runs/run"].shape[0]) if "runs/run" in f else int(f.attrs.get("runs", 0))
        if not 0 <= run < n_runs:
            raise BadInput(f"{path}: no run {run}; the file has runs 0 to {n_runs - 1}")
        day = n_days - 1 if day is None else int(day)
        if not 0 <= day < n_days:
            raise BadInput(f"{path}: no day {day}; the file has days 0 to {n_days - 1}")
        events = run_events(f, path, run)
        crossing_open = None
        if "runs/crossing_open" in f and len(geo["crossing"]):
            crossing_open = f["runs/crossing_open"][run, day, :].astype(int)
        title = options.get("title") or text(f.attrs.get("scenario_name", "")) or "Flashpoint"

    held = post_control(geo, events, day)
    d_deaths = district_deaths(geo, events, day)
    s_deaths = sector_deaths(geo, events, day)
    states = geo["state"]
    colors = {i: STATE_COLORS[i % len(STATE_COLORS)] for i in range(len(states))}

    plane = map_layout(geo, path)
    cos0, x_lim, y_lim = plane["cos0"], plane["x_lim"], plane["y_lim"]
    map_w, map_h = plane["map_w"], plane["map_h"]
    order, tangent, step = plane["order"], plane["tangent"], plane["step"]

    height = 9.5
    width = min(max(height * map_w / map_h, 5.0), 16.0) + 3.8  # + the legend
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    ax.set_aspect(1.0 / cos0)
    ax.set_xlim(*x_lim)
    ax.set_ylim(*y_lim)
    ax.grid(color="0.9", lw=0.6)
    ax.set_axisbelow(True)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:g}°E"))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:g}°N"))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    date = str(day_dates[day])
    ax.set_title(f"run {run}, day {day} ({date}): who holds the posts, which crossings are "
                 "open, deaths by district up to the day", fontsize=9.5)

    if len(order) > 1:
        ax.plot(geo["sector_lon"][order], geo["sector_lat"][order], ls="--", color="0.3",
                lw=1.3, zorder=2)

    # Districts: circle area proportional to deaths (a small ring when none).
    max_deaths = max(float(d_deaths.max()) if len(d_deaths) else 0.0, 1.0)
    r_max = 17.0  # points, for the most deaths
    radius = np.where(d_deaths > 0, r_max * np.sqrt(d_deaths / max_deaths), 3.0)
    radius = np.where(d_deaths > 0, np.maximum(radius, 3.5), radius)
    for k in range(len(geo["district"])):
        color = colors.get(int(geo["district_state"][k]), "0.5")
        dead = d_deaths[k] > 0
        ax.scatter(geo["district_lon"][k], geo["district_lat"][k], s=(2 * radius[k]) ** 2,
                   facecolor=DEATH_COLOR if dead else "white", alpha=0.4 if dead else 1.0,
                   edgecolor="none" if dead else color, lw=1.3, zorder=3)
        if dead:  # the state's ring, opaque over the translucent disc
            ax.scatter(geo["district_lon"][k], geo["district_lat"][k],
                       s=(2 * radius[k]) ** 2, facecolor="none", edgecolor=color, lw=1.3,
                       zorder=3)

    # Posts: squares on their day-0 side, coloured by the holder on the day.
    half = 0.42 * step
    squares = []
    for (_, _, cx, cy), who in zip(post_squares(geo, plane), slot_holders(geo, held)):
        ax.add_patch(Rectangle((cx - half / cos0, cy - half), 2 * half / cos0,
                               2 * half, facecolor=colors.get(who, "white"),
                               edgecolor="0.15", lw=0.5, zorder=4))
        squares.append((cx, cy))

    # Crossings on the border line, spread along it when a sector has several.
    per_sector: dict[int, int] = {}
    crossing_xy = []
    for c in range(len(geo["crossing"])):
        s = int(geo["crossing_sector"][c])
        k = per_sector.get(s, 0)
        per_sector[s] = k + 1
        lon, lat = geo["crossing_lon"][c], geo["crossing_lat"][c]
        if 0 <= s < len(geo["sector"]) and k:
            shift = (k + 1) // 2 * (1 if k % 2 else -1) * 1.5 * step
            lon += tangent[s, 0] * shift / cos0
            lat += tangent[s, 1] * shift
        is_open = None if crossing_open is None else bool(crossing_open[c])
        if is_open is False:
            ax.scatter(lon, lat, marker="X", s=95, facecolor=CLOSED_COLOR, edgecolor="k",
                       lw=0.7, zorder=5)
        else:
            ax.scatter(lon, lat, marker="D", s=55, edgecolor="k", lw=0.7, zorder=5,
                       facecolor=OPEN_COLOR if is_open else "0.7")
        crossing_xy.append((lon, lat))

    # Legends: what the symbols are, then the scale of the circles.
    handles = [Line2D([], [], ls="--", color="0.3", lw=1.3,
                      label="border (through the sector centroids)")]
    for i, st in enumerate(states):
        total = int(round(held[:, i].sum()))
        handles.append(Patch(facecolor=colors[i], edgecolor="0.15",
                             label=f"post held by {st} ({total} in all)"))
    handles += [
        Line2D([], [], marker="D", ls="", markersize=7, markerfacecolor=OPEN_COLOR,
               markeredgecolor="k", label="crossing open"),
        Line2D([], [], marker="X", ls="", markersize=9, markerfacecolor=CLOSED_COLOR,
               markeredgecolor="k", label="crossing closed"),
        Line2D([], [], ls="", marker="$†$", markersize=7, color=DEATH_COLOR,
               label="sector (italic): † deaths at its posts"),
        Line2D([], [], marker="o", ls="", markersize=6, markerfacecolor="white",
               markeredgecolor="0.3", label="district: ring in its state's colour"),
    ]
    first = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                      frameon=False, fontsize=8.5, title_fontsize=8.5, alignment="left",
                      title="squares: a sector's posts, on the side\nof the border they "
                      "stood on at day 0")
    ax.add_artist(first)
    first.set_clip_on(False)  # add_artist clips to the axes: the saved picture would cut it
    sizes = []
    for value in scale_values(max_deaths):
        r = max(r_max * math.sqrt(value / max_deaths), 3.5)
        sizes.append(Line2D([], [], marker="o", ls="", markersize=2 * r,
                            markerfacecolor=DEATH_COLOR, alpha=0.4, markeredgecolor="none",
                            label=f"{value:,.0f}"))
    if sizes:
        ax.legend(handles=sizes, loc="lower left", bbox_to_anchor=(1.02, 0.0), frameon=False,
                  fontsize=8.5, title="deaths in a district,\nup to the day", title_fontsize=8.5,
                  labelspacing=2.2, borderpad=1.2, handletextpad=1.6, alignment="left")
    fig.suptitle(f"{title}: the border on {date}")
    # Labels, once the layout is final (constrained layout, which made room for the legends
    # and titles, is then switched off so that the positions measured for the labels stay).
    fig.canvas.draw()
    fig.set_layout_engine("none")
    obstacles = [_pixel_box(ax, x, y, r) for x, y, r in
                 zip(geo["district_lon"], geo["district_lat"], radius)]
    sq = abs(ax.transData.transform((0, half))[1] - ax.transData.transform((0, 0))[1])
    obstacles += [_pixel_box(ax, x, y, sq * 72 / fig.dpi) for x, y in squares]
    obstacles += [_pixel_box(ax, x, y, 5.0) for x, y in crossing_xy]
    items = []
    for i, name in enumerate(geo["sector"]):
        # beside the sector's posts: the outermost square is about 4 pitches from the centroid
        label = name + (f"  †{s_deaths[i]:,.0f}" if s_deaths[i] > 0 else "")
        items.append((geo["sector_lon"][i], geo["sector_lat"][i], label, 4.0, DEATH_COLOR
                      if s_deaths[i] > 0 else "0.35", "italic"))
    sector_names = set(geo["sector"])
    for c, name in enumerate(geo["crossing"]):
        s = int(geo["crossing_sector"][c])
        if name != (geo["sector"][s] if 0 <= s < len(geo["sector"]) else None) \
                or name not in sector_names:
            items.append((*crossing_xy[c], name, 5.0, "0.1", "normal"))
    for k, name in enumerate(geo["district"]):
        dead = d_deaths[k] > 0
        items.append((geo["district_lon"][k], geo["district_lat"][k],
                      f"{name} ({d_deaths[k]:,.0f})" if dead else name, radius[k],
                      "0.1" if dead else "0.45", "normal"))
    # the biggest circles first: their labels have the fewest good places
    items.sort(key=lambda item: -item[3])
    place_labels(ax, items, obstacles)

    save(fig, out)


def scale_values(max_deaths: float) -> list[float]:
    """Two or three round numbers of deaths for the legend's circles, up to max_deaths."""
    if max_deaths <= 1:
        return []
    top = 10 ** math.floor(math.log10(max_deaths))
    for m in (5, 2, 1):
        if m * top <= max_deaths:
            top *= m
            break
    values = [top] + [top * frac for frac in (0.5, 0.1) if top * frac >= 1]
    return sorted(set(values))

"""What a results file says, in a few sentences written from its numbers (the report's first
section, docs/analysis.md "The HTML report").

    comparison_question(c)   "Which of 4 options gives the lowest mean fatalities_all across ..."
    comparison_findings(c)   which option ranks first and by how much it beats the status quo,
                             whether it is also the minimax-regret choice and the best worst
                             case, which options are significantly worse than the status quo,
                             the Pareto front, in how many scenarios the first beats the status
                             quo
    run_findings(f)          median deaths, shares of runs reaching armed conflict, rung 8 and a
                             ceasefire, the median first day of conflict as a date
    sweep_findings(f)        the most influential parameters of each headline outcome

Nothing is claimed that the file does not hold: every number is a figure of the file (or a
count of its options, runs or scenarios) printed as the tables print it, and the sentences
change with the numbers (an option that is not significantly better is not called better).
Each number is marked up so that a test can read it back and compare it with the file:

    <span class="fig" data-var="diff_mean" data-option="mediation"
          data-outcome="fatalities_all">-153</span>

data-var names a variable of /comparison (with data-option, data-outcome, data-objective as
its coordinates), an attribute of /comparison (@scenarios, @replicates, @confidence) or a
figure derived from the file (#options, #front, #scenarios_better; for runs and sweeps the
statistics listed in tests/integration/check_report.py). Each claim about which options
qualify is marked with data-claim and data-options (comma-separated option names), so that the
test can recompute the set. Option names are <b class="option">, outcome names <code>: digits
anywhere else in a sentence are a bug the test catches.
"""
from __future__ import annotations

import datetime as _dt
import html
import math
from dataclasses import dataclass, field

import numpy as np

from .common import BadInput, rank_order, strings, text
from .influence import rank_parameters
from .outcomes import SWEEP_HEADLINE, has_per_run_values, outcome_names, outcome_values


def esc(s) -> str:
    return html.escape(str(s), quote=True)


def fmt_value(v: float) -> str:
    """As fmt_value of src/experiment/compare.cpp (the comparison tables print the same)."""
    if v is None or not np.isfinite(v):
        return "-"
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:.2f}m"
    if a >= 100:
        return f"{v:.0f}"
    if a >= 1:
        return f"{v:.1f}"
    return f"{v:.2f}"


def fmt_signed(v: float) -> str:
    """A difference: '+4.8', '-153', '0'."""
    if not np.isfinite(v):
        return "-"
    return ("+" if v > 0 else "") + fmt_value(v)


def number(v: float) -> str:
    """As the per-run table prints an outcome: 86.9m, 1,234, 12, 12.5."""
    if v is None or not np.isfinite(v):
        return "-"
    if abs(v) >= 1e6:
        return f"{v / 1e6:.3g}m"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if v == math.floor(v):
        return f"{v:.0f}"
    return f"{v:.1f}"


def percent(v: float) -> str:
    return "-" if v is None or not np.isfinite(v) else f"{100 * v:.0f}%"


def fig(shown: str, var: str, **where) -> str:
    """A number of a sentence, marked with where it comes from (module docstring)."""
    attrs = "".join(f' data-{k}="{esc(v)}"' for k, v in where.items())
    return f'<span class="fig" data-var="{esc(var)}"{attrs}>{esc(shown)}</span>'


def const(shown: str) -> str:
    """A number that is part of a definition, not a figure of the file (0 in "the interval
    excludes 0", 6 in "rung 6"); the test allows only those it knows."""
    return f'<span class="def">{esc(shown)}</span>'


def opt(name: str) -> str:
    return f'<b class="option">{esc(name)}</b>'


def code(name: str) -> str:
    return f"<code>{esc(name)}</code>"


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def claim(kind: str, options: list[str], body: str, tag: str = "span") -> str:
    return (f'<{tag} data-claim="{kind}" data-options="{esc(",".join(options))}">{body}'
            f"</{tag}>")


# ---------------------------------------------------------------------------------------------
# Comparisons


@dataclass
class Comparison:
    """What the answer of a comparison needs, read from /comparison (file closed after)."""
    options: list[str]
    outcomes: list[str]
    stats: dict[str, np.ndarray]
    attrs: dict[str, str]
    labels: dict[str, list[str]] = field(default_factory=dict)  # threshold, objective, lever
    design_values: np.ndarray | None = None                     # [scenario, parameter]
    design_parameters: list[str] = field(default_factory=list)

    @property
    def status_quo(self) -> str:
        return self.attrs.get("status_quo", "status_quo")

    @property
    def sq(self) -> int:
        return self.options.index(self.status_quo) if self.status_quo in self.options else -1

    @property
    def rank_by(self) -> str:
        return self.attrs.get("rank_by", "fatalities_all")

    @property
    def lower(self) -> bool:
        return self.attrs.get("better", "lower") != "higher"

    @property
    def confidence(self) -> float:
        try:
            return float(self.attrs.get("confidence", "0.95"))
        except ValueError:
            return 0.95

    @property
    def scenarios(self) -> int:
        return _whole(self.attrs.get("scenarios", "1"), 1)

    @property
    def replicates(self) -> int:
        return _whole(self.attrs.get("replicates", "0"), 0)

    @property
    def order(self) -> list[int]:
        """Option indices by rank, best first (ties and unranked options in file order)."""
        return rank_order(self.stats.get("rank"), len(self.options))

    def has(self, name: str) -> bool:
        return name in self.stats

    def per_option(self, name: str) -> np.ndarray:
        return self.stats.get(name, np.full(len(self.options), np.nan))

    def column(self, name: str, outcome: str) -> np.ndarray:
        if name not in self.stats or outcome not in self.outcomes:
            return np.full(len(self.options), np.nan)
        return self.stats[name][:, self.outcomes.index(outcome)]


def _whole(value: str, default: int) -> int:
    try:
        return int(float(value))
    except ValueError:
        return default


# The coordinates of /comparison (labels, not statistics).
_COORDINATES = ("option", "outcome", "scenario", "threshold", "objective", "lever")


def read_comparison(f) -> Comparison:
    if "comparison" not in f:
        raise BadInput(f"{f.filename}: a comparison file without /comparison")
    g = f["comparison"]
    stats = {k: np.asarray(g[k][()], dtype=float) for k in g if k not in _COORDINATES}
    c = Comparison(options=strings(g["option"]), outcomes=strings(g["outcome"]), stats=stats,
                   attrs={k: text(v) for k, v in g.attrs.items()},
                   labels={k: strings(g[k]) for k in ("threshold", "objective", "lever")
                           if k in g})
    if "design" in f and "values" in f["design"] and "parameter" in f["design"]:
        c.design_values = np.asarray(f["design/values"][()], dtype=float)
        c.design_parameters = strings(f["design/parameter"])
    return c


def comparison_question(c: Comparison) -> str:
    s = c.scenarios
    return (f"Which of {fig(str(len(c.options)), '#options')} options gives the "
            f"{'lowest' if c.lower else 'highest'} mean {code(c.rank_by)} across "
            f"{fig(str(s), '@scenarios')} scenario{'s' if s != 1 else ''} x "
            f"{fig(str(c.replicates), '@replicates')} replicates?")


def _diff(c: Comparison, o: int, outcome: str) -> tuple[str, float, float, float]:
    """'-153 [-176, -131]' marked up, and the three numbers."""
    mean, low, high = (c.column(k, outcome)[o] for k in ("diff_mean", "diff_low", "diff_high"))
    where = {"option": c.options[o], "outcome": outcome}
    shown = (f"{fig(fmt_signed(mean), 'diff_mean', **where)} "
             f"[{fig(fmt_value(low), 'diff_low', **where)}, "
             f"{fig(fmt_value(high), 'diff_high', **where)}]")
    return shown, mean, low, high


def _conf(c: Comparison) -> str:
    return fig(f"{c.confidence:.0%}", "@confidence")


def _excludes(low: float, high: float) -> bool:
    return bool(np.isfinite(low) and np.isfinite(high) and (high < 0 or low > 0))


def _ties(values: np.ndarray, order: list[int], lower: bool) -> list[int]:
    """The options (in rank order) whose value is the best of all (ties included)."""
    finite = values[np.isfinite(values)]
    if not finite.size:
        return []
    best = finite.min() if lower else finite.max()
    return [o for o in order if np.isfinite(values[o]) and values[o] == best]


def _worse(c: Comparison, low: float, high: float) -> bool:
    """The whole interval of a difference option - status quo is on the worse side of 0."""
    if not (np.isfinite(low) and np.isfinite(high)):
        return False
    return low > 0 if c.lower else high < 0


def comparison_findings(c: Comparison) -> list[str]:
    """The sentences under the ranking table, as HTML <li> items (module docstring)."""
    order, sq, rank_by = c.order, c.sq, c.rank_by
    value = c.per_option("rank_value")
    names = c.options
    out = []
    if not order:
        return out
    w = order[0]
    where_w = {"option": names[w]}
    # 1. Which option ranks first, and by how much it beats the status quo.
    if sq < 0:
        out.append(claim("winner", [names[w]], f"{opt(names[w])} ranks first, with a mean "
                         f"{code(rank_by)} of {fig(fmt_value(value[w]), 'rank_value', **where_w)}"
                         f"; the status quo {esc(c.status_quo)} is not one of the options.",
                         "li"))
    elif w != sq:
        shown, _, low, high = _diff(c, w, rank_by)
        verdict = (f"excludes {const('0')}" if _excludes(low, high) else
                   f"includes {const('0')}: no difference is shown at this confidence")
        out.append(claim("winner", [names[w]], (
            f"{opt(names[w])} ranks first: a mean {code(rank_by)} of "
            f"{fig(fmt_value(value[w]), 'rank_value', **where_w)} against "
            f"{fig(fmt_value(value[sq]), 'rank_value', option=names[sq])} for the status quo "
            f"{opt(names[sq])}, a paired difference of {shown} ({_conf(c)} interval); the "
            f"interval {verdict}."), "li"))
    else:
        body = (f"The status quo {opt(names[sq])} ranks first: no option has a "
                f"{'lower' if c.lower else 'higher'} mean {code(rank_by)} than its "
                f"{fig(fmt_value(value[sq]), 'rank_value', option=names[sq])}.")
        if len(order) > 1:
            r2 = order[1]
            shown, _, low, high = _diff(c, r2, rank_by)
            body += (f" The next, {opt(names[r2])}, differs from it by {shown} "
                     f"({_conf(c)} interval, which "
                     f"{'excludes' if _excludes(low, high) else 'includes'} {const('0')}).")
        out.append(claim("winner", [names[w]], body, "li"))

    # 2. Minimax regret and the best worst case.
    s = c.scenarios
    over = f"over {fig(str(s), '@scenarios')} scenario{'s' if s != 1 else ''}"
    parts = []
    winner_is_minimax = False
    if c.has("regret_max"):
        regret = c.per_option("regret_max")
        best = _ties(regret, order, True)
        tied = [names[o] for o in best[1:]]
        if w in best:
            winner_is_minimax = True
            others = [names[o] for o in best if o != w]
            text_ = (f"{opt(names[w])} is also the minimax-regret choice: its max regret "
                     f"{over} is {fig(fmt_value(regret[w]), 'regret_max', **where_w)}"
                     + (f", tied with {listing([opt(n) for n in others])}" if others else ""))
        elif best:
            m = best[0]
            text_ = (f"The minimax-regret choice is {opt(names[m])}"
                     + (f" (tied with {listing([opt(n) for n in tied])})" if tied else "")
                     + f": its max regret {over} is "
                     f"{fig(fmt_value(regret[m]), 'regret_max', option=names[m])}, against "
                     f"{fig(fmt_value(regret[w]), 'regret_max', **where_w)} for {opt(names[w])}")
        else:
            text_ = "No option has a max regret (the ranking outcome has no value)"
        parts.append(claim("minimax", [names[o] for o in best], text_))
    else:
        parts.append(claim("minimax", [], "Regret: not in this file"))
    if c.has("worst_case"):
        worst = c.per_option("worst_case")
        best = _ties(worst, order, c.lower)
        if w in best:
            others = [names[o] for o in best if o != w]
            who = "it" if winner_is_minimax else opt(names[w])
            text_ = (f"{who} has the best worst case of the scenario means "
                     f"({fig(fmt_value(worst[w]), 'worst_case', **where_w)}"
                     + (f", tied with {listing([opt(n) for n in others])}" if others else "")
                     + ")")
        elif best:
            b = best[0]
            text_ = (f"the best worst case of the scenario means is {opt(names[b])}'s "
                     f"({fig(fmt_value(worst[b]), 'worst_case', option=names[b])}, against "
                     f"{fig(fmt_value(worst[w]), 'worst_case', **where_w)} for {opt(names[w])})")
        else:
            text_ = "no option has a worst case (the ranking outcome has no value)"
        parts.append(claim("worst_case", [names[o] for o in best], text_))
    else:
        parts.append(claim("worst_case", [], "the worst case over the scenarios is not in this "
                           "file (written before flashpoint computed it)"))
    one = " With one scenario, regret is the distance to the best option's mean." if s == 1 \
        else ""
    out.append(f"<li>{parts[0]}; {parts[1]}.{one}</li>")

    # 3. Options significantly worse than the status quo.
    if sq >= 0:
        side = "above" if c.lower else "below"
        worse = []
        for o in order:
            if o == sq:
                continue
            shown, _, low, high = _diff(c, o, rank_by)
            if _worse(c, low, high):
                worse.append((o, shown))
        if worse:
            body = (f"Significantly worse than the status quo on {code(rank_by)} (the whole "
                    f"{_conf(c)} interval {side} {const('0')}): "
                    + listing([f"{opt(names[o])} ({shown})" for o, shown in worse]) + ".")
        else:
            body = (f"No option is significantly worse than the status quo on {code(rank_by)}: "
                    f"no {_conf(c)} interval lies wholly {side} {const('0')}.")
        out.append(claim("worse", [names[o] for o, _ in worse], body, "li"))

    # 4. The Pareto front.
    objectives = c.labels.get("objective", [])
    if c.has("pareto_rank") and objectives:
        rank = c.per_option("pareto_rank")
        share = c.per_option("pareto_share")
        front = [o for o in order if rank[o] == 1]
        items = [f"{opt(names[o])} (on the front of "
                 f"{fig(percent(share[o]), 'pareto_share', option=names[o])} of the scenarios "
                 f"taken one at a time)"
                 if np.isfinite(share[o]) else opt(names[o]) for o in front]
        body = (f"{fig(str(len(front)), '#front')} of {fig(str(len(names)), '#options')} "
                f"options {'is' if len(front) == 1 else 'are'} non-dominated on "
                f"{listing([code(n) for n in objectives])}: {listing(items)}.")
        out.append(claim("pareto", [names[o] for o in front], body, "li"))
    else:
        out.append(claim("pareto", [], "The Pareto front: not in this file (the comparison has "
                         "no <code>pareto:</code> objectives).", "li"))

    # 5. In how many scenarios the first (or, when it is the status quo, the next) beats it.
    subject = w if w != sq else (order[1] if len(order) > 1 else -1)
    if sq >= 0 and subject >= 0:
        if c.has("p_better"):
            p = c.per_option("p_better")[subject]
            count = round(p * s * 2) / 2  # ties count half
            where = {"option": names[subject]}
            who = (opt(names[subject]) if subject == w else
                   f"{opt(names[subject])}, the best of the other options,")
            body = (f"{who} beats the status quo in "
                    f"{fig(f'{count:g}', '#scenarios_better', **where)} of "
                    f"{fig(str(s), '@scenarios')} scenario{'s' if s != 1 else ''} "
                    f"(P(better) = {fig(f'{p:.2f}', 'p_better', **where)}; a tie counts half).")
        else:
            body = "P(better), the share of scenarios in which an option beats the status quo: " \
                   "not in this file."
        out.append(claim("p_better", [names[subject]], body, "li"))
    return out


# ---------------------------------------------------------------------------------------------
# Runs


def _day_date(start: str, day: float) -> str:
    """The date of (fractional) day index `day`, rounded half up to a whole day."""
    base = _dt.date.fromisoformat(start)
    return (base + _dt.timedelta(days=int(math.floor(day + 0.5)))).isoformat()


def run_findings(f) -> list[str]:
    """The summary of a run file (or of every run of a sweep) as <li> items."""
    if not has_per_run_values(f):
        return ["<li>No per-run figures: the file has no /outcomes (an older flashpoint wrote "
                "it); run it again with this version for this summary.</li>"]
    names = outcome_names(f)
    runs = int(f["runs/run"].shape[0])
    days = int(f.attrs.get("days", 0))
    start = text(f.attrs.get("start_date", ""))
    out = []
    deaths = outcome_values(f, "fatalities_all")
    ok = deaths[np.isfinite(deaths)]
    if ok.size:
        med, p05, p95 = np.quantile(ok, [0.5, 0.05, 0.95])
        o = {"outcome": "fatalities_all"}
        out.append(f"Over {fig(f'{runs:,}', '#runs')} runs of {fig(str(days), '#days')} days "
                   f"from {fig(start, '@start_date')}, the median number of deaths "
                   f"({code('fatalities_all')}) is {fig(number(med), 'median', **o)} "
                   f"({const('5-95%')} of the runs: {fig(number(p05), 'p05', **o)} to "
                   f"{fig(number(p95), 'p95', **o)}).")
    parts = []
    if "first_conflict_day" in names:
        conflict = np.isfinite(outcome_values(f, "first_conflict_day"))
        w = {"outcome": "first_conflict_day"}
        parts.append(f"{fig(str(int(conflict.sum())), 'count_with', **w)} of "
                     f"{fig(f'{runs:,}', '#runs')} runs "
                     f"({fig(percent(conflict.mean()), 'share_with', **w)}) reached armed "
                     f"conflict (rung {const('6')} or higher)")
    if "reached_rung8" in names:
        rung8 = outcome_values(f, "reached_rung8")
        w = {"outcome": "reached_rung8"}
        parts.append(f"{fig(str(int(np.nansum(rung8 == 1))), 'count_one', **w)} "
                     f"({fig(percent(np.mean(rung8 == 1)), 'share_one', **w)}) reached rung "
                     f"{const('8')} (deep strike)")
    if "first_ceasefire_day" in names:
        cease = np.isfinite(outcome_values(f, "first_ceasefire_day"))
        w = {"outcome": "first_ceasefire_day"}
        parts.append(f"{fig(str(int(cease.sum())), 'count_with', **w)} "
                     f"({fig(percent(cease.mean()), 'share_with', **w)}) had a ceasefire")
    if parts:
        out.append(listing(parts) + ".")
    if "first_conflict_day" in names:
        first = outcome_values(f, "first_conflict_day")
        first = first[np.isfinite(first)]
        w = {"outcome": "first_conflict_day"}
        if first.size and start:
            med = float(np.quantile(first, 0.5))
            about = "" if med == math.floor(med) else "about "
            out.append(f"In the runs that reached armed conflict, the median first day of "
                       f"conflict is day {fig(number(med), 'median', **w)}, {about}"
                       f"{fig(_day_date(start, med), 'median_date', **w)}.")
        elif not first.size:
            out.append("No run reached armed conflict.")
    return [f"<li>{s}</li>" for s in out]


# ---------------------------------------------------------------------------------------------
# Sweeps


def sweep_rankings(f) -> list:
    """influence.Ranking of each headline outcome the sweep has (an outcome that cannot be
    ranked, in an older file without /outcomes nor indices for it, is left out)."""
    names = outcome_names(f)
    out = []
    for o in SWEEP_HEADLINE:
        if o in names:
            try:
                out.append(rank_parameters(f, o))
            except BadInput:
                pass
    return out


def short(path: str, paths: list[str]) -> str:
    """The shortest unambiguous tail of a dotted parameter path."""
    parts = path.split(".")
    for n in range(1, len(parts) + 1):
        tail = ".".join(parts[-n:])
        if sum(".".join(p.split(".")[-n:]) == tail for p in paths) == 1:
            return tail
    return path


def sweep_findings(rankings: list) -> list[str]:
    """One sentence per headline outcome: the two most influential parameters and their
    shares of the summed measure."""
    out = []
    for r in rankings:
        o = r.outcome
        top = [j for j in r.order if np.isfinite(r.value[j])]
        where = {"outcome": o, "method": r.method}
        if not top or not np.isfinite(r.share).any():
            out.append(f"<li>{code(o)}: no parameter's influence could be measured (the outcome "
                       f"does not vary over the runs, or lacks values).</li>")
            continue
        if len(r.parameters) == 1:
            out.append(f"<li>{code(o)}: only {opt(short(r.parameters[0], r.parameters))} is "
                       f"varied.</li>")
            continue
        a, b = top[0], top[1] if len(top) > 1 else None
        pa = short(r.parameters[a], r.parameters)
        first = fig(percent(r.share[a]), "share", parameter=r.parameters[a], **where)
        if b is None or not r.value[b] > 0:
            out.append(claim("top", [r.parameters[a]], f"{code(o)}: only {opt(pa)} matters, "
                             f"with {first} of the summed {esc(r.measure)}; no other parameter "
                             f"has a {esc(r.measure)} above {const('0')}.", "li"))
            continue
        pb = short(r.parameters[b], r.parameters)
        second = fig(percent(r.share[b]), "share", parameter=r.parameters[b], **where)
        both = fig(percent(r.share[a] + r.share[b]), "share_top2", **where)
        out.append(claim("top", [r.parameters[a], r.parameters[b]],
                         f"{code(o)}: {opt(pa)} and {opt(pb)} matter most, with {first} and "
                         f"{second} of the summed {esc(r.measure)} ({both} together).", "li"))
    return out

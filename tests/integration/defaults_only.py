"""Write a scenario with only the facts of its case: every model parameter left to its default.

Usage: defaults_only.py FLASHPOINT SCENARIO OUT

A key is a model parameter when `flashpoint params --markdown` gives it a basis other than
"scenario input" or "policy lever" (that is: source, calibrated, assumption, resource bound).
Every such key is removed from the sections it belongs to (actors by type, doctrine, cells,
relations, districts, sectors, posts, crossings, the scenario-wide sections, refugees, attack
types), and so are the scenario-wide sections left empty. Places, people, forces, dates, scripted
events and policies stay: they are the file's facts. The result is the check of docs/validation.md
("A scenario written with the defaults"): what a new user gets from the documented defaults.
"""

import re
import subprocess
import sys

import yaml

FACT_KINDS = ("scenario input", "policy lever")


def model_parameters(flashpoint):
    """{section: {key, ...}} of the rows whose basis is not a fact of the case."""
    table = subprocess.run(
        [flashpoint, "params", "--markdown"], capture_output=True, text=True, check=True
    ).stdout
    out, section = {}, None
    for line in table.splitlines():
        m = re.match(r"^#### `([a-z_]+)`", line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"^\| `([a-z_]+)` \|", line)
        if m and section:
            cells = [c.strip() for c in line.strip("|").split("|")]
            basis = cells[5]
            if not basis.startswith(FACT_KINDS):
                out.setdefault(section, set()).add(m.group(1))
    return out


def strip(mapping, keys):
    for k in list(mapping):
        if k in keys:
            del mapping[k]


def main():
    flashpoint, path, target = sys.argv[1:4]
    params = model_parameters(flashpoint)
    with open(path, encoding="utf-8") as f:
        sc = yaml.safe_load(f)
    for section in ("strategic", "utility", "operations", "insurgency", "population", "talks"):
        if section in sc:
            strip(sc[section], params.get(section, set()))
            if not sc[section]:
                del sc[section]
    strip(sc, params.get("scenario", set()))
    for actor in sc.get("actors", []):
        kind = actor.get("type")
        strip(actor, params.get(kind, set()))
        doctrine = actor.get("doctrine")
        for entry in doctrine if isinstance(doctrine, list) else [doctrine]:
            if kind == "state" and isinstance(entry, dict):  # one doctrine, or a list of them
                strip(entry, params.get("doctrine", set()))
        for cell in actor.get("cells", []) or []:
            strip(cell, params.get("cell", set()))
    for name, section in (
        ("relations", "relation"),
        ("districts", "district"),
        ("sectors", "sector"),
        ("crossings", "crossing"),
        ("refugees", "refugees"),
        ("attack_types", "attack_type"),
    ):
        for entry in sc.get(name, []) or []:
            strip(entry, params.get(section, set()))
            if name == "sectors":
                for posts in entry.get("posts", []) or []:
                    strip(posts, params.get("posts", set()))
    with open(target, "w", encoding="utf-8") as f:
        yaml.safe_dump(sc, f, sort_keys=False)


if __name__ == "__main__":
    main()

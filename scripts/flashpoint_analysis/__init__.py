"""Flashpoint's analysis package: pictures, exports and reports from results files.

Entry points: scripts/fp-plot (pictures), scripts/fp-export (CSV), scripts/report (HTML).
Each picture is a function plot_<kind>(path, out, **options) in one of the modules below; `out`
is a file name or a binary file object (the report renders into memory). docs/analysis.md.
"""

"""The pictures of scripts/fp-plot, shared with the report (scripts/report)."""

# KIND -> (module, function, files it takes, what it shows)
PICTURES = {
    "fan": ("run_plots", "plot_fan", "run, sweep, comparison",
            "fan charts (median, 50% and 90% bands) of escalation, fatalities, attacks, trade, "
            "displaced and returnees, ceasefires shaded"),
    "timeline": ("run_plots", "plot_timeline", "run (events kept)",
                 "daily Goldstein sum per directed dyad"),
    "map": ("geo", "plot_map", "run (events kept)",
            "border map: sectors, posts by controller on --day, crossings, districts by deaths"),
    "sweep-param": ("sweep_plots", "plot_sweep_param", "sweep",
                    "an outcome against one parameter, with the replicates' spread"),
    "sweep-heatmap": ("sweep_plots", "plot_sweep_heatmap", "sweep",
                      "an outcome's mean over two parameters"),
    "sensitivity": ("sweep_plots", "plot_sensitivity", "sweep (sobol or morris)",
                    "Sobol S1/ST with intervals, or Morris mu*/sigma, per parameter"),
    "scatter": ("sweep_plots", "plot_scatter", "sweep",
                "scatter matrix of the parameters and an outcome"),
    "forest": ("compare_plots", "plot_forest", "comparison",
               "paired differences against the status quo with 95% intervals"),
    "distributions": ("compare_plots", "plot_distributions", "comparison",
                      "an outcome's distribution per option"),
    "robustness": ("compare_plots", "plot_robustness", "comparison",
                   "regret and share of scenarios meeting the thresholds, as a coloured table"),
    "option-fans": ("compare_plots", "plot_option_fans", "comparison (keep: series)",
                    "fan charts per option, side by side on one y axis: escalation and the "
                    "ranking outcome's daily series"),
    "pareto": ("compare_plots", "plot_pareto", "comparison (with pareto:)",
               "the options on two objectives, the non-dominated ones (Pareto front) joined"),
    "prim-tradeoff": ("discovery", "plot_prim_tradeoff", "sweep, comparison (with an ensemble)",
                      "scenario discovery for --where (default peak_escalation >= 8): PRIM's "
                      "peeling trajectory, coverage against density"),
    "prim-box": ("discovery", "plot_prim_box", "sweep, comparison (with an ensemble)",
                 "scenario discovery for --where (default peak_escalation >= 8): PRIM's chosen "
                 "box, each restricted parameter's limits and quasi-p"),
    "posterior": ("posterior_plots", "plot_posterior", "calibration",
                  "marginals per generation and pairs of the posterior's particles"),
}

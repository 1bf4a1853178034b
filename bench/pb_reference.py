#!/usr/bin/env python3
"""The reference side of the participatory-budgeting bench: runs pabutools (PyPI `pabutools`) on Pabulib files
with the same rules as `chorus-bench pb` and prints the same JSON line per file, so bench/run_pb_bench.sh can
compare outcomes and times.

    python pb_reference.py --rule greedy|mes|mes-add1|mes-add1-exhaustive|mes-add1-greedy|mes-cardinal [--float] file.pb ...

Rules, as pabutools calls them:
  greedy           greedy_utilitarian_welfare, satisfaction = cost for approval ballots (so the score is the
                   number of votes) and points × cost for points ballots (so the score is total points)
  mes              method_of_equal_shares, Cost_Sat
  mes-add1         exhaustion_by_budget_increase(mes, budget_step = number of voters, exhaustive_stop=False): one
                   more unit per voter until the outcome would exceed the budget (the cities' Add1)
  mes-add1-exhaustive  method_of_equal_shares with voter_budget_increment=1 (also stops when exhaustive)
  mes-add1-greedy  completion_by_rule_combination: mes-add1, then greedy with Cost_Sat
  mes-cardinal     method_of_equal_shares, Additive_Cardinal_Sat (the ballots' points)
Ties: pabutools' default, lexicographic on the project id. --float switches pabutools to its float arithmetic
(pabutools.fractions.FRACTION = "float"); the default is its exact gmpy2 fractions.
Timing: parse_s is parse_pabulib, rule_s the rule call, wall clock, one run each.
"""
import argparse
import json
import os
import sys
import time

import pabutools.fractions

RULES = ["greedy", "mes", "mes-add1", "mes-add1-exhaustive", "mes-add1-greedy", "mes-cardinal"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rule", required=True, choices=RULES)
    ap.add_argument("--float", action="store_true", help="pabutools' float arithmetic instead of exact fractions")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.float:
        pabutools.fractions.FRACTION = pabutools.fractions.FLOAT_FRAC
    # Imported after choosing the arithmetic: the parser reads numbers with str_as_frac.
    from pabutools.election import parse_pabulib, Cost_Sat, Additive_Cardinal_Sat
    from pabutools.election.profile import AbstractApprovalProfile
    from pabutools.election.satisfaction.additivesatisfaction import AdditiveSatisfaction
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares, completion_by_rule_combination
    from pabutools.rules import exhaustion_by_budget_increase

    def points_times_cost(instance, profile, ballot, project, precomputed):
        return ballot.get(project, 0) * project.cost

    class PointsTimesCostSat(AdditiveSatisfaction):
        """Greedy's density is satisfaction / cost, so points × cost ranks by total points."""

        def __init__(self, instance, profile, ballot):
            AdditiveSatisfaction.__init__(self, instance, profile, ballot, points_times_cost)

    def add1(instance, profile, **kwargs):
        # The total budget grows by one unit per voter a step; feasibility is checked against the real budget.
        return exhaustion_by_budget_increase(
            instance, profile, method_of_equal_shares, {"sat_class": Cost_Sat},
            budget_step=profile.num_ballots(), exhaustive_stop=False, **kwargs)


    for path in args.files:
        t0 = time.perf_counter()
        instance, profile = parse_pabulib(path)
        t1 = time.perf_counter()
        approval = isinstance(profile, AbstractApprovalProfile)
        if args.rule == "greedy":
            out = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat if approval else PointsTimesCostSat)
        elif args.rule == "mes":
            out = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
        elif args.rule == "mes-add1":
            out = add1(instance, profile)
        elif args.rule == "mes-add1-exhaustive":
            out = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
        elif args.rule == "mes-add1-greedy":
            out = completion_by_rule_combination(
                instance, profile, [add1, greedy_utilitarian_welfare], [{}, {"sat_class": Cost_Sat}])
        else:
            out = method_of_equal_shares(instance, profile, sat_class=Additive_Cardinal_Sat)
        t2 = time.perf_counter()
        line = {
            "file": os.path.basename(path), "rule": args.rule, "parse_s": t1 - t0, "rule_s": t2 - t1,
            "selected": sorted(p.name for p in out), "spent": float(sum(p.cost for p in out)),
            "arithmetic": "float" if args.float else "exact",
        }
        print(json.dumps(line, sort_keys=True), flush=True)


if __name__ == "__main__":
    sys.exit(main())

"""plan.toml loading and the gate arithmetic, edge inputs included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.figures.observations import empty
from capexwatch.core.plan import gates, tripwire
from capexwatch.core.plan import model as plan
from capexwatch.core.plan.model import Entry, Market, Plan, Workload
from tests.frames import obs

TODAY = dt.date(2026, 1, 20)


def make(**sections: dict[str, float | str]) -> Plan:
    base = plan.empty(Path("plan.toml"))
    entries = dict(base.entries)
    for sid, values in sections.items():
        owner = str(values.pop("owner", "")) if "owner" in values else ""
        entries[sid] = Entry("", owner, dict(values))
    return Plan(base.path, entries)


def by_id(p: Plan, observations=None) -> dict[str, gates.Gate]:
    data = empty() if observations is None else observations
    return {g.id: g for g in gates.evaluate(p, data, TODAY)}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


# ── loading ─────────────────────────────────────────────────────────────────────────────────


def test_first_run_writes_the_commented_plan_and_every_gate_is_open(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "plan.toml"
    assert plan.ensure_exists(path)
    assert not plan.ensure_exists(path)  # never written twice
    loaded = plan.load(path)
    assert {g.status for g in gates.evaluate(loaded, empty(), TODAY)} == {"open"}
    # The defaults explain themselves: every question text is in the file as a comment.
    text = path.read_text("utf-8")
    for section in plan.SECTIONS:
        assert f"[{section.id}]" in text


def test_an_existing_plan_is_never_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path, "[utilization]\nthreshold = 0.9\n")
    assert not plan.ensure_exists(path)
    assert path.read_text() == "[utilization]\nthreshold = 0.9\n"


def test_unknown_key_is_located_with_a_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "[utilization]\nthreshold = 0.85\ncurent = 0.7\n")
    with pytest.raises(ConfigError) as info:
        plan.load(path)
    assert str(info.value) == (
        f"{path}:3:1: unknown key 'curent' in [utilization]; did you mean 'current'?"
    )


def test_wrong_types_and_unknown_sections_are_all_reported(tmp_path: Path) -> None:
    text = (
        '[utilisation]\nthreshold = 1\n[payback]\ncapex = "lots"\n'
        '[[gpu_priority.workload]]\nname = "A"\nrevenue = "contractd"\nrank = 0\n'
        '[tripwire]\ncompany = "XYZ"\nop = "=="\nmetric = "cloud_revenue_yoyy"\n'
        "[attach_rate]\ncurrent = 18\n"
    )
    with pytest.raises(ConfigError) as info:
        plan.load(write(tmp_path, text), {"BABA"})
    messages = [p.message for p in info.value.problems]
    assert any("unknown key 'utilisation'" in m and "utilization" in m for m in messages)
    assert any("'payback.capex' must be a number" in m for m in messages)
    assert any("did you mean 'contracted'" in m for m in messages)
    assert any("rank must be 1 or more" in m for m in messages)
    assert any("unknown company 'XYZ'" in m for m in messages)
    assert any("op must be one of" in m for m in messages)
    assert any("did you mean 'cloud_revenue_yoy'" in m for m in messages)
    assert "'attach_rate.current' is a fraction: write 85% as 0.85, not 18" in messages
    assert all(p.line > 0 and p.col > 0 for p in info.value.problems)


def test_rows_load_in_file_order(tmp_path: Path) -> None:
    text = (
        "[payback]\nmax_months = 12\n"
        '[[payback.market]]\nname = "North"\ninvestment = 100\nmonthly_contribution = 10\n'
        '[[payback.market]]\nname = "South"\ninvestment = 100\nmonthly_contribution = 5\n'
    )
    loaded = plan.load(write(tmp_path, text))
    assert loaded.markets == (Market("North", 100.0, 10.0), Market("South", 100.0, 5.0))


# ── gates ───────────────────────────────────────────────────────────────────────────────────


def test_utilization_below_threshold_fails_with_its_break_even() -> None:
    gate = by_id(make(utilization={"threshold": 0.85, "current": 0.78, "owner": "VP Infra"}))[
        "utilization"
    ]
    assert gate.status == "fail"
    assert "78.0% is 7.0pp below the 85.0% threshold" in gate.detail
    assert "VP Infra signs off" in gate.detail
    assert gate.break_even_value == pytest.approx(0.85)
    assert gate.label == "✘ FAIL"


def test_utilization_exactly_on_the_threshold_passes() -> None:
    gate = by_id(make(utilization={"threshold": 0.3, "current": 0.1 + 0.2}))["utilization"]
    assert gate.status == "pass"
    assert "no owner named" in gate.detail


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "needs threshold, current"),
        ({"threshold": 0.85}, "needs current"),
        ({"threshold": 85, "current": 0.7}, "write 85% as 0.85"),
        ({"threshold": 0, "current": 0.7}, "not a fraction"),
        ({"threshold": 0.8, "current": -0.1}, "not a fraction"),
    ],
)
def test_utilization_bad_or_missing_inputs_are_open(values: dict, expected: str) -> None:
    gate = by_id(make(utilization=values))["utilization"]
    assert gate.status == "open"
    assert expected in gate.detail


def test_unit_economics_margin_and_break_even_price() -> None:
    values = {
        "price_per_unit": 1.0,
        "inference_cost_per_unit": 0.5,
        "orchestration_cost_per_unit": 0.2,
        "target_margin": 0.4,
    }
    gate = by_id(make(unit_economics=values))["unit_economics"]
    assert gate.status == "fail"  # margin 30% against 40%
    assert "a 30.0% margin against a 40.0% target" in gate.detail
    # price at which (p − 0.7) / p = 0.4 → p = 0.7 / 0.6
    assert gate.break_even_value == pytest.approx(0.7 / 0.6)
    assert "flips at a price of 1.17" in gate.break_even


def test_unit_economics_subsidized_and_degenerate_inputs() -> None:
    base = {"inference_cost_per_unit": 2.0, "orchestration_cost_per_unit": 0.0}
    sub = by_id(make(unit_economics={**base, "price_per_unit": 1.0, "target_margin": 0.0}))
    assert sub["unit_economics"].status == "fail"
    assert "every unit is subsidized" in sub["unit_economics"].detail
    zero = by_id(make(unit_economics={**base, "price_per_unit": 0.0, "target_margin": 0.1}))
    assert zero["unit_economics"].status == "open"
    assert "price_per_unit must be above 0" in zero["unit_economics"].detail
    full = by_id(make(unit_economics={**base, "price_per_unit": 5.0, "target_margin": 1.0}))
    assert full["unit_economics"].status == "open"
    negative = {**base, "inference_cost_per_unit": -1.0, "price_per_unit": 5.0}
    neg = by_id(make(unit_economics={**negative, "target_margin": 0.1}))
    assert "cannot be negative" in neg["unit_economics"].detail


def test_payback_months_against_the_limit_and_markets_to_pause() -> None:
    p = make(payback={"capex": 1200.0, "monthly_contribution": 100.0, "max_months": 18})
    p = Plan(
        p.path,
        p.entries,
        markets=(
            Market("North", 600.0, 50.0),  # 12 months
            Market("South", 600.0, 20.0),  # 30 months: past
            Market("East", 600.0, -5.0),  # never
            Market("West", 600.0, None),  # open
        ),
    )
    gate = by_id(p)["payback"]
    assert gate.status == "fail"
    assert "12.0 months, within the 18-month limit" in gate.detail
    assert gate.to_pause == ("South", "East")
    assert "candidates to pause subsidies or capacity: South, East" in gate.detail
    assert gate.break_even_value == pytest.approx(1200 / 18)
    statuses = {m.name: m.status for m in gate.markets}
    assert statuses == {"North": "pass", "South": "fail", "East": "fail", "West": "open"}
    assert gate.markets[1].months == pytest.approx(30.0)


def test_payback_edge_inputs() -> None:
    assert by_id(make())["payback"].status == "open"
    no_limit = by_id(make(payback={"capex": 10.0, "monthly_contribution": 1.0}))["payback"]
    assert no_limit.status == "open" and "max_months" in no_limit.detail
    zero_limit = make(payback={"capex": 10.0, "monthly_contribution": 1.0, "max_months": 0})
    assert "max_months must be above 0" in by_id(zero_limit)["payback"].detail
    never = make(payback={"capex": 10.0, "monthly_contribution": 0.0, "max_months": 12})
    gate = by_id(never)["payback"]
    assert gate.status == "fail" and "never pays back" in gate.detail
    on_line = make(payback={"capex": 12.0, "monthly_contribution": 1.0, "max_months": 12})
    assert by_id(on_line)["payback"].status == "pass"


def test_gpu_priority_rules() -> None:
    def gate(*rows: Workload) -> gates.Gate:
        base = make()
        return by_id(Plan(base.path, base.entries, workloads=rows))["gpu_priority"]

    assert gate().status == "open"
    ok = gate(Workload("API", 1, "contracted"), Workload("Lab", 2, "experimental"))
    assert ok.status == "pass"
    assert ok.break_even == "experimental workloads must rank after 1"
    bad = gate(Workload("API", 2, "contracted"), Workload("Lab", 1, "experimental"))
    assert bad.status == "fail"
    assert "experimental 'Lab' (rank 1) outranks contracted 'API' (rank 2)" in bad.detail
    tie = gate(Workload("API", 1, "contracted"), Workload("Lab", 1, "experimental"))
    assert tie.status == "pass"  # equal rank does not outrank
    unranked = gate(Workload("API", None, "contracted"))
    assert unranked.status == "open" and "no rank for API" in unranked.detail


def test_backlog_coverage_and_attach_rate() -> None:
    g = by_id(
        make(
            backlog_coverage={
                "contracted_backlog": 25.0,
                "new_capacity": 20.0,
                "min_coverage": 1.5,
            },
            attach_rate={"current": 0.3, "threshold": 0.25},
        )
    )
    assert g["backlog_coverage"].status == "fail"
    assert "1.25x coverage against 1.50x required" in g["backlog_coverage"].detail
    assert g["backlog_coverage"].break_even_value == pytest.approx(30.0)
    assert g["attach_rate"].status == "pass"
    zero = by_id(
        make(backlog_coverage={"contracted_backlog": 5.0, "new_capacity": 0.0, "min_coverage": 1})
    )
    assert "new_capacity must be above 0" in zero["backlog_coverage"].detail


def test_tripwire_fires_on_live_data_and_is_a_signal() -> None:
    data = obs(
        {
            "metric": "free_cash_flow",
            "period": "FY2026Q2",
            "period_end": "2025-09-30",
            "value": -21.8e9,
        }
    )
    values = {"company": "BABA", "metric": "free_cash_flow", "op": "<", "threshold": 0.0}
    p = make(tripwire={**values, "decision": "Pause the GPU order"})
    wire = tripwire.signal(p)
    assert wire is not None and wire.id == tripwire.SIGNAL_ID
    gate = by_id(p, data)["tripwire"]
    assert gate.status == "fail"
    assert "decision: Pause the GPU order" in gate.detail
    assert gate.signal is not None and gate.signal.status == "triggered"
    calm = by_id(make(tripwire={**values, "op": ">"}), data)["tripwire"]
    assert calm.status == "pass"
    none = by_id(make(tripwire={**values, "metric": "capex"}), data)["tripwire"]
    assert none.status == "open" and "no capex figures" in none.detail
    missing = by_id(make(tripwire={"company": "BABA"}))["tripwire"]
    assert missing.status == "open" and "needs metric, op, threshold" in missing.detail
    assert tripwire.signal(make(tripwire={"company": "BABA"})) is None


# ── properties ──────────────────────────────────────────────────────────────────────────────

_FRAGMENTS = st.sampled_from(
    [
        "[utilization]\n",
        "[payback]\n",
        "[[payback.market]]\n",
        "[[gpu_priority.workload]]\n",
        "[tripwire]\n",
        "threshold = 0.8\n",
        "current = 2\n",
        'name = "A"\n',
        "rank = -1\n",
        'revenue = "other"\n',
        "max_months = 0\n",
        "capex = -5\n",
        'op = "<"\n',
        "monthly_contribution = 0\n",
        "answer = 3\n",
        "x = [1, {a = 2}]\n",
        "= broken\n",
        "investment = nan\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=12))
def test_loader_raises_only_its_own_error_and_gates_never_crash(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str]
) -> None:
    path = tmp_path_factory.mktemp("p") / "plan.toml"
    path.write_text("".join(parts), "utf-8")
    try:
        loaded = plan.load(path, {"BABA"})
    except ConfigError as error:
        assert all(p.line >= 1 and p.col >= 1 for p in error.problems)
        return
    for gate in gates.evaluate(loaded, empty(), TODAY):
        assert gate.status in ("pass", "fail", "open")
        assert gate.detail


def test_a_payback_that_never_comes_reads_as_a_sentence() -> None:
    never = make(payback={"capex": 12e6, "monthly_contribution": 0.0, "max_months": 12})
    detail = by_id(never)["payback"].detail
    # Not "capex a monthly contribution of 0 never pays back 12.0M".
    assert detail.startswith("capex: a monthly contribution of 0 never pays back the 12.0M")


def test_the_tripwire_title_ends_before_what_follows_it() -> None:
    from capexwatch.core.plan import tripwire

    wire = make(
        tripwire={"company": "BABA", "metric": "capex_intensity", "op": ">",
                  "threshold": 0.25, "decision": "Pause the next GPU order."}
    )  # fmt: skip
    signal = tripwire.signal(wire)
    assert signal is not None and signal.title == "Plan tripwire: Pause the next GPU order"

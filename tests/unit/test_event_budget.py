"""The per-connection event budget: bursts pass, floods are refused, told once."""

from partner_app.services.event_budget import BudgetRules, ConnectionBudgets, Verdict

RULES = BudgetRules(capacity=5, refill_per_s=2, notice_interval_s=10)


def test_a_burst_within_the_capacity_passes() -> None:
    budgets = ConnectionBudgets(RULES)
    assert [budgets.judge("a", now=0.0) for _ in range(5)] == [Verdict.ACCEPT] * 5


def test_a_flood_is_refused_and_told_once_per_interval() -> None:
    budgets = ConnectionBudgets(RULES)
    for _ in range(5):
        budgets.judge("a", now=0.0)
    assert budgets.judge("a", now=0.0) is Verdict.REFUSE_AND_TELL
    assert budgets.judge("a", now=0.1) is Verdict.REFUSE
    # Refilled by then (2 a second), but told again only after the interval.
    assert budgets.judge("a", now=1.0) is Verdict.ACCEPT
    for _ in range(3):
        budgets.judge("a", now=1.0)
    assert budgets.judge("a", now=1.0) is Verdict.REFUSE
    assert budgets.judge("a", now=10.0) is Verdict.ACCEPT
    budgets._buckets["a"].tokens = 0
    assert budgets.judge("a", now=10.0) is Verdict.REFUSE_AND_TELL


def test_a_steady_pace_below_the_refill_is_never_refused() -> None:
    budgets = ConnectionBudgets(RULES)
    verdicts = {budgets.judge("a", now=step * 0.5) for step in range(1000)}
    assert verdicts == {Verdict.ACCEPT}


def test_connections_have_budgets_of_their_own_and_are_forgotten() -> None:
    budgets = ConnectionBudgets(RULES)
    for _ in range(6):
        budgets.judge("a", now=0.0)
    assert budgets.judge("b", now=0.0) is Verdict.ACCEPT
    budgets.forget("a")
    budgets.forget("b")
    assert len(budgets) == 0

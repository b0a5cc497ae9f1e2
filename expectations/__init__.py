"""Data-quality checks the way a budget reviewer makes them, run through great-expectations.

``validate(goal_tables, indicators)`` returns one dq_issues row per failed
check; ``RULES`` lists the rules (name, severity, level, facts, checks).
Importing this package does not import great_expectations.
"""

from expectations.rules import RULES, Check, Rule
from expectations.validate import validate

__all__ = ["RULES", "Check", "Rule", "validate"]

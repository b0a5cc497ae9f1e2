"""Data-quality checks the way a budget reviewer makes them, run through great-expectations.

``validate(goal_tables, indicators)`` returns one dq_issues row per failed
check; the rules' severities and thresholds are data (``rules.toml``,
``load_catalog``). Importing this package does not import great_expectations.
"""

from expectations.catalog import Catalog, load_catalog
from expectations.rules import Check, Rule, rules_of
from expectations.validate import validate, validate_many

__all__ = ["Catalog", "Check", "Rule", "load_catalog", "rules_of", "validate", "validate_many"]

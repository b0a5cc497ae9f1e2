"""Data-quality checks the way a budget reviewer makes them, run through great-expectations."""

from expectations.validate import validate

__all__ = ["validate"]

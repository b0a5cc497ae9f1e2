"""Helpers shared by test modules (pytest puts tests/ on sys.path, so ``from helpers.frames import ...``).

No test module imports another test module; what two of them share lives here or in a conftest.py fixture.
"""

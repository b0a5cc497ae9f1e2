"""The ground every room stands on: the facts all stages share, importing nothing of ours.

``core.errors`` is the one error hierarchy, ``core.status`` the document
statuses; nothing here may import extract/, transform/, expectations/,
warehouse/, flows/ or perfgoals/ (``tests/test_layers.py`` checks).
"""

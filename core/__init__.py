"""The ground every room stands on: the facts all stages share, importing nothing of ours.

``core.errors`` is the one error hierarchy, ``core.status`` the document
statuses, ``core.contract`` the columns of the warehouse's tables and views
(from which transform/ makes its polars schemas and warehouse/ its DDL),
``core.text`` the folding of text before it is compared. Nothing here may
import extract/, transform/, expectations/, warehouse/, flows/ or
perfgoals/ (``tests/test_layers.py`` checks).
"""

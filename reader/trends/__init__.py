"""Trends and Keyword in Context: how often queries were matched year by year, and where.

``views.TrendsViews`` makes the two windows on demand; the counting and the concordance
are the core's (``archive.trends``, ``archive.kwic``), run on the search thread.
"""

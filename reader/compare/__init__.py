"""View › Compare: the terms most distinctive of two years, or two sets of documents."""

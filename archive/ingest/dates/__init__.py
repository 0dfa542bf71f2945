"""Publication dates: month and weekday names from CLDR, the forms dates are written in,
labels and stamps, years that are no publication year, and the ranking of the evidence.
"""

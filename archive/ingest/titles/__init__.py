"""Titles: the title a file declares, a web page's agreed headline, the headline a text
opens with, labels that are no title, and the choice among them.
"""

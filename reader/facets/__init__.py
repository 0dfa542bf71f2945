"""The Facets and Saved Searches docks: countries and organisations mentioned, saved searches."""

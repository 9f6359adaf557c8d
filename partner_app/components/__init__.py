"""One file per visual piece of the page."""

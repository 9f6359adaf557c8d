"""Krefeld's partner cities as a Reflex web app."""

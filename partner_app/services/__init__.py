"""Business rules in plain Python over a database session; no Reflex imports here."""

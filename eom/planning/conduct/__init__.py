"""The code of conduct: its versions, a mission's own items, and acknowledgements."""

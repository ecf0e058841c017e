"""The observer roster: the people DECO can send on missions."""

"""Server-rendered HTML pages (Jinja2), signed in through an HttpOnly cookie."""

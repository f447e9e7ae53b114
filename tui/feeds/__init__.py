"""Subscribable calendar feeds: the HTTP server and the URLs it answers."""

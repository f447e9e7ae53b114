"""Group leaders over SSH: a server that runs the app for each session on its own terminal."""

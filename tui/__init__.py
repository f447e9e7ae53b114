"""shiftcell's front ends: the Textual app, the command line, the SSH server."""
